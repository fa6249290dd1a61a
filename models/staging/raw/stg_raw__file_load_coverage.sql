-- grain: one row per microdata load, flow, month and HS chapter the load declares it covers
with source as (
    select * from {{ source('raw', 'file_load_coverage') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(flow as varchar) as flow,
        cast(period_month as date) as period_month,
        cast(table_name as varchar) as table_name,
        cast(hs_chapter as varchar) as hs_chapter
    from source
)

select * from renamed
