-- grain: one row per flow and commodity_code ('total' and every principal commodity of that flow)
with commodities as (
    select * from {{ ref('principal_commodities') }}
),

totals as (
    select distinct
        flow,
        'total' as commodity_code,
        cast(null as varchar) as parent_code,
        0 as commodity_level,
        '総額' as name_ja,
        'Total' as name_en,
        cast(null as varchar) as quantity_unit
    from commodities
),

final as (
    select
        flow,
        commodity_code,
        coalesce(nullif(parent_code, ''), 'total') as parent_code,
        commodity_level,
        name_ja,
        name_en,
        nullif(quantity_unit, '') as quantity_unit
    from commodities
    union all
    select * from totals
)

select * from final
