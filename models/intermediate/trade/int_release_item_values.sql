-- grain: one row per flow, period_month, area_code and release item ('total', '0+1', '70323' …)
-- A release item is either printed by the release XML (world and the 8 areas of its commodity pages) or the
-- sum of its component principal commodities (composites like '0+1' included) from the selected monthly
-- figures. The most recent publication wins; on the same date a sum of official-series figures beats the
-- release XML, which beats sums of microdata (the same order as int_trade_monthly_selected). A figure
-- from the XML carries its printed growth, contribution and share. Quantity: the XML's, scaled to the base unit,
-- or the sum of the components' quantities when every component is in the item's unit. The 'total' row is the
-- area total already selected by int_trade_monthly_selected (its only candidate).
with monthly as (
    select * from {{ ref('int_trade_monthly_selected') }}
),

release_items as (
    select * from {{ ref('release_items') }}
),

components as (
    select * from {{ ref('int_release_item_components') }}
    where release_item_code <> 'total'
),

release_xml_items as (
    select * from {{ ref('int_release_xml_item_values') }}
    where release_item_code <> 'total'
),

component_values as (
    select
        components.flow,
        monthly.period_month,
        monthly.area_code,
        components.release_item_code,
        monthly.value_thousand_yen,
        monthly.quantity,
        monthly.quantity_unit,
        monthly.source,
        monthly.published_date,
        monthly.is_preliminary,
        monthly.source_label
    from components
    inner join monthly
        on
            components.flow = monthly.flow
            and components.commodity_code = monthly.commodity_code
),

component_sums as (
    select
        component_values.flow,
        component_values.period_month,
        component_values.area_code,
        component_values.release_item_code,
        cast(sum(component_values.value_thousand_yen) as bigint) as value_thousand_yen,
        case
            when
                count(*) = count(component_values.quantity)
                and bool_and(component_values.quantity_unit = release_items.quantity_unit)
                then sum(component_values.quantity)
        end as quantity,
        min(release_items.quantity_unit) as quantity_unit,
        case
            when min(component_values.source) = max(component_values.source) then min(component_values.source)
            else 'mixed'
        end as source,
        max(component_values.published_date) as published_date,
        bool_or(component_values.is_preliminary) as is_preliminary,
        bool_or(component_values.source_label = 'synthetic') as is_synthetic
    from component_values
    left join release_items
        on
            component_values.flow = release_items.flow
            and component_values.release_item_code = release_items.release_item_code
    group by
        component_values.flow,
        component_values.period_month,
        component_values.area_code,
        component_values.release_item_code
),

totals as (
    select
        flow,
        period_month,
        area_code,
        value_thousand_yen,
        source,
        published_date,
        is_preliminary,
        value_yoy_pct_published,
        value_yoy_pct_published as contribution_pct_points_published,
        'total' as release_item_code,
        cast(null as decimal(38, 3)) as quantity,
        cast(null as varchar) as quantity_unit,
        source_label = 'synthetic' as is_synthetic
    from monthly
    where commodity_code = 'total'
),

candidates as (
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source,
        published_date,
        is_preliminary,
        is_synthetic,
        cast(null as decimal(10, 1)) as value_yoy_pct_published,
        cast(null as decimal(10, 1)) as contribution_pct_points_published,
        cast(null as decimal(10, 1)) as share_pct_published
    from component_sums
    union all
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source,
        published_date,
        is_preliminary,
        source_label = 'synthetic' as is_synthetic,
        value_yoy_pct_published,
        contribution_pct_points_published,
        share_pct_published
    from release_xml_items
    union all
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source,
        published_date,
        is_preliminary,
        is_synthetic,
        value_yoy_pct_published,
        contribution_pct_points_published,
        cast(null as decimal(10, 1)) as share_pct_published
    from totals
),

ranked as (
    select
        *,
        row_number() over (
            partition by flow, period_month, area_code, release_item_code
            order by
                published_date desc,
                {{ japan_trade.source_precedence_rank('source') }}
        ) as precedence_rank
    from candidates
),

final as (
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source,
        is_preliminary,
        is_synthetic,
        value_yoy_pct_published,
        contribution_pct_points_published,
        share_pct_published
    from ranked
    where precedence_rank = 1
)

select * from final
