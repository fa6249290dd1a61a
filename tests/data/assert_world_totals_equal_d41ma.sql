{{ config(enabled=(var('as_of', none) is none)) }}
-- Built at the latest vintage, world exports and imports equal d41ma in every month it publishes
-- (the latest loaded d41ma figure for each month).
with d41ma as (
    select
        official.flow,
        official.period_month,
        official.value_thousand_yen,
        row_number() over (
            partition by official.flow, official.period_month order by official.load_id desc
        ) as load_rank
    from {{ ref('stg_raw__official_series') }} as official
    where official.series_code = 'd41ma' and official.area_code = 'world'
),

built as (
    select * from {{ ref('fct_trade_monthly') }}
    where area_code = 'world' and commodity_code = 'total'
)

select
    d41ma.flow,
    d41ma.period_month,
    d41ma.value_thousand_yen as d41ma_thousand_yen,
    built.value_thousand_yen as built_thousand_yen
from d41ma
left join built on d41ma.flow = built.flow and d41ma.period_month = built.period_month
where d41ma.load_rank = 1 and built.value_thousand_yen is distinct from d41ma.value_thousand_yen
