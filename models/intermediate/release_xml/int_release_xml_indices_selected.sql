-- grain: one row per flow, period_month and index area: the latest published index figures by as_of
-- From the one-area index pages pg22–pg26 (pg21 repeats their last month); a later release of the
-- same month (part 5 after part 4, or the next month's release) supersedes the earlier one.
with files as (
    select * from {{ ref('stg_raw__release_xml_files') }}
    where
        release_coverage = 'full_month'
        and published_date <= {{ japan_trade.as_of_date() }}
),

indices as (
    select * from {{ ref('stg_raw__release_xml_indices') }}
    where period_kind = 'month' and page_number between 22 and 26
),

joined as (
    select
        indices.flow,
        indices.period_start as period_month,
        indices.area_code,
        files.load_id,
        files.release_part,
        files.published_date,
        indices.is_provisional,
        indices.value_index,
        indices.quantity_index,
        indices.price_index,
        indices.value_index_yoy_pct,
        indices.quantity_index_yoy_pct,
        indices.price_index_yoy_pct
    from indices
    inner join files on indices.load_id = files.load_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by flow, period_month, area_code
            order by published_date desc, load_id desc
        ) as vintage_rank
    from joined
),

final as (
    select
        flow,
        period_month,
        area_code,
        load_id,
        release_part,
        published_date,
        is_provisional,
        value_index,
        quantity_index,
        price_index,
        value_index_yoy_pct,
        quantity_index_yoy_pct,
        price_index_yoy_pct
    from ranked
    where vintage_rank = 1
)

select * from final
