-- grain: one row per rejected source line of a loaded file
with source as (
    select * from {{ source('raw', 'load_rejects') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(file_name as varchar) as file_name,
        cast(source_line as integer) as source_line,
        cast(raw_text as varchar) as raw_text,
        cast(reason as varchar) as reason,
        cast(rejected_at as timestamp) as rejected_at
    from source
)

select * from renamed
