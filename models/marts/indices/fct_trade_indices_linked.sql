-- grain: one row per flow, period_type, period_start, area_code, index_commodity_code and index_type
-- Long series on the 2020 base: periods before 2020 from an older-base series (seed index_old_base_series)
-- linked by new = old × 100 / old(2020 annual) (接続, macro index_link); from 2020 the 2020-base indices.
{%- set base_year = var('index_base_year', 2020) | int %}
with old_series as (
    select * from {{ ref('index_old_base_series') }}
),

monthly as (
    select * from {{ ref('fct_trade_indices') }}
),

annual as (
    select * from {{ ref('fct_trade_indices_annual') }}
),

old_base_year_levels as (
    select
        flow,
        area_code,
        index_commodity_code,
        index_type,
        old_index as old_index_in_new_base_year
    from old_series
    where period_type = 'year' and year(period_start) = {{ base_year }}
),

linked_old as (
    select
        old_series.flow,
        old_series.period_type,
        old_series.period_start,
        old_series.area_code,
        old_series.index_commodity_code,
        old_series.index_type,
        {{ japan_trade.index_link('old_series.old_index', 'old_base_year_levels.old_index_in_new_base_year') }}
            as index_value,
        old_series.old_index,
        old_base_year_levels.old_index_in_new_base_year,
        'linked_' || cast(old_series.old_base_year as varchar) || '_base' as series_source
    from old_series
    left join old_base_year_levels
        on
            old_series.flow = old_base_year_levels.flow
            and old_series.area_code = old_base_year_levels.area_code
            and old_series.index_commodity_code = old_base_year_levels.index_commodity_code
            and old_series.index_type = old_base_year_levels.index_type
    where year(old_series.period_start) < {{ base_year }}
),

new_periods as (
    select
        flow,
        'month' as period_type,
        period_month as period_start,
        area_code,
        index_commodity_code,
        value_index,
        price_index,
        quantity_index
    from monthly
    union all
    select
        flow,
        'year' as period_type,
        make_date(period_year, 1, 1) as period_start,
        area_code,
        index_commodity_code,
        value_index,
        price_index,
        quantity_index
    from annual
),

new_long as (
    unpivot new_periods
    on value_index, price_index, quantity_index
    into name index_type value index_value
),

new_base as (
    select
        flow,
        period_type,
        period_start,
        area_code,
        index_commodity_code,
        replace(index_type, '_index', '') as index_type,
        cast(index_value as double) as index_value,
        cast(null as double) as old_index,
        cast(null as double) as old_index_in_new_base_year,
        'base_{{ base_year }}' as series_source
    from new_long
    where year(period_start) >= {{ base_year }}
),

final as (
    select * from linked_old
    union all
    select * from new_base
)

select * from final
