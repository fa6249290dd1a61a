-- grain: one row per flow, period_month, area_code and top-level index commodity (children of 'total', plus 'other')
-- Additive decomposition of the total Fisher price index change since the base year (F − 100) and of the
-- Fisher quantity index of the items used (Q_F − 100) into commodity contributions, in index points:
--   price:    c_i = 100 · (F·s0_i + L·s01_i) / (F + L) · (r_i − 1),  s0 = P_0Q_0 shares, s01 = P_0Q_t shares
--   quantity: c_i = 100 · (Q_F·s0_i + Q_L·s10_i) / (Q_F + Q_L) · (ρ_i − 1), ρ = Q_t / (Q_0 / 12), s10 = P_tQ_0 shares
-- (L, F, Q_L, Q_F as ratios). The weights make Σ c_i = 100 · (F − 1) exactly (derivation in
-- docs/decisions/indices.md); a commodity's contribution is the sum over its items. Matched sample.
with relatives as (
    select * from {{ ref('int_index_item_relatives') }}
    where period_type = 'month' and price_relative > 0 and priced_value_thousand_yen > 0
),

commodity_items as (
    select * from {{ ref('int_index_commodity_items') }}
),

index_commodities as (
    select * from {{ ref('index_commodities') }}
),

top_level_items as (
    select
        commodity_items.flow,
        commodity_items.hs9_code,
        commodity_items.index_commodity_code
    from commodity_items
    inner join index_commodities
        on
            commodity_items.flow = index_commodities.flow
            and commodity_items.index_commodity_code = index_commodities.index_commodity_code
    where index_commodities.parent_index_commodity_code = 'total' and not index_commodities.is_special_classification
    qualify row_number() over (
        partition by commodity_items.flow, commodity_items.hs9_code order by index_commodities.index_order
    ) = 1
),

items as (
    select
        relatives.flow,
        relatives.period_start,
        relatives.area_code,
        relatives.hs9_code,
        relatives.price_relative,
        cast(relatives.base_value_weight_thousand_yen as double) as base_value,
        cast(relatives.priced_value_thousand_yen as double) as current_value,
        cast(relatives.priced_value_thousand_yen as double) / relatives.price_relative as current_at_base_prices,
        cast(relatives.base_value_weight_thousand_yen as double) * relatives.price_relative as base_at_current_prices
    from relatives
),

totals as (
    select
        flow,
        period_start,
        area_code,
        {{ japan_trade.sum_exact('base_value') }} as sum_base_value,
        {{ japan_trade.sum_exact('current_value') }} as sum_current_value,
        {{ japan_trade.sum_exact('current_at_base_prices') }} as sum_current_at_base_prices,
        {{ japan_trade.sum_exact('base_at_current_prices') }} as sum_base_at_current_prices
    from items
    group by all
),

ratios as (
    select
        *,
        sum_base_at_current_prices / sum_base_value as laspeyres_price,
        sqrt((sum_base_at_current_prices / sum_base_value) * (sum_current_value / sum_current_at_base_prices))
            as fisher_price,
        -- base quantity per month = annual base quantity / 12
        sum_current_at_base_prices / (sum_base_value / 12) as laspeyres_quantity,
        sqrt(
            (sum_current_at_base_prices / (sum_base_value / 12))
            * (sum_current_value / (sum_base_at_current_prices / 12))
        ) as fisher_quantity
    from totals
),

item_contributions as (
    select
        items.flow,
        items.period_start,
        items.area_code,
        items.hs9_code,
        100 * (
            ratios.fisher_price * items.base_value / ratios.sum_base_value
            + ratios.laspeyres_price * items.current_at_base_prices / ratios.sum_current_at_base_prices
        ) / (ratios.fisher_price + ratios.laspeyres_price) * (items.price_relative - 1) as price_contribution,
        100 * (
            ratios.fisher_quantity * items.base_value / ratios.sum_base_value
            + ratios.laspeyres_quantity * items.base_at_current_prices / ratios.sum_base_at_current_prices
        ) / (ratios.fisher_quantity + ratios.laspeyres_quantity)
        * (items.current_at_base_prices / (items.base_value / 12) - 1) as quantity_contribution,
        ratios.fisher_price * 100 as total_price_index,
        ratios.fisher_quantity * 100 as total_fisher_quantity_index
    from items
    inner join ratios
        on
            items.flow = ratios.flow
            and items.period_start = ratios.period_start
            and items.area_code = ratios.area_code
),

final as (
    select
        item_contributions.flow,
        item_contributions.period_start as period_month,
        item_contributions.area_code,
        cast(count(*) as integer) as items_used,
        coalesce(top_level_items.index_commodity_code, 'other') as index_commodity_code,
        {{ japan_trade.sum_exact('item_contributions.price_contribution') }} as price_contribution_pct_points,
        {{ japan_trade.sum_exact('item_contributions.quantity_contribution') }} as quantity_contribution_pct_points,
        any_value(item_contributions.total_price_index) as total_price_index,
        any_value(item_contributions.total_fisher_quantity_index) as total_fisher_quantity_index
    from item_contributions
    left join top_level_items
        on
            item_contributions.flow = top_level_items.flow
            and item_contributions.hs9_code = top_level_items.hs9_code
    group by all
)

select * from final
