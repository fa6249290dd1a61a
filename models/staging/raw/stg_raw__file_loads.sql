-- grain: one row per loaded file
with source as (
    select * from {{ source('raw', 'file_loads') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(file_name as varchar) as file_name,
        cast(file_sha256 as varchar) as file_sha256,
        cast(file_kind as varchar) as file_kind,
        cast(series_code as varchar) as series_code,
        cast(flows as varchar) as flows,
        cast(data_year as integer) as data_year,
        cast(source_label as varchar) as source_label,
        cast(vintage_date as date) as vintage_date,
        cast(first_month as date) as first_month,
        cast(last_month as date) as last_month,
        cast(data_row_count as bigint) as data_row_count,
        cast(rejected_row_count as bigint) as rejected_row_count,
        cast(loaded_at as timestamp) as loaded_at
    from source
)

select * from renamed
