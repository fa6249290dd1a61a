-- grain: one row per layout, flow, month, country ('' at world level), leaf principal commodity and unit pair
-- The selected vintages' microdata summed to the deepest principal commodity, keeping the
-- unit pair so quantities can be converted to each ancestor's unit later. Each cell comes from the
-- vintage selected for its (layout, flow, month, HS chapter); where a month mixes vintages (a partial
-- re-issue), the month carries its latest publication and stage, and is preliminary if any part is.
with selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind in ('customs_world', 'customs_by_country')
),

month_vintages as (
    select distinct
        file_kind,
        flow,
        period_month,
        first_value(revision_stage) over latest_first as revision_stage,
        first_value(published_date) over latest_first as published_date,
        bool_or(is_preliminary) over same_month as is_preliminary,
        case
            when bool_or(source_label = 'synthetic') over same_month then 'synthetic'
            else first_value(source_label) over latest_first
        end as source_label
    from selected_vintages
    window
        same_month as (partition by file_kind, flow, period_month),
        latest_first as (
            partition by file_kind, flow, period_month
            order by published_date desc, load_id desc
            rows between unbounded preceding and unbounded following
        )
),

microdata as (
    select * from {{ ref('stg_raw__customs_microdata') }}
),

code_map as (
    select * from {{ ref('int_hs9_codes_mapped') }}
),

selected_cells as (
    select
        selected_vintages.file_kind,
        month_vintages.source_label,
        month_vintages.revision_stage,
        month_vintages.published_date,
        month_vintages.is_preliminary,
        microdata.flow,
        microdata.period_month,
        code_map.commodity_code,
        microdata.quantity1,
        microdata.quantity2,
        microdata.value_thousand_yen,
        coalesce(microdata.country_code, '') as country_code,
        coalesce(microdata.unit1, '') as unit1,
        coalesce(microdata.unit2, '') as unit2
    from microdata
    inner join selected_vintages
        on
            microdata.load_id = selected_vintages.load_id
            and microdata.flow = selected_vintages.flow
            and microdata.period_month = selected_vintages.period_month
            and left(microdata.hs9_code, 2) = selected_vintages.hs_chapter
    inner join month_vintages
        on
            selected_vintages.file_kind = month_vintages.file_kind
            and selected_vintages.flow = month_vintages.flow
            and selected_vintages.period_month = month_vintages.period_month
    inner join code_map
        on
            microdata.flow = code_map.flow
            and microdata.hs9_code = code_map.hs9_code
),

final as (
    select
        file_kind,
        source_label,
        revision_stage,
        published_date,
        is_preliminary,
        flow,
        period_month,
        country_code,
        commodity_code,
        unit1,
        unit2,
        cast(sum(quantity1) as bigint) as quantity1,
        cast(sum(quantity2) as bigint) as quantity2,
        cast(sum(value_thousand_yen) as bigint) as value_thousand_yen
    from selected_cells
    group by all
)

select * from final
