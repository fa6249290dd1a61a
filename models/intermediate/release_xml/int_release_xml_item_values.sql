-- grain: one row per flow, period_month, area_code and release item printed on the commodity pages (pg3–pg20)
-- The release's commodity tables for the world and the 8 areas of its pages in the vintage selected for the
-- month and flow: value (million yen → thousand yen, known to the million), quantity scaled to the base unit
-- of d51ma / d61ma (TMT → MT × 1000 …), and the printed growth and contribution (寄与度).
with selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind = 'release_xml'
),

files as (
    select * from {{ ref('stg_raw__release_xml_files') }}
),

item_rows as (
    select * from {{ ref('stg_raw__release_xml_items') }}
),

final as (
    select
        'release_xml' as source,
        selected_vintages.source_label,
        selected_vintages.revision_stage,
        selected_vintages.published_date,
        selected_vintages.is_preliminary,
        item_rows.flow,
        files.period_month,
        item_rows.area_code,
        item_rows.release_item_code,
        item_rows.load_id,
        -- '-' printed for the value: no trade (該当数値なし), a zero the release states
        cast(
            case when item_rows.value_marker = '-' then 0 else item_rows.value_million_yen end * 1000 as bigint
        ) as value_thousand_yen,
        cast(item_rows.quantity_in_base_unit as decimal(38, 3)) as quantity,
        item_rows.quantity_base_unit as quantity_unit,
        item_rows.value_yoy_pct as value_yoy_pct_published,
        item_rows.value_yoy_marker,
        item_rows.contribution_pct_points as contribution_pct_points_published,
        item_rows.contribution_marker,
        item_rows.share_pct as share_pct_published
    from item_rows
    inner join files on item_rows.load_id = files.load_id
    inner join selected_vintages
        on
            item_rows.load_id = selected_vintages.load_id
            and item_rows.flow = selected_vintages.flow
            and files.period_month = selected_vintages.period_month
    where item_rows.value_million_yen is not null or item_rows.value_marker = '-'
)

select * from final
