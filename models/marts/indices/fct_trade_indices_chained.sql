-- grain: one row per flow, period_month, area_code and index_commodity_code
-- Eurostat-style annually chained Fisher unit-value index (2020 = 100) beside the MOF fixed-base one.
-- Link: Fisher of month t against the previous year's average unit values, weights = previous-year values,
-- outliers removed (int_index_chained_relatives). Chain: annual links A_Y (Fisher of P̄_Y / P̄_{Y−1})
-- multiplied from the first year: level_Y = Π A; month t of year Y: level_{Y−1} × link_t; rescaled so
-- that the 2020 annual level = 100.
{%- set base_year = var('index_base_year', 2020) | int %}
with relatives as (
    select * from {{ ref('int_index_chained_relatives') }}
    where not is_outlier
),

outliers as (
    select * from {{ ref('int_index_chained_relatives') }}
    where is_outlier
),

commodity_items as (
    select * from {{ ref('int_index_commodity_items') }}
),

fixed_base as (
    select * from {{ ref('fct_trade_indices') }}
),

links as (
    select
        relatives.period_type,
        relatives.period_start,
        relatives.flow,
        relatives.area_code,
        commodity_items.index_commodity_code,
        {{ japan_trade.index_fisher(
            japan_trade.index_laspeyres('relatives.price_relative', 'relatives.previous_year_value_thousand_yen'),
            japan_trade.index_paasche('relatives.price_relative', 'relatives.value_thousand_yen')) }} as link_index,
        count(*) as items_used
    from relatives
    inner join commodity_items
        on
            relatives.flow = commodity_items.flow
            and relatives.hs9_code = commodity_items.hs9_code
    group by all
),

outlier_counts as (
    select
        outliers.period_start,
        outliers.flow,
        outliers.area_code,
        commodity_items.index_commodity_code,
        count(*) as outliers_removed
    from outliers
    inner join commodity_items
        on
            outliers.flow = commodity_items.flow
            and outliers.hs9_code = commodity_items.hs9_code
    where outliers.period_type = 'month'
    group by all
),

annual_levels as (
    select
        flow,
        area_code,
        index_commodity_code,
        year(period_start) as period_year,
        -- unbroken chain: every year since the first link must have a link
        product(link_index / 100) over chain as chain_level,
        year(period_start) - min(year(period_start)) over chain + 1 = count(*) over chain as is_unbroken
    from links
    where period_type = 'year' and link_index > 0
    window chain as (
        partition by flow, area_code, index_commodity_code order by period_start
        rows between unbounded preceding and current row
    )
),

first_years as (
    select
        flow,
        area_code,
        index_commodity_code,
        min(period_year) - 1 as period_year,
        1.0 as chain_level
    from annual_levels
    group by all
),

levels as (
    select
        flow,
        area_code,
        index_commodity_code,
        period_year,
        chain_level
    from annual_levels
    where is_unbroken
    union all
    select * from first_years
),

reference_levels as (
    select
        flow,
        area_code,
        index_commodity_code,
        chain_level as reference_level
    from levels
    where period_year = {{ base_year }}
),

final as (
    select
        links.flow,
        links.period_start as period_month,
        links.area_code,
        links.index_commodity_code,
        links.link_index as link_to_previous_year_index,
        fixed_base.price_index as fixed_base_price_index,
        cast(links.items_used as integer) as items_used,
        cast(coalesce(outlier_counts.outliers_removed, 0) as integer) as outliers_removed,
        links.link_index * levels.chain_level / reference_levels.reference_level as chained_price_index
    from links
    left join levels
        on
            links.flow = levels.flow
            and links.area_code = levels.area_code
            and links.index_commodity_code = levels.index_commodity_code
            and year(links.period_start) - 1 = levels.period_year
    left join reference_levels
        on
            links.flow = reference_levels.flow
            and links.area_code = reference_levels.area_code
            and links.index_commodity_code = reference_levels.index_commodity_code
    left join fixed_base
        on
            links.flow = fixed_base.flow
            and links.area_code = fixed_base.area_code
            and links.index_commodity_code = fixed_base.index_commodity_code
            and links.period_start = fixed_base.period_month
    left join outlier_counts
        on
            links.flow = outlier_counts.flow
            and links.area_code = outlier_counts.area_code
            and links.index_commodity_code = outlier_counts.index_commodity_code
            and links.period_start = outlier_counts.period_start
    where links.period_type = 'month'
)

select * from final
