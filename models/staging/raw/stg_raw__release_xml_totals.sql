-- grain: one row per loaded release XML file and measure (exports, imports, balance) of its pg1
with source as (
    select * from {{ source('raw', 'release_xml_totals') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(measure as varchar) as measure,
        cast(value_million_yen as bigint) as value_million_yen,
        cast(value_marker as varchar) as value_marker,
        cast(prior_year_value_million_yen as bigint) as prior_year_value_million_yen,
        cast(prior_year_value_marker as varchar) as prior_year_value_marker,
        cast(value_yoy_pct as decimal(10, 1)) as value_yoy_pct,
        cast(value_yoy_marker as varchar) as value_yoy_marker
    from source
)

select * from renamed
