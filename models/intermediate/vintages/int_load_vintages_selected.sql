-- grain: one row per source, flow, month and HS chapter ('' where a source covers whole months): the vintage used
-- A file supersedes exactly what it covers (docs/decisions/vintages.md). The unit is (source, flow, month,
-- chapter) for microdata — a full file covers every chapter '00'–'97', a partial one the chapters recorded in
-- raw.file_load_coverage, a load without coverage rows every chapter of its months — and (source, flow,
-- month) for official series. Per unit, among the loads not withdrawn and published on or before
-- var('as_of'), the latest publication wins; a later load breaks ties.
{%- set microdata_kinds = "('customs_world', 'customs_by_country')" %}
with loads as (
    select * from {{ ref('stg_raw__file_loads') }}
),

load_months as (
    select * from {{ ref('stg_raw__file_load_months') }}
),

coverage as (
    select * from {{ ref('stg_raw__file_load_coverage') }}
),

withdrawn as (
    select * from {{ ref('int_loads_withdrawn') }}
),

hs_chapters as (
    select lpad(cast(range as varchar), 2, '0') as hs_chapter
    from range(98)
),

loads_with_coverage as (
    select distinct load_id
    from coverage
),

month_loads as (
    select
        load_months.*,
        loads.file_kind,
        loads.series_code,
        loads.file_name,
        loads.source_label,
        coalesce(loads.series_code, loads.file_kind) as source_key,
        loads_with_coverage.load_id is not null as has_coverage
    from load_months
    inner join loads on load_months.load_id = loads.load_id
    left join loads_with_coverage on load_months.load_id = loads_with_coverage.load_id
    where load_months.load_id not in (select withdrawn.load_id from withdrawn)
),

units as (
    -- microdata with recorded coverage: the chapters it declares
    select
        month_loads.*,
        coverage.hs_chapter
    from month_loads
    inner join coverage
        on
            month_loads.load_id = coverage.load_id
            and month_loads.flow = coverage.flow
            and month_loads.period_month = coverage.period_month
    union all
    -- microdata loaded without coverage rows: every chapter of its months
    select
        month_loads.*,
        hs_chapters.hs_chapter
    from month_loads
    cross join hs_chapters
    where month_loads.file_kind in {{ microdata_kinds }} and not month_loads.has_coverage
    union all
    -- other sources: whole months
    select
        month_loads.*,
        '' as hs_chapter
    from month_loads
    where month_loads.file_kind not in {{ microdata_kinds }}
),

eligible as (
    select * from units
    where published_date <= {{ japan_trade.as_of_date() }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by source_key, flow, period_month, hs_chapter
            order by published_date desc, load_id desc
        ) as vintage_rank
    from eligible
),

final as (
    select
        load_id,
        file_kind,
        source_key,
        series_code,
        file_name,
        source_label,
        flow,
        period_month,
        hs_chapter,
        revision_stage,
        published_date,
        is_preliminary
    from ranked
    where vintage_rank = 1
)

select * from final
