-- grain: one row per source (microdata layout or official series), flow and month: the vintage this build uses
-- Among the loads published on or before var('as_of'), the latest publication wins; a later load breaks ties.
-- Sources are the microdata layouts (customs_world, customs_by_country) and each official series (d41ma …).
with loads as (
    select * from {{ ref('stg_raw__file_loads') }}
),

load_months as (
    select * from {{ ref('stg_raw__file_load_months') }}
),

eligible as (
    select
        load_months.load_id,
        loads.file_kind,
        loads.series_code,
        loads.file_name,
        loads.source_label,
        load_months.flow,
        load_months.period_month,
        load_months.revision_stage,
        load_months.published_date,
        load_months.is_preliminary,
        coalesce(loads.series_code, loads.file_kind) as source_key
    from load_months
    inner join loads on load_months.load_id = loads.load_id
    where load_months.published_date <= {{ japan_trade.as_of_date() }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by source_key, flow, period_month
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
        revision_stage,
        published_date,
        is_preliminary
    from ranked
    where vintage_rank = 1
)

select * from final
