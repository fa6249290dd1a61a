-- grain: one row per flow, period_month, area_code and commodity_code ('total' or a principal commodity)
-- Growth is computed from the values, except for a figure taken from the release XML: the release prints
-- its own growth (computed by MOF from unrounded figures of the same vintage), and that is the growth shown.
with selected as (
    select * from {{ ref('int_trade_monthly_selected') }}
),

previous_year as (
    select
        flow,
        area_code,
        commodity_code,
        cast({{ dbt.dateadd('month', 12, 'period_month') }} as date) as period_month,
        value_thousand_yen as value_previous_year_thousand_yen
    from selected
),

area_total_previous_year as (
    select
        flow,
        area_code,
        cast({{ dbt.dateadd('month', 12, 'period_month') }} as date) as period_month,
        value_thousand_yen as area_total_previous_year_thousand_yen
    from selected
    where commodity_code = 'total'
),

final as (
    select
        selected.flow,
        selected.period_month,
        selected.area_code,
        selected.commodity_code,
        selected.value_thousand_yen,
        selected.quantity,
        selected.quantity_unit,
        previous_year.value_previous_year_thousand_yen,
        case
            when selected.source = 'release_xml' then cast(selected.value_yoy_pct_published as double)
            else {{ japan_trade.growth_pct(
                'selected.value_thousand_yen', 'previous_year.value_previous_year_thousand_yen') }}
        end as value_yoy_pct,
        case
            when selected.source = 'release_xml' and selected.commodity_code = 'total'
                then cast(selected.value_yoy_pct_published as double)
            else {{ japan_trade.contribution_pct_points(
                'selected.value_thousand_yen',
                'previous_year.value_previous_year_thousand_yen',
                'area_total_previous_year.area_total_previous_year_thousand_yen') }}
        end as contribution_pct_points,
        selected.value_yoy_pct_published,
        selected.value_yoy_marker,
        selected.is_preliminary,
        selected.revision_stage,
        selected.published_date,
        selected.source,
        selected.series_code,
        selected.source_label,
        selected.source_label = 'synthetic' as is_synthetic
    from selected
    left join previous_year
        on
            selected.flow = previous_year.flow
            and selected.area_code = previous_year.area_code
            and selected.commodity_code = previous_year.commodity_code
            and selected.period_month = previous_year.period_month
    left join area_total_previous_year
        on
            selected.flow = area_total_previous_year.flow
            and selected.area_code = area_total_previous_year.area_code
            and selected.period_month = area_total_previous_year.period_month
)

select * from final
