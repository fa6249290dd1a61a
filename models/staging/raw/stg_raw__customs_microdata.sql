-- grain: one row per load, flow, 9-digit code, country (null at world level) and month
with source as (
    select * from {{ source('raw', 'customs_microdata') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(source_line as integer) as source_line,
        cast(flow as varchar) as flow,
        cast(hs9_code as varchar) as hs9_code,
        cast(country_code as varchar) as country_code,
        cast(unit1 as varchar) as unit1,
        cast(unit2 as varchar) as unit2,
        cast(period_month as date) as period_month,
        cast(quantity1 as bigint) as quantity1,
        cast(quantity2 as bigint) as quantity2,
        cast(value_thousand_yen as bigint) as value_thousand_yen
    from source
)

select * from renamed
