-- grain: one row per period_type ('month' or 'year'), period_start, flow, area_code and index_commodity_code
-- The aggregated indices with the quantity index, the YoY of every index (against the same period type
-- twelve months earlier) and the coverage ratios; fct_trade_indices and fct_trade_indices_annual select from it.
with aggregated as (
    select * from {{ ref('int_trade_indices_aggregated') }}
),

indices as (
    select
        *,
        {{ japan_trade.index_quantity('value_index', 'price_index') }} as quantity_index
    from aggregated
),

previous_year as (
    select
        period_type,
        flow,
        area_code,
        index_commodity_code,
        cast({{ dbt.dateadd('month', 12, 'period_start') }} as date) as period_start,
        value_index,
        price_index,
        laspeyres_price_index,
        paasche_price_index,
        quantity_index
    from indices
),

final as (
    select
        indices.period_type,
        indices.period_start,
        indices.flow,
        indices.area_code,
        indices.index_commodity_code,
        indices.value_thousand_yen,
        indices.base_year_value_thousand_yen,
        indices.value_index,
        indices.price_index,
        indices.laspeyres_price_index,
        indices.paasche_price_index,
        indices.quantity_index,
        {{ japan_trade.growth_pct('indices.value_index', 'previous_year.value_index') }} as value_index_yoy_pct,
        {{ japan_trade.growth_pct('indices.price_index', 'previous_year.price_index') }} as price_index_yoy_pct,
        {{ japan_trade.growth_pct('indices.laspeyres_price_index', 'previous_year.laspeyres_price_index') }}
            as laspeyres_price_index_yoy_pct,
        {{ japan_trade.growth_pct('indices.paasche_price_index', 'previous_year.paasche_price_index') }}
            as paasche_price_index_yoy_pct,
        {{ japan_trade.growth_pct('indices.quantity_index', 'previous_year.quantity_index') }}
            as quantity_index_yoy_pct,
        cast(round(indices.quantity_index, 1) as decimal(18, 1)) as quantity_index_display,
        cast(
            round({{ japan_trade.growth_pct('indices.quantity_index', 'previous_year.quantity_index') }}, 1)
            as decimal(18, 1)
        ) as quantity_index_yoy_pct_display,
        cast(indices.items_used as integer) as items_used,
        cast(indices.items_imputed as integer) as items_imputed,
        cast(indices.items_adopted as integer) as items_adopted,
        cast(indices.priced_value_thousand_yen as double)
        / nullif(cast(indices.value_thousand_yen as double), 0) as value_share_covered,
        cast(indices.priced_base_year_value_thousand_yen as double)
        / nullif(cast(indices.adopted_base_year_value_thousand_yen as double), 0) as base_weight_share_used,
        '{{ var("index_missing_item_policy", "matched_sample") }}' as missing_item_policy,
        coalesce(indices.is_preliminary, false) as is_preliminary,
        indices.is_price_synthetic,
        indices.value_source
    from indices
    left join previous_year
        on
            indices.period_type = previous_year.period_type
            and indices.flow = previous_year.flow
            and indices.area_code = previous_year.area_code
            and indices.index_commodity_code = previous_year.index_commodity_code
            and indices.period_start = previous_year.period_start
)

select * from final
