{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test (tolerance: none). Built as first published (var as_of = 2026-02-18), the 億円 figures of
-- fct_trade_balance_monthly must equal the totals lines of the January 2026 release for world, USA, EU,
-- Asia and China (9兆1,875億円, 10兆3,401億円, ▲1兆1,526億円 …). Returns the rows that differ.
-- One exception, by construction: a figure from the release XML is known to the million yen, and when that
-- ends in exactly 50 the 億円 figure is undetermined (null in the mart: 10,340,150 million = 103,401.50 億円,
-- which the unrounded value prints as 103,401 or 103,402). Such a null is accepted only where the million-yen
-- figure does end in 50; every determined figure must equal the print.
with published as (
    select * from {{ ref('release_2026_01_headline') }}
),

built as (
    select * from {{ ref('fct_trade_balance_monthly') }}
),

compared as (
    select
        published.area_code,
        published.period_month,
        published.exports_hundred_million_yen as published_exports,
        built.exports_hundred_million_yen as built_exports,
        published.imports_hundred_million_yen as published_imports,
        built.imports_hundred_million_yen as built_imports,
        published.balance_hundred_million_yen as published_balance,
        built.balance_hundred_million_yen as built_balance,
        built.exports_million_yen % 100 = 50 and built.exports_source = 'release_xml' as is_exports_undetermined,
        built.imports_million_yen % 100 = 50 and built.imports_source = 'release_xml' as is_imports_undetermined
    from published
    left join built
        on
            published.area_code = built.area_code
            and published.period_month = built.period_month
)

select * from compared
where
    (built_exports is distinct from published_exports and not (built_exports is null and is_exports_undetermined))
    or (built_imports is distinct from published_imports and not (built_imports is null and is_imports_undetermined))
    or (
        built_balance is distinct from published_balance
        and not (built_balance is null and (is_exports_undetermined or is_imports_undetermined))
    )
