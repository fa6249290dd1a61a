-- grain: one row per flow, period_month, area_code and release item ('total', '0+1', '70323' …)
-- A release item is the sum of its component principal commodities (composites like '0+1' included).
with monthly as (
    select
        *,
        source_label = 'synthetic' as is_synthetic
    from {{ ref('int_trade_monthly_selected') }}
),

components as (
    select * from {{ ref('int_release_item_components') }}
    where release_item_code <> 'total'
),

component_values as (
    select
        components.flow,
        monthly.period_month,
        monthly.area_code,
        components.release_item_code,
        monthly.value_thousand_yen,
        monthly.is_preliminary,
        monthly.is_synthetic
    from components
    inner join monthly
        on
            components.flow = monthly.flow
            and components.commodity_code = monthly.commodity_code
),

item_values as (
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        cast(sum(value_thousand_yen) as bigint) as value_thousand_yen,
        bool_or(is_preliminary) as is_preliminary,
        bool_or(is_synthetic) as is_synthetic
    from component_values
    group by all
),

totals as (
    select
        flow,
        period_month,
        area_code,
        'total' as release_item_code,
        value_thousand_yen,
        is_preliminary,
        is_synthetic
    from monthly
    where commodity_code = 'total'
),

final as (
    select * from item_values
    union all
    select * from totals
)

select * from final
