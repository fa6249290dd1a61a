-- A principal commodity never exceeds its parent (or the total) for the same flow, month, area and source.
with monthly as (
    select * from {{ ref('fct_trade_monthly') }}
),

commodities as (
    select * from {{ ref('principal_commodities') }}
),

pairs as (
    select
        child.flow,
        child.period_month,
        child.area_code,
        child.commodity_code,
        child.value_thousand_yen as child_thousand_yen,
        child.source,
        coalesce(nullif(commodities.parent_code, ''), 'total') as parent_code
    from monthly as child
    inner join commodities
        on child.flow = commodities.flow and child.commodity_code = commodities.commodity_code
)

select
    pairs.*,
    parent.value_thousand_yen as parent_thousand_yen
from pairs
inner join monthly as parent
    on
        pairs.flow = parent.flow
        and pairs.period_month = parent.period_month
        and pairs.area_code = parent.area_code
        and pairs.parent_code = parent.commodity_code
        and pairs.source = parent.source
        and pairs.child_thousand_yen > parent.value_thousand_yen
