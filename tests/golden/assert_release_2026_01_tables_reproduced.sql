{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test (tolerance: none — every printed figure must match exactly).
-- Built as first published (var as_of = 2026-02-18), fct_trade_balance_monthly must reproduce every
-- value (million yen), growth (one decimal, '-' = null) and (P) marker of the five 13-month tables
-- of the January 2026 release. Returns the rows that differ.
-- What it proves: the January 2026 rows come from the real release XML (part 4), so they are evidence. The
-- 2025 rows of the US, EU, Asia and China come from the demo's synthetic release vintage, raked to these
-- very tables: for them this is a ROUND TRIP of the generator, not evidence that the release is reproduced.
-- The world's 2025 rows are the same round trip as of 2026-02-18 (d41ma's vintage is later).
with published as (
    select * from {{ ref('release_2026_01_tables') }}
),

built as (
    select * from {{ ref('fct_trade_balance_monthly') }}
),

compared as (
    select
        published.area_code,
        published.period_month,
        published.exports_million_yen as published_exports,
        built.exports_million_yen as built_exports,
        published.imports_million_yen as published_imports,
        built.imports_million_yen as built_imports,
        published.balance_million_yen as published_balance,
        built.balance_million_yen as built_balance,
        published.exports_yoy_pct as published_exports_growth,
        built.exports_yoy_pct_display as built_exports_growth,
        published.imports_yoy_pct as published_imports_growth,
        built.imports_yoy_pct_display as built_imports_growth,
        published.balance_yoy_pct as published_balance_growth,
        built.balance_yoy_pct_display as built_balance_growth,
        published.is_exports_preliminary as published_exports_p,
        built.is_exports_preliminary as built_exports_p,
        published.is_imports_preliminary as published_imports_p,
        built.is_imports_preliminary as built_imports_p
    from published
    left join built
        on
            published.area_code = built.area_code
            and published.period_month = built.period_month
)

select * from compared
where
    built_exports is distinct from published_exports
    or built_imports is distinct from published_imports
    or built_balance is distinct from published_balance
    or built_exports_growth is distinct from published_exports_growth
    or built_imports_growth is distinct from published_imports_growth
    or built_balance_growth is distinct from published_balance_growth
    or built_exports_p is distinct from published_exports_p
    or built_imports_p is distinct from published_imports_p
