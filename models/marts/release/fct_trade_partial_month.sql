-- grain: one row per flow, period_month and partial_period ('first_10_days', 'first_20_days')
-- Early estimate of the full month (docs/partial-month-backtest.md): the partial value ÷ last year's share
-- of the same partial period in its full month (the prior-year partial value printed in the same file ÷
-- the full month a year earlier). Alternative kept for comparison: ÷ the mean share of the same partial
-- period over the previous 12 months holding both figures (at least 6).
with partial_totals as (
    select * from {{ ref('int_release_xml_partial_totals_selected') }}
),

full_months as (
    select
        flow,
        period_month,
        value_thousand_yen,
        revision_stage,
        is_preliminary
    from {{ ref('int_trade_monthly_selected') }}
    where area_code = 'world' and commodity_code = 'total'
),

prior_year_full_months as (
    select
        flow,
        value_thousand_yen,
        cast({{ dbt.dateadd('month', 12, 'period_month') }} as date) as period_month
    from full_months
),

shares as (
    select
        partial_totals.flow,
        partial_totals.period_month,
        partial_totals.partial_period,
        partial_totals.release_part,
        partial_totals.published_date,
        partial_totals.value_yoy_pct,
        full_months.value_thousand_yen as full_month_value_thousand_yen,
        full_months.revision_stage as full_month_revision_stage,
        full_months.is_preliminary as is_full_month_preliminary,
        prior_year_full_months.value_thousand_yen as prior_year_full_month_value_thousand_yen,
        cast(
            round(cast(partial_totals.value_million_yen as double) * 100000 / full_months.value_thousand_yen, 6)
            as decimal(12, 6)
        ) as partial_share_pct,
        cast(partial_totals.value_million_yen as bigint) * 1000 as value_thousand_yen,
        cast(partial_totals.prior_year_value_million_yen as bigint) * 1000 as prior_year_value_thousand_yen
    from partial_totals
    left join full_months
        on
            partial_totals.flow = full_months.flow
            and partial_totals.period_month = full_months.period_month
    left join prior_year_full_months
        on
            partial_totals.flow = prior_year_full_months.flow
            and partial_totals.period_month = prior_year_full_months.period_month
),

share_history as (
    select
        shares.flow,
        shares.period_month,
        shares.partial_period,
        count(history.partial_share_pct) as share_months_used,
        sum(history.partial_share_pct) as share_pct_sum
    from shares
    left join shares as history
        on
            shares.flow = history.flow
            and shares.partial_period = history.partial_period
            and history.period_month >= cast({{ dbt.dateadd('month', -12, 'shares.period_month') }} as date)
            and shares.period_month > history.period_month
    group by shares.flow, shares.period_month, shares.partial_period
),

estimated as (
    select
        shares.*,
        share_history.share_months_used,
        case
            when share_history.share_months_used >= 6
                then cast(share_history.share_pct_sum / share_history.share_months_used as decimal(12, 6))
        end as trailing_mean_share_pct,
        case
            when shares.prior_year_value_thousand_yen > 0
                then cast(round(
                    cast(shares.value_thousand_yen as double) * shares.prior_year_full_month_value_thousand_yen
                    / shares.prior_year_value_thousand_yen
                ) as bigint)
        end as estimated_full_month_value_thousand_yen,
        case
            when share_history.share_months_used >= 6
                then cast(round(
                    cast(shares.value_thousand_yen as double) * share_history.share_months_used * 100
                    / cast(share_history.share_pct_sum as double)
                ) as bigint)
        end as trailing_estimate_thousand_yen
    from shares
    inner join share_history
        on
            shares.flow = share_history.flow
            and shares.period_month = share_history.period_month
            and shares.partial_period = share_history.partial_period
),

final as (
    select
        flow,
        period_month,
        partial_period,
        release_part,
        published_date,
        value_thousand_yen,
        prior_year_value_thousand_yen,
        value_yoy_pct,
        full_month_value_thousand_yen,
        full_month_revision_stage,
        is_full_month_preliminary,
        partial_share_pct,
        prior_year_full_month_value_thousand_yen,
        estimated_full_month_value_thousand_yen,
        share_months_used,
        trailing_mean_share_pct,
        trailing_estimate_thousand_yen,
        round(
            (cast(estimated_full_month_value_thousand_yen as double) - full_month_value_thousand_yen) * 100
            / full_month_value_thousand_yen,
            2
        ) as estimate_error_pct,
        round(
            (cast(trailing_estimate_thousand_yen as double) - full_month_value_thousand_yen) * 100
            / full_month_value_thousand_yen,
            2
        ) as trailing_estimate_error_pct
    from estimated
)

select * from final
