-- grain: one row per flow, month, area and commodity ('total' or a single PC code) published in an official series
-- Composite release items ('0+1', '70309+70311') are not principal commodities and stay out;
-- their components are published separately. For 'total', a totals series (d41ma) is preferred
-- over the total column of an items series (d51ma / d61ma) of the same publication date.
with official as (
    select * from {{ ref('stg_raw__official_series') }}
),

selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind = 'official_series'
),

selected_figures as (
    select
        official.series_code,
        official.area_code,
        official.flow,
        official.period_month,
        official.release_item_code as commodity_code,
        official.value_thousand_yen,
        official.quantity,
        official.quantity_unit,
        selected_vintages.source_label,
        selected_vintages.revision_stage,
        selected_vintages.published_date,
        selected_vintages.is_preliminary
    from official
    inner join selected_vintages
        on
            official.load_id = selected_vintages.load_id
            and official.flow = selected_vintages.flow
            and official.period_month = selected_vintages.period_month
    where not contains(official.release_item_code, '+')
),

ranked as (
    select
        *,
        row_number() over (
            partition by area_code, flow, period_month, commodity_code
            order by published_date desc, series_code asc
        ) as series_rank
    from selected_figures
),

final as (
    select
        'official_series' as source,
        series_code,
        source_label,
        revision_stage,
        published_date,
        is_preliminary,
        flow,
        period_month,
        area_code,
        commodity_code,
        quantity_unit,
        value_thousand_yen,
        cast(quantity as decimal(38, 3)) as quantity
    from ranked
    where series_rank = 1
)

select * from final
