-- grain: one row per area_code (world, areas, groupings and countries)
with areas as (
    select * from {{ ref('areas') }}
),

countries as (
    select * from {{ ref('countries') }}
),

final as (
    select
        area_code,
        name_ja,
        name_en,
        area_type,
        display_order
    from areas
    union all
    select
        country_code as area_code,
        name_ja,
        name_en,
        'country' as area_type,
        1000 + cast(country_code as integer) as display_order
    from countries
)

select * from final
