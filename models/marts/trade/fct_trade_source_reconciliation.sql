-- grain: one row per flow, period_month, release_item_code and microdata source (world level)
-- Where an official series and microdata both give a world release item, both values and the difference.
-- Microdata release items are the sums of their component principal commodities through the code mapping.
with release_item_components as (
    select * from {{ ref('int_release_item_components') }}
),

release_items as (
    select * from {{ ref('release_items') }}
),

official as (
    select
        flow,
        period_month,
        release_item_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        revision_stage,
        published_date,
        series_code
    from {{ ref('int_official_series_selected') }}
    where area_code = 'world' and series_code in ('d51ma', 'd61ma')
),

microdata_nodes as (
    select * from {{ ref('int_trade_microdata_by_area') }}
    where area_code = 'world'
),

microdata_items as (
    select
        microdata_nodes.source,
        release_item_components.flow,
        microdata_nodes.period_month,
        release_item_components.release_item_code,
        cast(sum(microdata_nodes.value_thousand_yen) as bigint) as value_thousand_yen,
        cast(sum(microdata_nodes.quantity) as decimal(38, 3)) as quantity,
        any_value(release_items.name_ja) as name_ja,
        any_value(microdata_nodes.revision_stage) as revision_stage,
        any_value(microdata_nodes.published_date) as published_date
    from release_item_components
    inner join release_items
        on
            release_item_components.flow = release_items.flow
            and release_item_components.release_item_code = release_items.release_item_code
    inner join microdata_nodes
        on
            release_item_components.flow = microdata_nodes.flow
            and release_item_components.commodity_code = microdata_nodes.commodity_code
    group by all
),

final as (
    select
        official.flow,
        official.period_month,
        official.release_item_code,
        microdata_items.name_ja,
        microdata_items.source as microdata_source,
        official.series_code as official_series_code,
        official.value_thousand_yen as official_value_thousand_yen,
        microdata_items.value_thousand_yen as microdata_value_thousand_yen,
        microdata_items.value_thousand_yen - official.value_thousand_yen as difference_thousand_yen,
        {{ japan_trade.growth_pct('microdata_items.value_thousand_yen', 'official.value_thousand_yen') }}
            as difference_pct,
        official.quantity as official_quantity,
        microdata_items.quantity as microdata_quantity,
        official.quantity_unit,
        official.revision_stage as official_revision_stage,
        microdata_items.revision_stage as microdata_revision_stage,
        official.published_date as official_published_date,
        microdata_items.published_date as microdata_published_date
    from official
    inner join microdata_items
        on
            official.flow = microdata_items.flow
            and official.period_month = microdata_items.period_month
            and official.release_item_code = microdata_items.release_item_code
)

select * from final
