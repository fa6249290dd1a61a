-- grain: one row per period_month with both world exports and imports: the input of seasonal adjustment
-- World totals of the selected vintage (int_trade_monthly_selected respects var('as_of')), one row per month.
with world_totals as (
    select * from {{ ref('int_trade_monthly_selected') }}
    where area_code = 'world' and commodity_code = 'total'
),

final as (
    select
        period_month,
        max(case when flow = 'export' then value_thousand_yen end) as exports_thousand_yen,
        max(case when flow = 'import' then value_thousand_yen end) as imports_thousand_yen
    from world_totals
    group by period_month
)

select * from final
where exports_thousand_yen is not null and imports_thousand_yen is not null
