-- grain: one row per flow, period_month and partial_period: the latest first-10 / first-20-days release by as_of
-- Partial-month releases (parts 1 and 2) print only totals; a re-issue published later wins.
with files as (
    select * from {{ ref('stg_raw__release_xml_files') }}
    where
        release_coverage in ('first_10_days', 'first_20_days')
        and published_date <= {{ japan_trade.as_of_date() }}
),

totals as (
    select * from {{ ref('stg_raw__release_xml_totals') }}
    where measure in ('exports', 'imports')
),

joined as (
    select
        files.period_month,
        files.release_coverage as partial_period,
        files.load_id,
        files.release_part,
        files.published_date,
        totals.value_million_yen,
        totals.prior_year_value_million_yen,
        totals.value_yoy_pct,
        case totals.measure when 'exports' then 'export' else 'import' end as flow
    from files
    inner join totals on files.load_id = totals.load_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by flow, period_month, partial_period
            order by published_date desc, load_id desc
        ) as vintage_rank
    from joined
),

final as (
    select
        flow,
        period_month,
        partial_period,
        load_id,
        release_part,
        published_date,
        value_million_yen,
        prior_year_value_million_yen,
        value_yoy_pct
    from ranked
    where vintage_rank = 1
)

select * from final
