-- SA balance = SA exports − SA imports, in thousand yen (to 1e-6 relative) and in printed 億円 (exactly).
with adjusted as (
    select * from {{ ref('fct_trade_seasonally_adjusted') }}
),

sides as (
    select
        period_month,
        max(case when measure = 'exports' then sa_value_thousand_yen end) as exports_thousand_yen,
        max(case when measure = 'imports' then sa_value_thousand_yen end) as imports_thousand_yen,
        max(case when measure = 'balance' then sa_value_thousand_yen end) as balance_thousand_yen,
        max(case when measure = 'exports' then sa_value_hundred_million_yen end) as exports_oku_yen,
        max(case when measure = 'imports' then sa_value_hundred_million_yen end) as imports_oku_yen,
        max(case when measure = 'balance' then sa_value_hundred_million_yen end) as balance_oku_yen
    from adjusted
    group by period_month
)

select *
from sides
where
    balance_thousand_yen is null
    or abs(balance_thousand_yen - (exports_thousand_yen - imports_thousand_yen))
    > 1e-6 * greatest(exports_thousand_yen, imports_thousand_yen)
    or balance_oku_yen is distinct from exports_oku_yen - imports_oku_yen
