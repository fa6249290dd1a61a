{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test (tolerance: none). Built as first published (var as_of = 2026-02-18), the 億円 figures of
-- fct_trade_balance_monthly must equal the totals lines of the January 2026 release for world, USA, EU,
-- Asia and China (9兆1,875億円, 10兆3,401億円, ▲1兆1,526億円 …). Returns the rows that differ.
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
        built.balance_hundred_million_yen as built_balance
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
