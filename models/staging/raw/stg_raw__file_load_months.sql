-- grain: one row per loaded file, flow and month covered
with source as (
    select * from {{ source('raw', 'file_load_months') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(flow as varchar) as flow,
        cast(period_month as date) as period_month,
        cast(revision_stage as varchar) as revision_stage,
        cast(published_date as date) as published_date,
        cast(is_stage_inferred as boolean) as is_stage_inferred,
        revision_stage in ('preliminary', 'import_9digit_preliminary') as is_preliminary
    from source
)

select * from renamed
