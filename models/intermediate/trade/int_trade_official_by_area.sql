-- grain: one row per flow, month, area and commodity ('total' or a single PC code) published in an official series
-- Composite release items ('0+1', '70309+70311') are not principal commodities and stay out;
-- their components are published separately. For 'total', a totals series (d41ma) is preferred
-- over the total column of an items series (d51ma / d61ma) of the same publication date.
with selected_figures as (
    select
        series_code,
        area_code,
        flow,
        period_month,
        release_item_code as commodity_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source_label,
        revision_stage,
        published_date,
        is_preliminary
    from {{ ref('int_official_series_selected') }}
    where not contains(release_item_code, '+')
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
