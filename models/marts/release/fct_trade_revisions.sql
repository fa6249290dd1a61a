-- grain: one row per flow, period_month, area_code and release item held in at least one official vintage
-- A release figure as first published and as now (the latest vintage published by var('as_of')), from the
-- official vintages the warehouse holds (release XML parts, d41ma / d51ma / d61ma), with the revision.
-- On the same publication date the release XML counts as earlier than an official series (it is the
-- release itself), then the series code (d41ma before d51ma / d61ma for the total) and the load order decide.
with vintages as (
    select * from {{ ref('int_release_item_vintages') }}
),

ordered as (
    select
        *,
        row_number() over (
            partition by flow, period_month, area_code, release_item_code
            order by published_date, file_kind = 'official_series', series_code, load_id
        ) as first_rank,
        row_number() over (
            partition by flow, period_month, area_code, release_item_code
            order by published_date desc, file_kind = 'official_series' desc, series_code, load_id desc
        ) as latest_rank,
        count(*) over (partition by flow, period_month, area_code, release_item_code) as vintage_count
    from vintages
),

first_published as (
    select * from ordered
    where first_rank = 1
),

latest as (
    select * from ordered
    where latest_rank = 1
),

final as (
    select
        first_published.flow,
        first_published.period_month,
        first_published.area_code,
        first_published.release_item_code,
        first_published.value_thousand_yen as first_value_thousand_yen,
        first_published.published_date as first_published_date,
        first_published.revision_stage as first_revision_stage,
        first_published.file_name as first_file_name,
        latest.value_thousand_yen as latest_value_thousand_yen,
        latest.published_date as latest_published_date,
        latest.revision_stage as latest_revision_stage,
        latest.file_name as latest_file_name,
        cast(first_published.vintage_count as integer) as vintage_count,
        latest.value_thousand_yen - first_published.value_thousand_yen as revision_thousand_yen,
        {{ japan_trade.growth_pct('latest.value_thousand_yen', 'first_published.value_thousand_yen') }}
            as revision_pct
    from first_published
    inner join latest
        on
            first_published.flow = latest.flow
            and first_published.period_month = latest.period_month
            and first_published.area_code = latest.area_code
            and first_published.release_item_code = latest.release_item_code
)

select * from final
