-- grain: one row per period_month and currency
-- Monthly average of the weekly customs rates (税関長公示レート): each calendar day takes the rate of the
-- week (Sunday–Saturday) it falls in, and the month's average is the mean over its days. The YoY change
-- is the change in the value of the yen, (rate a year earlier ÷ rate − 1) × 100: positive = 円高.
-- The weekly rates are the vintage the build selects (int_exchange_rates_weekly_selected: as_of applies).
with weekly as (
    select * from {{ ref('int_exchange_rates_weekly_selected') }}
),

daily as (
    select
        currency,
        yen_per_unit,
        cast(unnest(generate_series(
            cast(week_start as timestamp), cast(week_start as timestamp) + interval 6 day, interval 1 day
        )) as date) as rate_date
    from weekly
),

monthly as (
    select
        currency,
        cast(date_trunc('month', rate_date) as date) as period_month,
        cast(avg(yen_per_unit) as decimal(12, 4)) as yen_per_unit_average,
        count(*) as days_with_rate
    from daily
    group by all
),

final as (
    select
        monthly.period_month,
        monthly.currency,
        monthly.yen_per_unit_average,
        cast(round(monthly.yen_per_unit_average, 2) as decimal(10, 2)) as yen_per_unit_average_display,
        previous_year.yen_per_unit_average as yen_per_unit_average_previous_year,
        cast(round(previous_year.yen_per_unit_average, 2) as decimal(10, 2))
            as yen_per_unit_average_previous_year_display,
        cast(round(
            abs(cast(previous_year.yen_per_unit_average as double) / cast(monthly.yen_per_unit_average as double) - 1)
            * 100, 1
        ) as decimal(18, 1)) as yen_value_change_pct_display,
        monthly.days_with_rate = day(last_day(monthly.period_month)) as is_complete_month,
        (cast(previous_year.yen_per_unit_average as double) / cast(monthly.yen_per_unit_average as double) - 1)
        * 100 as yen_value_yoy_pct,
        case
            when previous_year.yen_per_unit_average > monthly.yen_per_unit_average then 'yen_appreciation'
            when previous_year.yen_per_unit_average < monthly.yen_per_unit_average then 'yen_depreciation'
            when previous_year.yen_per_unit_average = monthly.yen_per_unit_average then 'unchanged'
        end as yen_direction
    from monthly
    left join monthly as previous_year
        on
            monthly.currency = previous_year.currency
            and previous_year.period_month = cast({{ dbt.dateadd('month', -12, 'monthly.period_month') }} as date)
)

select * from final
