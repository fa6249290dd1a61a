-- grain: one row per flow, principal commodity and each of its ancestors (itself included), plus 'total'
-- Principal-commodity codes are hierarchical by digit prefix ('7032305' ⊂ '70323' ⊂ '703' ⊂ '7').
with commodities as (
    select * from {{ ref('principal_commodities') }}
),

node_ancestors as (
    select
        descendant.flow,
        descendant.commodity_code,
        ancestor.commodity_code as ancestor_code,
        ancestor.quantity_unit as ancestor_quantity_unit
    from commodities as descendant
    inner join commodities as ancestor
        on
            descendant.flow = ancestor.flow
            and starts_with(descendant.commodity_code, ancestor.commodity_code)
),

total_ancestor as (
    select
        flow,
        commodity_code,
        'total' as ancestor_code,
        cast(null as varchar) as ancestor_quantity_unit
    from commodities
),

final as (
    select * from node_ancestors
    union all
    select * from total_ancestor
)

select * from final
