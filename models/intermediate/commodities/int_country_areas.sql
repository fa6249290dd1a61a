-- grain: one row per country, area it belongs to and validity interval
-- valid_to is exclusive; open intervals are closed with sentinel dates so joins stay simple.
-- 'world' and the country itself are not listed here: aggregation adds them from the data,
-- so a country code missing from the seed still counts in the world total.
with memberships as (
    select * from {{ ref('area_memberships') }}
),

final as (
    select
        country_code,
        area_code,
        coalesce(valid_from, date '1900-01-01') as valid_from,
        coalesce(valid_to, date '9999-12-31') as valid_to
    from memberships
)

select * from final
