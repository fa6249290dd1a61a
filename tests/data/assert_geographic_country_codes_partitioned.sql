-- The 8 geographic areas partition the country codes (seeds only): at every date where a
-- membership or a country code starts or ends, each valid non-7xx code is in exactly one
-- geographic area and no 7xx code is in any. Returns the offending (date, country) pairs.
with countries as (
    select * from {{ ref('countries') }}
),

memberships as (
    select * from {{ ref('area_memberships') }}
),

areas as (
    select * from {{ ref('areas') }}
),

boundary_dates as (
    select valid_from as check_date from memberships
    where valid_from is not null
    union
    select valid_to as check_date from memberships
    where valid_to is not null
    union
    select valid_from as check_date from countries
    where valid_from is not null
    union
    select date '2026-01-01' as check_date
),

valid_countries as (
    select
        boundary_dates.check_date,
        countries.country_code
    from boundary_dates
    cross join countries
    where
        coalesce(countries.valid_from, date '1900-01-01') <= boundary_dates.check_date
        and boundary_dates.check_date < coalesce(countries.valid_to, date '9999-12-31')
),

geographic_counts as (
    select
        boundary_dates.check_date,
        memberships.country_code,
        count(*) as geographic_areas
    from boundary_dates
    inner join memberships
        on
            coalesce(memberships.valid_from, date '1900-01-01') <= boundary_dates.check_date
            and boundary_dates.check_date < coalesce(memberships.valid_to, date '9999-12-31')
    inner join areas on memberships.area_code = areas.area_code
    where areas.area_type = 'geographic'
    group by all
),

final as (
    select
        coalesce(valid_countries.check_date, geographic_counts.check_date) as check_date,
        coalesce(valid_countries.country_code, geographic_counts.country_code) as country_code,
        coalesce(geographic_counts.geographic_areas, 0) as geographic_areas
    from valid_countries
    full outer join geographic_counts
        on
            valid_countries.check_date = geographic_counts.check_date
            and valid_countries.country_code = geographic_counts.country_code
)

select * from final
where
    (country_code like '7__' and geographic_areas <> 0)
    or (country_code not like '7__' and geographic_areas <> 1)
