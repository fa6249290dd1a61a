-- grain: one row per period_month, area_code and measure ('exports', 'imports', 'balance')
-- Rank of the month's value among all loaded months of that area up to and including it (descending;
-- balance: largest surplus first), and among the same calendar month; ties share the best rank.
-- World history reaches back to 1979-01 (d41ma); areas and countries rank over what is loaded.
with balance_monthly as (
    select * from {{ ref('fct_trade_balance_monthly') }}
),

measures as (
    {{ japan_trade.balance_measures_long('balance_monthly') }}
),

compared as (
    select
        current_month.period_month,
        current_month.area_code,
        current_month.measure,
        any_value(current_month.value_thousand_yen) as value_thousand_yen,
        count(*) as months_ranked,
        1 + count(*) filter (
            where earlier.value_thousand_yen > current_month.value_thousand_yen
        ) as rank_all_months,
        count(*) filter (
            where month(earlier.period_month) = month(current_month.period_month)
        ) as same_calendar_months_ranked,
        1 + count(*) filter (
            where
            month(earlier.period_month) = month(current_month.period_month)
            and earlier.value_thousand_yen > current_month.value_thousand_yen
        ) as rank_same_calendar_month,
        min(earlier.period_month) as ranked_from_month
    from measures as current_month
    inner join measures as earlier
        on
            current_month.area_code = earlier.area_code
            and current_month.measure = earlier.measure
            and current_month.period_month >= earlier.period_month
    group by current_month.period_month, current_month.area_code, current_month.measure
),

final as (
    select
        period_month,
        area_code,
        measure,
        value_thousand_yen,
        cast(rank_all_months as integer) as rank_all_months,
        cast(months_ranked as integer) as months_ranked,
        cast(rank_same_calendar_month as integer) as rank_same_calendar_month,
        cast(same_calendar_months_ranked as integer) as same_calendar_months_ranked,
        ranked_from_month
    from compared
)

select * from final
