-- grain: one row per loaded release XML file, index page (pg21–pg26), row and flow
with source as (
    select * from {{ source('raw', 'release_xml_indices') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(page_number as integer) as page_number,
        cast(row_position as integer) as row_position,
        cast(flow as varchar) as flow,
        cast(area_code as varchar) as area_code,
        cast(area_name as varchar) as area_name,
        cast(period_as_printed as varchar) as period_as_printed,
        cast(period_kind as varchar) as period_kind,
        cast(period_start as date) as period_start,
        cast(is_provisional as boolean) as is_provisional,
        cast(value_index as decimal(10, 1)) as value_index,
        cast(value_index_marker as varchar) as value_index_marker,
        cast(value_index_yoy_pct as decimal(10, 1)) as value_index_yoy_pct,
        cast(value_index_yoy_marker as varchar) as value_index_yoy_marker,
        cast(quantity_index as decimal(10, 1)) as quantity_index,
        cast(quantity_index_marker as varchar) as quantity_index_marker,
        cast(quantity_index_yoy_pct as decimal(10, 1)) as quantity_index_yoy_pct,
        cast(quantity_index_yoy_marker as varchar) as quantity_index_yoy_marker,
        cast(price_index as decimal(10, 1)) as price_index,
        cast(price_index_marker as varchar) as price_index_marker,
        cast(price_index_yoy_pct as decimal(10, 1)) as price_index_yoy_pct,
        cast(price_index_yoy_marker as varchar) as price_index_yoy_marker
    from source
)

select * from renamed
