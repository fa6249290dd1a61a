-- Every code a BI tool may join on resolves in its dimension: area_code of the marts in dim_areas, (flow,
-- commodity_code) of fct_trade_monthly in dim_principal_commodities (or 'total'), (flow, release_item_code)
-- of fct_trade_release_items in the seed release_items. Returns the codes that do not resolve.
with areas as (
    select area_code from {{ ref('dim_areas') }}
),

commodities as (
    select
        flow,
        commodity_code
    from {{ ref('dim_principal_commodities') }}
),

release_items as (
    select
        flow,
        release_item_code
    from {{ ref('release_items') }}
),

mart_areas as (
    select distinct
        'fct_trade_monthly' as mart,
        area_code
    from {{ ref('fct_trade_monthly') }}
    union all
    select distinct
        'fct_trade_balance_monthly' as mart,
        area_code
    from {{ ref('fct_trade_balance_monthly') }}
    union all
    select distinct
        'fct_trade_release_items' as mart,
        area_code
    from {{ ref('fct_trade_release_items') }}
    union all
    select distinct
        'fct_trade_streaks' as mart,
        area_code
    from {{ ref('fct_trade_streaks') }}
    union all
    select distinct
        'fct_trade_rankings' as mart,
        area_code
    from {{ ref('fct_trade_rankings') }}
    union all
    select distinct
        'fct_trade_indices' as mart,
        area_code
    from {{ ref('fct_trade_indices') }}
),

unresolved_areas as (
    select
        mart_areas.mart,
        'area_code' as code_column,
        mart_areas.area_code as code
    from mart_areas
    where not exists (
        select 1 from areas
        where areas.area_code = mart_areas.area_code
    )
),

unresolved_commodities as (
    select distinct
        'fct_trade_monthly' as mart,
        'commodity_code' as code_column,
        monthly.flow || ' ' || monthly.commodity_code as code
    from {{ ref('fct_trade_monthly') }} as monthly
    where
        monthly.commodity_code <> 'total'
        and not exists (
            select 1 from commodities
            where commodities.flow = monthly.flow and commodities.commodity_code = monthly.commodity_code
        )
),

unresolved_release_items as (
    select distinct
        'fct_trade_release_items' as mart,
        'release_item_code' as code_column,
        items.flow || ' ' || items.release_item_code as code
    from {{ ref('fct_trade_release_items') }} as items
    where not exists (
        select 1 from release_items
        where release_items.flow = items.flow and release_items.release_item_code = items.release_item_code
    )
)

select * from unresolved_areas
union all
select * from unresolved_commodities
union all
select * from unresolved_release_items
