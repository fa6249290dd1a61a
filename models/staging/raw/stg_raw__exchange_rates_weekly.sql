-- grain: one row per load, week and currency
with source as (
    select * from {{ source('raw', 'exchange_rates_weekly') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(source_line as integer) as source_line,
        cast(week_start as date) as week_start,
        cast(currency as varchar) as currency,
        cast(yen_per_unit as decimal(12, 4)) as yen_per_unit
    from source
)

select * from renamed
