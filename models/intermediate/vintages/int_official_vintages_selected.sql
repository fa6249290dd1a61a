-- grain: one row per official series, flow and month: the vintage this build uses
-- The latest publication on or before var('as_of') wins; a later load breaks ties.
with loads as (
    select * from {{ ref('stg_raw__file_loads') }}
    where file_kind = 'official_series'
),

load_months as (
    select * from {{ ref('stg_raw__file_load_months') }}
),

eligible as (
    select
        load_months.load_id,
        loads.series_code,
        loads.file_name,
        loads.source_label,
        load_months.flow,
        load_months.period_month,
        load_months.revision_stage,
        load_months.published_date,
        load_months.is_preliminary
    from load_months
    inner join loads on load_months.load_id = loads.load_id
    where load_months.published_date <= {{ japan_trade.as_of_date() }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by series_code, flow, period_month
            order by published_date desc, load_id desc
        ) as vintage_rank
    from eligible
),

final as (
    select
        load_id,
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
