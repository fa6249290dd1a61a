-- grain: one row per loaded release XML file and row of its pg2 (area and country table)
with source as (
    select * from {{ source('raw', 'release_xml_areas') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(row_position as integer) as row_position,
        cast(area_level as integer) as area_level,
        cast(area_name as varchar) as area_name,
        cast(export_value_million_yen as bigint) as export_value_million_yen,
        cast(export_value_marker as varchar) as export_value_marker,
        cast(export_value_yoy_pct as decimal(10, 1)) as export_value_yoy_pct,
        cast(export_value_yoy_marker as varchar) as export_value_yoy_marker,
        cast(import_value_million_yen as bigint) as import_value_million_yen,
        cast(import_value_marker as varchar) as import_value_marker,
        cast(import_value_yoy_pct as decimal(10, 1)) as import_value_yoy_pct,
        cast(import_value_yoy_marker as varchar) as import_value_yoy_marker,
        cast(balance_million_yen as bigint) as balance_million_yen,
        cast(balance_marker as varchar) as balance_marker,
        cast(balance_yoy_pct as decimal(10, 1)) as balance_yoy_pct,
        cast(balance_yoy_marker as varchar) as balance_yoy_marker
    from source
)

select * from renamed
