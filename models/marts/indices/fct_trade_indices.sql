-- grain: one row per flow, period_month, area_code and index_commodity_code ('total' or an index commodity)
-- Trade indices 2020 = 100 (value, Fisher price, Laspeyres, Paasche, quantity) with YoY and coverage.
with indices as (
    select * from {{ ref('int_trade_indices_with_growth') }}
    where period_type = 'month'
),

final as (
    select
        flow,
        period_start as period_month,
        area_code,
        index_commodity_code,
        value_thousand_yen,
        base_year_value_thousand_yen,
        value_index,
        price_index,
        laspeyres_price_index,
        paasche_price_index,
        quantity_index,
        value_index_yoy_pct,
        price_index_yoy_pct,
        laspeyres_price_index_yoy_pct,
        paasche_price_index_yoy_pct,
        quantity_index_yoy_pct,
        quantity_index_display,
        quantity_index_yoy_pct_display,
        items_used,
        items_imputed,
        items_adopted,
        value_share_covered,
        base_weight_share_used,
        missing_item_policy,
        is_preliminary,
        is_price_synthetic,
        value_source
    from indices
)

select * from final
