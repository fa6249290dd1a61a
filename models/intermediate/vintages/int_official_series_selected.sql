-- grain: one row per series, area, flow, release item (composites included) and month of the selected vintage
-- The official series' figures (d41ma, d51ma, d61ma …) in the vintage int_load_vintages_selected chose for
-- each series, flow and month: the one place the official series meet vintage selection.
with official as (
    select * from {{ ref('stg_raw__official_series') }}
),

selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind = 'official_series'
),

final as (
    select
        official.series_code,
        official.area_code,
        official.flow,
        official.period_month,
        official.release_item_code,
        official.value_thousand_yen,
        official.quantity,
        official.quantity_unit,
        official.load_id,
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
)

select * from final
