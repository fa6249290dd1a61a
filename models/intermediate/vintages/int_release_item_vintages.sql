-- grain: one row per load, flow, period_month, area_code and release item: every official vintage of a release figure
-- Every vintage held of the figures the release prints, from the official sources that publish them as such:
-- the release XML (parts 4, 5, … — page 2 totals of the world, areas and countries, and the commodity tables
-- of the world and its 8 areas) and the official series (d41ma world totals; d51ma / d61ma world release
-- items). Microdata vintages are not aggregated per load here (see docs/decisions/vintages.md). Loads
-- withdrawn with `japan-trade unload` and vintages published after var('as_of') are left out.
with loads as (
    select * from {{ ref('stg_raw__file_loads') }}
),

load_months as (
    select * from {{ ref('stg_raw__file_load_months') }}
),

withdrawn as (
    select * from {{ ref('int_loads_withdrawn') }}
),

release_xml_files as (
    select * from {{ ref('stg_raw__release_xml_files') }}
),

area_names as (
    select * from {{ ref('release_area_names') }}
),

flows as (
    select 'export' as flow
    union all
    select 'import' as flow
),

release_xml_totals as (
    select
        areas.load_id,
        files.period_month,
        area_names.area_code,
        flows.flow,
        'total' as release_item_code,
        case flows.flow
            when 'export' then areas.export_value_million_yen
            else areas.import_value_million_yen
        end * 1000 as value_thousand_yen
    from {{ ref('stg_raw__release_xml_areas') }} as areas
    inner join release_xml_files as files on areas.load_id = files.load_id
    inner join area_names
        on
            files.release_language = area_names.language
            and areas.area_name = area_names.printed_name
    cross join flows
),

release_xml_items as (
    select
        items.load_id,
        files.period_month,
        items.area_code,
        items.flow,
        items.release_item_code,
        case when items.value_marker = '-' then 0 else items.value_million_yen end * 1000 as value_thousand_yen
    from {{ ref('stg_raw__release_xml_items') }} as items
    inner join release_xml_files as files on items.load_id = files.load_id
    where items.release_item_code <> 'total'
),

official_series as (
    select
        load_id,
        period_month,
        area_code,
        flow,
        release_item_code,
        value_thousand_yen
    from {{ ref('stg_raw__official_series') }}
    where area_code = 'world'
),

figures as (
    select * from release_xml_totals
    union all
    select * from release_xml_items
    union all
    select * from official_series
),

final as (
    select
        figures.load_id,
        loads.file_kind,
        loads.series_code,
        loads.file_name,
        figures.flow,
        figures.period_month,
        figures.area_code,
        figures.release_item_code,
        cast(figures.value_thousand_yen as bigint) as value_thousand_yen,
        load_months.revision_stage,
        load_months.published_date
    from figures
    inner join loads on figures.load_id = loads.load_id
    inner join load_months
        on
            figures.load_id = load_months.load_id
            and figures.flow = load_months.flow
            and figures.period_month = load_months.period_month
    where
        figures.value_thousand_yen is not null
        and load_months.published_date <= {{ japan_trade.as_of_date() }}
        and figures.load_id not in (select withdrawn.load_id from withdrawn)
)

select * from final
