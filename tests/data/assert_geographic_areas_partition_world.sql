-- The 8 geographic areas partition world trade except the special 7xx codes:
-- for by-country microdata, world = Σ geographic areas + Σ 7xx countries, every flow and month.
with by_area as (
    select * from {{ ref('int_trade_microdata_by_area') }}
    where source = 'customs_by_country' and commodity_code = 'total'
),

areas as (
    select * from {{ ref('areas') }}
),

world as (
    select
        flow,
        period_month,
        value_thousand_yen as world_thousand_yen
    from by_area
    where area_code = 'world'
),

geographic as (
    select
        by_area.flow,
        by_area.period_month,
        sum(by_area.value_thousand_yen) as geographic_thousand_yen
    from by_area
    inner join areas on by_area.area_code = areas.area_code
    where areas.area_type = 'geographic'
    group by all
),

special as (
    select
        flow,
        period_month,
        sum(value_thousand_yen) as special_thousand_yen
    from by_area
    where area_code like '7__'
    group by all
)

select
    world.flow,
    world.period_month,
    world.world_thousand_yen,
    coalesce(geographic.geographic_thousand_yen, 0) as geographic_thousand_yen,
    coalesce(special.special_thousand_yen, 0) as special_thousand_yen
from world
left join geographic on world.flow = geographic.flow and world.period_month = geographic.period_month
left join special on world.flow = special.flow and world.period_month = special.period_month
where
    world.world_thousand_yen
    <> coalesce(geographic.geographic_thousand_yen, 0) + coalesce(special.special_thousand_yen, 0)
