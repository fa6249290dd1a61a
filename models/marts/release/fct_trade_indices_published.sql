-- grain: one row per flow, period_month and index area (world, 304, eu, asia, 105)
-- The trade indices MOF published in the release XML (latest release by as_of) beside ours
-- (fct_trade_indices, total), with ours minus published.
with published as (
    select * from {{ ref('int_release_xml_indices_selected') }}
),

ours as (
    select
        flow,
        period_month,
        area_code,
        value_index,
        quantity_index,
        price_index,
        value_index_yoy_pct,
        quantity_index_yoy_pct,
        price_index_yoy_pct
    from {{ ref('fct_trade_indices') }}
    where index_commodity_code = 'total'
),

final as (
    select
        published.flow,
        published.period_month,
        published.area_code,
        published.release_part,
        published.published_date,
        published.is_provisional,
        published.value_index as published_value_index,
        published.quantity_index as published_quantity_index,
        published.price_index as published_price_index,
        published.value_index_yoy_pct as published_value_index_yoy_pct,
        published.quantity_index_yoy_pct as published_quantity_index_yoy_pct,
        published.price_index_yoy_pct as published_price_index_yoy_pct,
        ours.value_index as our_value_index,
        ours.quantity_index as our_quantity_index,
        ours.price_index as our_price_index,
        ours.value_index_yoy_pct as our_value_index_yoy_pct,
        ours.quantity_index_yoy_pct as our_quantity_index_yoy_pct,
        ours.price_index_yoy_pct as our_price_index_yoy_pct,
        ours.value_index - published.value_index as value_index_difference,
        ours.quantity_index - published.quantity_index as quantity_index_difference,
        ours.price_index - published.price_index as price_index_difference
    from published
    left join ours
        on
            published.flow = ours.flow
            and published.period_month = ours.period_month
            and published.area_code = ours.area_code
)

select * from final
