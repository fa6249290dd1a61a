-- grain: one row per period type (month / year), period, flow, index area and index commodity
-- Total trade value (all items, adopted or not) behind the value index, and its base-year value.
-- 'total': the published totals the marts use (int_trade_monthly_selected: d41ma for the world,
-- the area's total elsewhere); an index commodity: the microdata of every code of its definition.
-- Years count only when all 12 months are there; the base value needs all 12 base-year months.
{%- set base_year = var('index_base_year', 2020) | int %}
with monthly_selected as (
    select * from {{ ref('int_trade_monthly_selected') }}
    where commodity_code = 'total'
),

index_areas as (
    select * from {{ ref('index_areas') }}
),

item_cells as (
    select * from {{ ref('int_index_item_cells') }}
),

commodity_items as (
    select * from {{ ref('int_index_commodity_items') }}
),

total_months as (
    select
        monthly_selected.flow,
        monthly_selected.period_month,
        monthly_selected.area_code,
        'total' as index_commodity_code,
        monthly_selected.value_thousand_yen,
        monthly_selected.is_preliminary,
        monthly_selected.source
    from monthly_selected
    inner join index_areas on monthly_selected.area_code = index_areas.area_code
),

commodity_months as (
    select
        item_cells.flow,
        item_cells.period_month,
        item_cells.area_code,
        commodity_items.index_commodity_code,
        cast(sum(item_cells.value_thousand_yen) as bigint) as value_thousand_yen,
        cast(null as boolean) as is_preliminary,
        'microdata' as source
    from item_cells
    inner join commodity_items
        on
            item_cells.flow = commodity_items.flow
            and item_cells.hs9_code = commodity_items.hs9_code
    where commodity_items.index_commodity_code != 'total'
    group by all
),

all_months as (
    select * from total_months
    union all
    select * from commodity_months
),

annual as (
    select
        flow,
        area_code,
        index_commodity_code,
        cast(sum(value_thousand_yen) as bigint) as value_thousand_yen,
        make_date(year(period_month), 1, 1) as period_start,
        bool_or(is_preliminary) as is_preliminary,
        min(source) as source
    from all_months
    group by flow, make_date(year(period_month), 1, 1), area_code, index_commodity_code
    having count(*) = 12
),

base_year as (
    select
        flow,
        area_code,
        index_commodity_code,
        value_thousand_yen as base_year_value_thousand_yen
    from annual
    where year(period_start) = {{ base_year }}
),

periods as (
    select
        'month' as period_type,
        period_month as period_start,
        flow,
        area_code,
        index_commodity_code,
        value_thousand_yen,
        is_preliminary,
        source
    from all_months
    union all
    select
        'year' as period_type,
        period_start,
        flow,
        area_code,
        index_commodity_code,
        value_thousand_yen,
        is_preliminary,
        source
    from annual
),

final as (
    select
        periods.period_type,
        periods.period_start,
        periods.flow,
        periods.area_code,
        periods.index_commodity_code,
        periods.value_thousand_yen,
        base_year.base_year_value_thousand_yen,
        periods.is_preliminary,
        periods.source
    from periods
    left join base_year
        on
            periods.flow = base_year.flow
            and periods.area_code = base_year.area_code
            and periods.index_commodity_code = base_year.index_commodity_code
)

select * from final
