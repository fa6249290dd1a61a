-- grain: one row per week and currency: the rate this build uses
-- Rates go through the same vintage rule as the trade figures (docs/decisions/vintages.md): per week and
-- currency, among the rate loads not withdrawn and published (file_loads.vintage_date, `--vintage-date`)
-- on or before var('as_of'), the latest publication wins; a later load breaks ties.
with rates as (
    select * from {{ ref('stg_raw__exchange_rates_weekly') }}
),

loads as (
    select * from {{ ref('stg_raw__file_loads') }}
),

withdrawn as (
    select * from {{ ref('int_loads_withdrawn') }}
),

eligible as (
    select
        rates.load_id,
        rates.week_start,
        rates.currency,
        rates.yen_per_unit,
        loads.source_label,
        loads.vintage_date as published_date
    from rates
    inner join loads on rates.load_id = loads.load_id
    where
        loads.vintage_date <= {{ japan_trade.as_of_date() }}
        and rates.load_id not in (select withdrawn.load_id from withdrawn)
),

final as (
    select
        week_start,
        currency,
        yen_per_unit,
        load_id,
        source_label,
        published_date
    from eligible
    qualify row_number() over (
        partition by week_start, currency
        order by published_date desc, load_id desc
    ) = 1
)

select * from final
