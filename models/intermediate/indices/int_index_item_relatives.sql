-- grain: one row per period type (month / year), period, flow, index area and adopted item
-- Price relatives P_t / P_0 of the adopted items with their base weight P_0·Q_0 and current
-- value. Years: calendar years with all 12 months loaded for the flow and area, unit value = annual
-- value / annual quantity over the months where both are positive (as the base). Items not priced
-- in a period (not traded, zero value or zero quantity)
-- follow var('index_missing_item_policy'): 'matched_sample' (default; the item leaves both halves of
-- the Fisher for that period) or 'carry_forward' (the Laspeyres half uses the item's last unit value
-- observed since the base year; the Paasche half is unaffected since Q_t = 0).
{%- set policy = var('index_missing_item_policy', 'matched_sample') %}
{%- if policy not in ['matched_sample', 'carry_forward'] %}
    {{ exceptions.raise_compiler_error(
        "var index_missing_item_policy must be 'matched_sample' or 'carry_forward', got '" ~ policy ~ "'") }}
{%- endif %}
{%- set base_year = var('index_base_year', 2020) | int %}
with item_cells as (
    select * from {{ ref('int_index_item_cells') }}
    where year(period_month) >= {{ base_year }}
),

adopted as (
    select * from {{ ref('int_index_items_adopted') }}
    where is_adopted
),

area_months as (
    select distinct
        flow,
        area_code,
        period_month
    from item_cells
),

complete_years as (
    select
        flow,
        area_code,
        make_date(year(period_month), 1, 1) as period_start
    from area_months
    group by flow, area_code, make_date(year(period_month), 1, 1)
    having count(*) = 12
),

monthly_cells as (
    select
        'month' as period_type,
        period_month as period_start,
        flow,
        area_code,
        hs9_code,
        quantity_unit,
        is_synthetic,
        value_thousand_yen,
        quantity
    from item_cells
),

annual_cells as (
    select
        'year' as period_type,
        complete_years.period_start,
        item_cells.flow,
        item_cells.area_code,
        item_cells.hs9_code,
        item_cells.quantity_unit,
        bool_or(item_cells.is_synthetic) as is_synthetic,
        cast(coalesce(sum(item_cells.value_thousand_yen) filter (
            where item_cells.value_thousand_yen > 0 and item_cells.quantity > 0
        ), 0) as bigint) as value_thousand_yen,
        cast(coalesce(sum(item_cells.quantity) filter (
            where item_cells.value_thousand_yen > 0 and item_cells.quantity > 0
        ), 0) as bigint) as quantity
    from item_cells
    inner join complete_years
        on
            item_cells.flow = complete_years.flow
            and item_cells.area_code = complete_years.area_code
            and make_date(year(item_cells.period_month), 1, 1) = complete_years.period_start
    group by all
),

period_cells as (
    select * from monthly_cells
    union all
    select * from annual_cells
),

{%- if policy == 'carry_forward' %}

periods as (
    select distinct
        period_type,
        period_start,
        flow,
        area_code
    from period_cells
),

item_periods as (
    select
        periods.period_type,
        periods.period_start,
        adopted.flow,
        adopted.area_code,
        adopted.hs9_code,
        adopted.quantity_unit,
        adopted.base_year_priced_value_thousand_yen as base_value_weight_thousand_yen,
        adopted.base_unit_value_thousand_yen,
        coalesce(period_cells.is_synthetic, false) as is_synthetic,
        coalesce(period_cells.value_thousand_yen, 0) as value_thousand_yen,
        coalesce(period_cells.quantity, 0) as quantity,
        {{ japan_trade.index_unit_value('period_cells.value_thousand_yen', 'period_cells.quantity') }}
            as observed_unit_value_thousand_yen
    from adopted
    inner join periods
        on
            adopted.flow = periods.flow
            and adopted.area_code = periods.area_code
    left join period_cells
        on
            periods.period_type = period_cells.period_type
            and periods.period_start = period_cells.period_start
            and adopted.flow = period_cells.flow
            and adopted.area_code = period_cells.area_code
            and adopted.hs9_code = period_cells.hs9_code
            and adopted.quantity_unit = period_cells.quantity_unit
),

priced as (
    select
        *,
        coalesce(
            observed_unit_value_thousand_yen,
            last_value(observed_unit_value_thousand_yen ignore nulls) over (
                partition by period_type, flow, area_code, hs9_code, quantity_unit
                order by period_start
                rows between unbounded preceding and current row
            )
        ) as unit_value_thousand_yen
    from item_periods
),

{%- else %}

    priced as (
        select
            period_cells.period_type,
            period_cells.period_start,
            adopted.flow,
            adopted.area_code,
            adopted.hs9_code,
            adopted.quantity_unit,
            adopted.base_year_priced_value_thousand_yen as base_value_weight_thousand_yen,
            adopted.base_unit_value_thousand_yen,
            period_cells.is_synthetic,
            period_cells.value_thousand_yen,
            period_cells.quantity,
            {{ japan_trade.index_unit_value('period_cells.value_thousand_yen', 'period_cells.quantity') }}
                as observed_unit_value_thousand_yen,
            {{ japan_trade.index_unit_value('period_cells.value_thousand_yen', 'period_cells.quantity') }}
                as unit_value_thousand_yen
        from adopted
        inner join period_cells
            on
                adopted.flow = period_cells.flow
                and adopted.area_code = period_cells.area_code
                and adopted.hs9_code = period_cells.hs9_code
                and adopted.quantity_unit = period_cells.quantity_unit
    ),

{%- endif %}

final as (
    select
        period_type,
        period_start,
        flow,
        area_code,
        hs9_code,
        quantity_unit,
        base_value_weight_thousand_yen,
        base_unit_value_thousand_yen,
        is_synthetic,
        value_thousand_yen,
        quantity,
        unit_value_thousand_yen,
        unit_value_thousand_yen / base_unit_value_thousand_yen as price_relative,
        -- the Paasche half and the coverage use only observed prices: Q_t = 0 for an imputed item
        case
            when observed_unit_value_thousand_yen is not null then value_thousand_yen else 0
        end as priced_value_thousand_yen,
        observed_unit_value_thousand_yen is null and unit_value_thousand_yen is not null as is_imputed
    from priced
)

select * from final
