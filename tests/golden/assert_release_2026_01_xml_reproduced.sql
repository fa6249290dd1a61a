{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test against the real release (tolerance: none — the printed million yen and the printed one-decimal
-- growth and contribution). Built as first published (var as_of = 2026-02-18), the marts must hold the
-- January 2026 release XML (press_2026014en.xml, part 4) exactly: page 1 (world totals this and last year,
-- growth), all 47 rows of page 2 (fct_trade_balance_monthly) and every row of the 18 commodity tables
-- (pages 3–20, fct_trade_release_items). The expected side is the loaded file (its parser is checked against
-- the printed numbers in tests/python/test_release_xml.py). Returns one row per figure that differs.
with release_files as (
    select * from {{ ref('stg_raw__file_loads') }}
    where file_name = 'press_2026014en.xml'
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

totals as (
    select totals.*
    from {{ ref('stg_raw__release_xml_totals') }} as totals
    inner join release_files on totals.load_id = release_files.load_id
),

areas as (
    select
        area_rows.*,
        area_names.area_code
    from {{ ref('stg_raw__release_xml_areas') }} as area_rows
    inner join release_files on area_rows.load_id = release_files.load_id
    left join area_names on area_rows.area_name = area_names.printed_name
),

commodity_rows as (
    select item_rows.*
    from {{ ref('stg_raw__release_xml_items') }} as item_rows
    inner join release_files on item_rows.load_id = release_files.load_id
),

world_2026 as (
    select * from balance
    where area_code = 'world'
),

world_2025 as (
    select * from {{ ref('fct_trade_balance_monthly') }}
    where area_code = 'world' and period_month = cast('2025-01-01' as date)
),

expected as (
    -- page 1: this year's value, last year's value and growth of exports, imports and the balance
    select
        'pg1' as page,
        totals.measure as row_label,
        'value' as figure,
        cast(totals.value_million_yen as decimal(20, 1)) as published,
        cast(case totals.measure
            when 'exports' then world_2026.exports_million_yen
            when 'imports' then world_2026.imports_million_yen
            else world_2026.balance_million_yen
        end as decimal(20, 1)) as built
    from totals
    left join world_2026 on true
    union all
    select
        'pg1' as page,
        totals.measure as row_label,
        'value a year earlier' as figure,
        cast(totals.prior_year_value_million_yen as decimal(20, 1)) as published,
        cast(case totals.measure
            when 'exports' then world_2025.exports_million_yen
            when 'imports' then world_2025.imports_million_yen
            else world_2025.balance_million_yen
        end as decimal(20, 1)) as built
    from totals
    left join world_2025 on true
    union all
    select
        'pg1' as page,
        totals.measure as row_label,
        'growth' as figure,
        totals.value_yoy_pct as published,
        case totals.measure
            when 'exports' then world_2026.exports_yoy_pct_display
            when 'imports' then world_2026.imports_yoy_pct_display
            else world_2026.balance_yoy_pct_display
        end as built
    from totals
    left join world_2026 on true
    -- page 2: every area and country, values and growths
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'exports' as figure,
        areas.export_value_million_yen as published,
        balance.exports_million_yen as built
    from areas
    left join balance on areas.area_code = balance.area_code
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'imports' as figure,
        areas.import_value_million_yen as published,
        balance.imports_million_yen as built
    from areas
    left join balance on areas.area_code = balance.area_code
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'balance' as figure,
        areas.balance_million_yen as published,
        balance.balance_million_yen as built
    from areas
    left join balance on areas.area_code = balance.area_code
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'exports growth' as figure,
        areas.export_value_yoy_pct as published,
        balance.exports_yoy_pct_display as built
    from areas
    left join balance on areas.area_code = balance.area_code
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'imports growth' as figure,
        areas.import_value_yoy_pct as published,
        balance.imports_yoy_pct_display as built
    from areas
    left join balance on areas.area_code = balance.area_code
    union all
    select
        'pg2' as page,
        areas.area_name as row_label,
        'balance growth' as figure,
        areas.balance_yoy_pct as published,
        balance.balance_yoy_pct_display as built
    from areas
    left join balance on areas.area_code = balance.area_code
    -- pages 3–20: every row of the commodity tables, value, growth and contribution
    union all
    select
        'pg' || cast(commodity_rows.page_number as varchar) as page,
        commodity_rows.item_name as row_label,
        'value' as figure,
        coalesce(commodity_rows.value_million_yen, 0) as published,
        release_items.value_thousand_yen / 1000.0 as built
    from commodity_rows
    left join release_items
        on
            commodity_rows.flow = release_items.flow
            and commodity_rows.area_code = release_items.area_code
            and commodity_rows.release_item_code = release_items.release_item_code
    union all
    select
        'pg' || cast(commodity_rows.page_number as varchar) as page,
        commodity_rows.item_name as row_label,
        'growth' as figure,
        commodity_rows.value_yoy_pct as published,
        release_items.value_yoy_pct_display as built
    from commodity_rows
    left join release_items
        on
            commodity_rows.flow = release_items.flow
            and commodity_rows.area_code = release_items.area_code
            and commodity_rows.release_item_code = release_items.release_item_code
    union all
    select
        'pg' || cast(commodity_rows.page_number as varchar) as page,
        commodity_rows.item_name as row_label,
        'contribution' as figure,
        commodity_rows.contribution_pct_points as published,
        release_items.contribution_pct_points_display as built
    from commodity_rows
    left join release_items
        on
            commodity_rows.flow = release_items.flow
            and commodity_rows.area_code = release_items.area_code
            and commodity_rows.release_item_code = release_items.release_item_code
),

file_missing as (
    select
        'file' as page,
        'press_2026014en.xml' as row_label,
        'loaded' as figure,
        cast(1 as decimal(20, 1)) as published,
        cast(0 as decimal(20, 1)) as built
    where not exists (select 1 from release_files)
)

select * from expected
where published is distinct from built
union all
select * from file_missing
