-- grain: one row per measure ('exports', 'imports', 'balance') and period_month of the adjustment span
with adjusted as (
    select * from {{ ref('int_trade_seasonally_adjusted') }}
),

with_previous as (
    select
        *,
        lag(sa_value_thousand_yen) over (partition by measure order by period_month)
            as sa_value_previous_month_thousand_yen
    from adjusted
),

with_rounded as (
    select
        *,
        round(sa_value_thousand_yen / 100000) as sa_value_rounded_hundred_million_yen
    from with_previous
),

sides as (
    select
        period_month,
        max(case when measure = 'exports' then sa_value_rounded_hundred_million_yen end) as exports_hundred_million_yen,
        max(case when measure = 'imports' then sa_value_rounded_hundred_million_yen end) as imports_hundred_million_yen
    from with_rounded
    group by period_month
),

final as (
    select
        with_rounded.measure,
        cast(with_rounded.period_month as date) as period_month,
        cast(with_rounded.original_thousand_yen as bigint) as original_thousand_yen,
        cast(with_rounded.sa_value_thousand_yen as double) as sa_value_thousand_yen,
        cast(
            case
                when with_rounded.measure = 'balance'
                    then sides.exports_hundred_million_yen - sides.imports_hundred_million_yen
                else with_rounded.sa_value_rounded_hundred_million_yen
            end as bigint
        ) as sa_value_hundred_million_yen,
        case
            when with_rounded.measure <> 'balance'
                then {{ japan_trade.growth_pct('with_rounded.sa_value_thousand_yen',
                    'with_rounded.sa_value_previous_month_thousand_yen') }}
        end as mom_pct,
        case
            when with_rounded.measure <> 'balance'
                then cast(round({{ japan_trade.growth_pct('with_rounded.sa_value_thousand_yen',
                    'with_rounded.sa_value_previous_month_thousand_yen') }}, 1) as decimal(18, 1))
        end as mom_pct_display,
        cast(with_rounded.seasonal_factor as double) as seasonal_factor,
        coalesce(with_rounded.regarima_model, 'SA exports - SA imports') as regarima_model,
        with_rounded.spec_version,
        cast(with_rounded.span_start_month as date) as span_start_month,
        cast(with_rounded.span_end_month as date) as span_end_month,
        cast(with_rounded.as_of as date) as as_of,
        cast(with_rounded.adjusted_at as timestamp) as adjusted_at
    from with_rounded
    inner join sides
        on with_rounded.period_month = sides.period_month
)

select * from final
