-- grain: one row per flow, period_month and area_code printed on page 2 of the selected release XML
-- The release's own area and country totals (page 2: world, the 8 areas, (ASEAN), (EU), 36 countries) in
-- the vintage selected for the month and flow (part 4 速報, superseded by part 5 …, as of var('as_of')).
-- Values are printed in million yen: thousand yen = million × 1000, known to the million only. The printed
-- growth of each flow and of the balance travel with the figure (the authority at its stage and date).
with selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind = 'release_xml'
),

files as (
    select * from {{ ref('stg_raw__release_xml_files') }}
),

area_rows as (
    select * from {{ ref('stg_raw__release_xml_areas') }}
),

area_names as (
    select * from {{ ref('release_area_names') }}
),

named_rows as (
    select
        area_rows.*,
        files.period_month,
        area_names.area_code
    from area_rows
    inner join files on area_rows.load_id = files.load_id
    inner join area_names
        on
            files.release_language = area_names.language
            and area_rows.area_name = area_names.printed_name
),

flow_rows as (
    select
        load_id,
        period_month,
        area_code,
        'export' as flow,
        export_value_million_yen as value_million_yen,
        export_value_yoy_pct as value_yoy_pct_published,
        export_value_yoy_marker as value_yoy_marker,
        balance_yoy_pct as balance_yoy_pct_published,
        balance_yoy_marker
    from named_rows
    union all
    select
        load_id,
        period_month,
        area_code,
        'import' as flow,
        import_value_million_yen as value_million_yen,
        import_value_yoy_pct as value_yoy_pct_published,
        import_value_yoy_marker as value_yoy_marker,
        balance_yoy_pct as balance_yoy_pct_published,
        balance_yoy_marker
    from named_rows
),

final as (
    select
        'release_xml' as source,
        cast(null as varchar) as series_code,
        selected_vintages.source_label,
        selected_vintages.revision_stage,
        selected_vintages.published_date,
        selected_vintages.is_preliminary,
        flow_rows.flow,
        flow_rows.period_month,
        flow_rows.area_code,
        'total' as commodity_code,
        cast(null as varchar) as quantity_unit,
        flow_rows.load_id,
        cast(flow_rows.value_million_yen * 1000 as bigint) as value_thousand_yen,
        cast(null as decimal(38, 3)) as quantity,
        flow_rows.value_yoy_pct_published,
        flow_rows.value_yoy_marker,
        flow_rows.balance_yoy_pct_published,
        flow_rows.balance_yoy_marker
    from flow_rows
    inner join selected_vintages
        on
            flow_rows.load_id = selected_vintages.load_id
            and flow_rows.flow = selected_vintages.flow
            and flow_rows.period_month = selected_vintages.period_month
    where flow_rows.value_million_yen is not null
)

select * from final
