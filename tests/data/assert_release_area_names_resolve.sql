-- Every name the release prints resolves to a known code at its printed level:
-- level 0 = 'world', level 1 = an area or grouping of seed areas, level 2 = a country of seed countries.
with names as (
    select * from {{ ref('release_area_names') }}
),

areas as (
    select * from {{ ref('areas') }}
),

countries as (
    select * from {{ ref('countries') }}
),

final as (
    select
        names.language,
        names.printed_name,
        names.area_code,
        names.printed_level
    from names
    left join areas on names.area_code = areas.area_code
    left join countries on names.area_code = countries.country_code
    where not (
        (names.printed_level = 0 and names.area_code = 'world')
        or (names.printed_level = 1 and areas.area_type in ('geographic', 'grouping'))
        or (names.printed_level = 2 and countries.country_code is not null)
    )
)

select * from final
