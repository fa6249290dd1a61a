-- grain: one row per period type (month / year), period, flow, index area and index commodity
-- Value, Laspeyres, Paasche, Fisher and quantity indices (2020 = 100) with their diagnostics.
-- Price indices aggregate the price relatives of the adopted items of the index commodity; the value
-- index uses total trade (all items), so quantity = value / price × 100 as MOF computes it.
with relatives as (
    select * from {{ ref('int_index_item_relatives') }}
),

adopted as (
    select * from {{ ref('int_index_items_adopted') }}
    where is_adopted
),

commodity_items as (
    select * from {{ ref('int_index_commodity_items') }}
),

commodity_values as (
    select * from {{ ref('int_index_commodity_values') }}
),

adopted_by_commodity as (
    select
        adopted.flow,
        adopted.area_code,
        commodity_items.index_commodity_code,
        cast(sum(adopted.base_year_priced_value_thousand_yen) as bigint) as adopted_base_year_value_thousand_yen,
        count(*) as items_adopted
    from adopted
    inner join commodity_items
        on
            adopted.flow = commodity_items.flow
            and adopted.hs9_code = commodity_items.hs9_code
    group by all
),

price_aggregates as (
    select
        relatives.period_type,
        relatives.period_start,
        relatives.flow,
        relatives.area_code,
        commodity_items.index_commodity_code,
        {{ japan_trade.index_laspeyres('relatives.price_relative', 'relatives.base_value_weight_thousand_yen') }}
            as laspeyres_price_index,
        {{ japan_trade.index_paasche('relatives.price_relative', 'relatives.priced_value_thousand_yen') }}
            as paasche_price_index,
        bool_or(relatives.is_synthetic) as is_price_synthetic,
        count(*) filter (where relatives.price_relative > 0 and not relatives.is_imputed) as items_used,
        count(*) filter (where relatives.price_relative > 0 and relatives.is_imputed) as items_imputed,
        cast(coalesce(sum(relatives.priced_value_thousand_yen) filter (
            where relatives.price_relative > 0
        ), 0) as bigint) as priced_value_thousand_yen,
        cast(coalesce(sum(relatives.base_value_weight_thousand_yen) filter (
            where relatives.price_relative > 0
        ), 0) as bigint) as priced_base_year_value_thousand_yen
    from relatives
    inner join commodity_items
        on
            relatives.flow = commodity_items.flow
            and relatives.hs9_code = commodity_items.hs9_code
    group by all
),

final as (
    select
        commodity_values.period_type,
        commodity_values.period_start,
        commodity_values.flow,
        commodity_values.area_code,
        commodity_values.index_commodity_code,
        commodity_values.value_thousand_yen,
        commodity_values.base_year_value_thousand_yen,
        commodity_values.is_preliminary,
        commodity_values.source as value_source,
        case commodity_values.period_type
            when 'month' then {{ japan_trade.index_value(
                'commodity_values.value_thousand_yen', 'commodity_values.base_year_value_thousand_yen', 12) }}
            else {{ japan_trade.index_value(
                'commodity_values.value_thousand_yen', 'commodity_values.base_year_value_thousand_yen', 1) }}
        end as value_index,
        price_aggregates.laspeyres_price_index,
        price_aggregates.paasche_price_index,
        {{ japan_trade.index_fisher('price_aggregates.laspeyres_price_index', 'price_aggregates.paasche_price_index') }}
            as price_index,
        coalesce(price_aggregates.is_price_synthetic, false) as is_price_synthetic,
        coalesce(price_aggregates.items_used, 0) as items_used,
        coalesce(price_aggregates.items_imputed, 0) as items_imputed,
        coalesce(adopted_by_commodity.items_adopted, 0) as items_adopted,
        coalesce(price_aggregates.priced_value_thousand_yen, 0) as priced_value_thousand_yen,
        price_aggregates.priced_base_year_value_thousand_yen,
        adopted_by_commodity.adopted_base_year_value_thousand_yen
    from commodity_values
    left join price_aggregates
        on
            commodity_values.period_type = price_aggregates.period_type
            and commodity_values.period_start = price_aggregates.period_start
            and commodity_values.flow = price_aggregates.flow
            and commodity_values.area_code = price_aggregates.area_code
            and commodity_values.index_commodity_code = price_aggregates.index_commodity_code
    left join adopted_by_commodity
        on
            commodity_values.flow = adopted_by_commodity.flow
            and commodity_values.area_code = adopted_by_commodity.area_code
            and commodity_values.index_commodity_code = adopted_by_commodity.index_commodity_code
)

select * from final
