-- grain: one row per load, series, area, flow, release item and month
with source as (
    select * from {{ source('raw', 'official_series') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(source_line as integer) as source_line,
        cast(series_code as varchar) as series_code,
        cast(area_code as varchar) as area_code,
        cast(flow as varchar) as flow,
        cast(release_item_code as varchar) as release_item_code,
        cast(period_month as date) as period_month,
        cast(value_thousand_yen as bigint) as value_thousand_yen,
        cast(quantity as bigint) as quantity,
        cast(quantity_unit as varchar) as quantity_unit
    from source
)

select * from renamed
