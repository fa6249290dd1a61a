-- grain: one row per period type (month / year), period, flow, index area and item priced against the previous year
-- Eurostat-style annually chained unit-value relatives: P_t / P̄_{Y−1}, where P̄_{Y−1} is the item's
-- average unit value of the previous calendar year (Σ value / Σ quantity over its priced months) and the
-- weight is its previous-year value. For years, P̄_Y / P̄_{Y−1}. Outliers: a relative whose natural log
-- lies outside Tukey's far-out fences [Q1 − k·IQR, Q3 + k·IQR] of all log relatives of the same
-- period, flow and area (k = var('index_chained_outlier_iqr_multiplier'), default 3) is flagged and
-- left out of the chained Fisher. Item rules as the fixed base: 9-digit codes, no 00-codes, a unit.
{%- set k = var('index_chained_outlier_iqr_multiplier', 3) %}
with item_cells as (
    select * from {{ ref('int_index_item_cells') }}
    where
        regexp_full_match(hs9_code, '[0-9]{9}')
        and not starts_with(hs9_code, '00')
        and quantity_unit != ''
        and value_thousand_yen > 0
        and quantity > 0
),

area_months as (
    select
        flow,
        area_code,
        year(period_month) as period_year,
        count(distinct period_month) as months
    from {{ ref('int_index_item_cells') }}
    group by all
),

item_years as (
    select
        item_cells.flow,
        item_cells.area_code,
        item_cells.hs9_code,
        item_cells.quantity_unit,
        cast(sum(item_cells.value_thousand_yen) as bigint) as value_thousand_yen,
        cast(sum(item_cells.quantity) as bigint) as quantity,
        year(item_cells.period_month) as period_year,
        area_months.months = 12 as is_complete_year,
        cast(sum(item_cells.value_thousand_yen) as double) / cast(sum(item_cells.quantity) as double)
            as unit_value_thousand_yen
    from item_cells
    inner join area_months
        on
            item_cells.flow = area_months.flow
            and item_cells.area_code = area_months.area_code
            and year(item_cells.period_month) = area_months.period_year
    group by all
),

previous_years as (
    select
        flow,
        area_code,
        hs9_code,
        quantity_unit,
        value_thousand_yen as previous_year_value_thousand_yen,
        unit_value_thousand_yen as previous_year_unit_value_thousand_yen,
        period_year + 1 as period_year
    from item_years
    where is_complete_year
),

monthly as (
    select
        'month' as period_type,
        item_cells.period_month as period_start,
        item_cells.flow,
        item_cells.area_code,
        item_cells.hs9_code,
        item_cells.quantity_unit,
        item_cells.value_thousand_yen,
        previous_years.previous_year_value_thousand_yen,
        {{ japan_trade.index_unit_value('item_cells.value_thousand_yen', 'item_cells.quantity') }}
        / previous_years.previous_year_unit_value_thousand_yen as price_relative
    from item_cells
    inner join previous_years
        on
            item_cells.flow = previous_years.flow
            and item_cells.area_code = previous_years.area_code
            and item_cells.hs9_code = previous_years.hs9_code
            and item_cells.quantity_unit = previous_years.quantity_unit
            and year(item_cells.period_month) = previous_years.period_year
),

annual as (
    select
        'year' as period_type,
        make_date(item_years.period_year, 1, 1) as period_start,
        item_years.flow,
        item_years.area_code,
        item_years.hs9_code,
        item_years.quantity_unit,
        item_years.value_thousand_yen,
        previous_years.previous_year_value_thousand_yen,
        item_years.unit_value_thousand_yen / previous_years.previous_year_unit_value_thousand_yen as price_relative
    from item_years
    inner join previous_years
        on
            item_years.flow = previous_years.flow
            and item_years.area_code = previous_years.area_code
            and item_years.hs9_code = previous_years.hs9_code
            and item_years.quantity_unit = previous_years.quantity_unit
            and item_years.period_year = previous_years.period_year
    where item_years.is_complete_year
),

relatives as (
    select * from monthly
    union all
    select * from annual
),

fences as (
    select
        period_type,
        period_start,
        flow,
        area_code,
        quantile_cont(ln(price_relative), 0.25) as log_q1,
        quantile_cont(ln(price_relative), 0.75) as log_q3
    from relatives
    group by all
),

final as (
    select
        relatives.*,
        ln(relatives.price_relative) < fences.log_q1 - {{ k }} * (fences.log_q3 - fences.log_q1)
        or ln(relatives.price_relative) > fences.log_q3 + {{ k }} * (fences.log_q3 - fences.log_q1) as is_outlier
    from relatives
    inner join fences
        on
            relatives.period_type = fences.period_type
            and relatives.period_start = fences.period_start
            and relatives.flow = fences.flow
            and relatives.area_code = fences.area_code
)

select * from final
