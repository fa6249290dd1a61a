-- exports − imports = balance, in thousand yen and in the printed million-yen figures.
select *
from {{ ref('fct_trade_balance_monthly') }}
where
    balance_thousand_yen is distinct from exports_thousand_yen - imports_thousand_yen
    or balance_million_yen is distinct from exports_million_yen - imports_million_yen
