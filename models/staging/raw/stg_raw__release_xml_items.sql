-- grain: one row per loaded release XML file, commodity page (pg3–pg20) and row
with source as (
    select * from {{ source('raw', 'release_xml_items') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(page_number as integer) as page_number,
        cast(flow as varchar) as flow,
        cast(area_code as varchar) as area_code,
        cast(page_area_name as varchar) as page_area_name,
        cast(row_position as integer) as row_position,
        cast(item_name as varchar) as item_name,
        cast(item_level as integer) as item_level,
        cast(release_item_code as varchar) as release_item_code,
        cast(quantity_unit as varchar) as quantity_unit,
        cast(quantity as bigint) as quantity,
        cast(quantity_marker as varchar) as quantity_marker,
        cast(quantity_base_unit as varchar) as quantity_base_unit,
        cast(quantity_in_base_unit as bigint) as quantity_in_base_unit,
        cast(quantity_yoy_pct as decimal(10, 1)) as quantity_yoy_pct,
        cast(quantity_yoy_marker as varchar) as quantity_yoy_marker,
        cast(value_million_yen as bigint) as value_million_yen,
        cast(value_marker as varchar) as value_marker,
        cast(share_pct as decimal(10, 1)) as share_pct,
        cast(share_marker as varchar) as share_marker,
        cast(value_yoy_pct as decimal(10, 1)) as value_yoy_pct,
        cast(value_yoy_marker as varchar) as value_yoy_marker,
        cast(contribution_pct_points as decimal(10, 1)) as contribution_pct_points,
        cast(contribution_marker as varchar) as contribution_marker
    from source
)

select * from renamed
