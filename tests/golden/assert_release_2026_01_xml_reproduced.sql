{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test against the real release (tolerance: none — the printed million yen and the printed one-decimal
-- growth and contribution). Built as first published (var as_of = 2026-02-18), the marts must hold the
-- January 2026 release XML (press_2026014en.xml, part 4) exactly: page 1 (world totals and prior-year totals),
-- all 47 rows of page 2 (fct_trade_balance_monthly) and every row of the 18 commodity tables (pages 3–20,
-- fct_trade_release_items). The expected side is the loaded file (its parser is checked against the printed
-- numbers in tests/python/test_release_xml.py). Returns one row per figure that differs or is missing.
{%- set release_xml_file = 'press_2026014en.xml' %}
with release_load as (
    select files.load_id
    from {{ ref('stg_raw__release_xml_files') }} as files
    inner join {{ ref('stg_raw__file_loads') }} as loads on files.load_id = loads.load_id
    where loads.file_name = '{{ release_xml_file }}'
),

area_names as (
    select * from {{ ref('release_area_names') }}
    where language = 'en'
),

balance as (
    select * from {{ ref('fct_trade_balance_monthly') }}
    where period_month = cast('2026-01-01' as date)
),

release_items as (
    select * from {{ ref('fct_trade_release_items') }}
    where period_month = cast('2026-01-01' as date)
),

page_1 as (
    select
        totals.measure,
        totals.value_million_yen,
        totals.prior_year_value_million_yen,
        totals.value_yoy_pct
    from {{ ref('stg_raw__release_xml_totals') }} as totals
    inner join release_load on totals.load_id = release_load.load_id
),

page_1_built as (
    select 'exports' as measure, exports_million_yen as value_million_yen, exports_yoy_pct_display as value_yoy_pct
    from balance where area_code = 'world'
    union all
    select 'imports', imports_million_yen, imports_yoy_pct_display
    from balance where area_code = 'world'
    union all
    select 'balance', balance_million_yen, balance_yoy_pct_display
    from balance where area_code = 'world'
),

page_1_prior_built as (
    select 'exports' as measure, exports_million_yen as value_million_yen
    from {{ ref('fct_trade_balance_monthly') }}
    where area_code = 'world' and period_month = cast('2025-01-01' as date)
    union all
    select 'imports', imports_million_yen
    from {{ ref('fct_trade_balance_monthly') }}
    where area_code = 'world' and period_month = cast('2025-01-01' as date)
    union all
    select 'balance', balance_million_yen
    from {{ ref('fct_trade_balance_monthly') }}
    where area_code = 'world' and period_month = cast('2025-01-01' as date)
),

page_1_differences as (
    select
        'pg1' as page,
        page_1.measure as row_label,
        'world' as area_code,
        page_1.measure as figure,
        cast(page_1.value_million_yen as varchar) || ' / ' || cast(page_1.prior_year_value_million_yen as varchar)
        || ' / ' || coalesce(cast(page_1.value_yoy_pct as varchar), '-') as published,
        coalesce(cast(page_1_built.value_million_yen as varchar), 'missing') || ' / '
        || coalesce(cast(page_1_prior_built.value_million_yen as varchar), 'missing') || ' / '
        || coalesce(cast(page_1_built.value_yoy_pct as varchar), '-') as built
    from page_1
    left join page_1_built on page_1.measure = page_1_built.measure
    left join page_1_prior_built on page_1.measure = page_1_prior_built.measure
    where
        page_1_built.value_million_yen is distinct from page_1.value_million_yen
        or page_1_prior_built.value_million_yen is distinct from page_1.prior_year_value_million_yen
        or page_1_built.value_yoy_pct is distinct from page_1.value_yoy_pct
),

page_2 as (
    select
        areas.*,
        area_names.area_code
    from {{ ref('stg_raw__release_xml_areas') }} as areas
    inner join release_load on areas.load_id = release_load.load_id
    left join area_names on areas.area_name = area_names.printed_name
),

page_2_differences as (
    select
        'pg2' as page,
        page_2.area_name as row_label,
        page_2.area_code,
        'exports / imports / balance and growths' as figure,
        concat_ws(' / ',
            cast(page_2.export_value_million_yen as varchar), coalesce(cast(page_2.export_value_yoy_pct as varchar), '-'),
            cast(page_2.import_value_million_yen as varchar), coalesce(cast(page_2.import_value_yoy_pct as varchar), '-'),
            cast(page_2.balance_million_yen as varchar), coalesce(cast(page_2.balance_yoy_pct as varchar), '-')
        ) as published,
        concat_ws(' / ',
            coalesce(cast(balance.exports_million_yen as varchar), 'missing'),
            coalesce(cast(balance.exports_yoy_pct_display as varchar), '-'),
            coalesce(cast(balance.imports_million_yen as varchar), 'missing'),
            coalesce(cast(balance.imports_yoy_pct_display as varchar), '-'),
            coalesce(cast(balance.balance_million_yen as varchar), 'missing'),
            coalesce(cast(balance.balance_yoy_pct_display as varchar), '-')
        ) as built
    from page_2
    left join balance on page_2.area_code = balance.area_code
    where
        page_2.area_code is null
        or balance.exports_million_yen is distinct from page_2.export_value_million_yen
        or balance.imports_million_yen is distinct from page_2.import_value_million_yen
        or balance.balance_million_yen is distinct from page_2.balance_million_yen
        or balance.exports_yoy_pct_display is distinct from page_2.export_value_yoy_pct
        or balance.imports_yoy_pct_display is distinct from page_2.import_value_yoy_pct
        or balance.balance_yoy_pct_display is distinct from page_2.balance_yoy_pct
),

commodity_rows as (
    select items.*
    from {{ ref('stg_raw__release_xml_items') }} as items
    inner join release_load on items.load_id = release_load.load_id
),

commodity_differences as (
    select
        'pg' || cast(commodity_rows.page_number as varchar) as page,
        commodity_rows.item_name as row_label,
        commodity_rows.area_code,
        commodity_rows.release_item_code as figure,
        concat_ws(' / ',
            coalesce(cast(commodity_rows.value_million_yen as varchar), commodity_rows.value_marker),
            coalesce(cast(commodity_rows.value_yoy_pct as varchar), '-'),
            coalesce(cast(commodity_rows.contribution_pct_points as varchar), '-')
        ) as published,
        concat_ws(' / ',
            coalesce(cast(release_items.value_thousand_yen / 1000 as varchar), 'missing'),
            coalesce(cast(release_items.value_yoy_pct_display as varchar), '-'),
            coalesce(cast(release_items.contribution_pct_points_display as varchar), '-')
        ) as built
    from commodity_rows
    left join release_items
        on
            commodity_rows.flow = release_items.flow
            and commodity_rows.area_code = release_items.area_code
            and commodity_rows.release_item_code = release_items.release_item_code
    where
        release_items.value_thousand_yen is distinct from coalesce(commodity_rows.value_million_yen, 0) * 1000
        or release_items.value_yoy_pct_display is distinct from commodity_rows.value_yoy_pct
        or release_items.contribution_pct_points_display is distinct from commodity_rows.contribution_pct_points
),

release_file_loaded as (
    select
        'file' as page,
        '{{ release_xml_file }}' as row_label,
        cast(null as varchar) as area_code,
        'loaded' as figure,
        'loaded' as published,
        'not loaded' as built
    where not exists (select 1 from release_load)
)

select * from release_file_loaded
union all
select * from page_1_differences
union all
select * from page_2_differences
union all
select * from commodity_differences
