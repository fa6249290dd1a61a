-- grain: one row per period_month, area_code and measure ('exports', 'imports', 'balance',
-- 'export_quantity_index', 'import_quantity_index')
-- Streak wording of the release (domain-notes §5, docs/decisions/streaks-and-rankings.md):
-- exports / imports: sign of YoY growth, 「Nヵ月連続の増加」 when the previous month had the same sign,
-- else 「Nヵ月ぶりの増加」 (months since that sign last occurred). Balance: deficits 「連続の赤字 / ぶりの赤字」,
-- surplus after a deficit 「ぶりの黒字」, surplus after a surplus: the balance's YoY direction streak.
-- Quantity indices (total, monthly, fct_trade_indices): the sign of their YoY change, like exports.
with balance_monthly as (
    select * from {{ ref('fct_trade_balance_monthly') }}
),

quantity_indices as (
    select * from {{ ref('fct_trade_indices') }}
    where index_commodity_code = 'total' and quantity_index is not null
),

measures as (
    {{ japan_trade.balance_measures_long('balance_monthly') }}
    union all
    select
        period_month,
        area_code,
        flow || '_quantity_index' as measure,
        null as value_thousand_yen,
        quantity_index_yoy_pct as yoy_pct
    from quantity_indices
),

states as (
    select
        period_month,
        area_code,
        measure,
        yoy_pct,
        year(period_month) * 12 + month(period_month) - 1 as month_index,
        case
            when yoy_pct > 0 then 'increase'
            when yoy_pct < 0 then 'decrease'
            when yoy_pct = 0 then 'unchanged'
        end as direction,
        case
            when measure <> 'balance' then null
            when value_thousand_yen < 0 then 'deficit'
            when value_thousand_yen > 0 then 'surplus'
            when value_thousand_yen = 0 then 'balanced'
        end as balance_sign
    from measures
),

{{ japan_trade.streak_runs('states', 'direction', 'direction') }},

{{ japan_trade.streak_runs('direction_runs', 'balance_sign', 'sign') }},

history as (
    select
        *,
        min(month_index) filter (where direction is not null) over (
            partition by area_code, measure
        ) as first_direction_index,
        min(month_index) over (partition by area_code, measure) as first_sign_index
    from sign_runs
),

chosen as (
    select
        *,
        case
            when measure <> 'balance' then 'direction'
            when balance_sign in ('deficit', 'balanced') then 'sign'
            when previous_sign = 'surplus' and direction is not null then 'direction'
            else 'sign'
        end as streak_rule
    from history
),

worded as (
    select
        period_month,
        area_code,
        measure,
        case when streak_rule = 'direction' then direction else balance_sign end as state,
        case when streak_rule = 'direction' then direction_streak_type else sign_streak_type end as streak_type,
        case when streak_rule = 'direction' then direction_months else sign_months end as months,
        case when streak_rule = 'direction' then first_direction_index else first_sign_index end as first_index
    from chosen
),

final as (
    select
        period_month,
        area_code,
        measure,
        state,
        streak_type,
        months,
        {{ japan_trade.streak_phrase_ja('state', 'streak_type', 'months', 'first_index') }} as phrase_ja,
        {{ japan_trade.streak_phrase_en('state', 'streak_type', 'months', 'first_index') }} as phrase_en
    from worded
)

select * from final
