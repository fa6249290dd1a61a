{{ config(enabled=(var('as_of', none) | string == '2026-02-18'), tags=['golden']) }}
-- Golden test (tolerance: none on the printed one-decimal figures). Built as first published (var as_of =
-- 2026-02-18), the world items fct_trade_release_items lists for January 2026 must be exactly those of the
-- release (増加品目 / 減少品目, both flows) with the printed growth and contribution. Returns the items that
-- differ: listed by one side only, or with another figure. The items come from the real release XML (pg3 /
-- pg4, part 4): the printed growth and contribution, and the listed-item rule applied to them — evidence,
-- not a round trip (the synthetic release vintage no longer decides them).
with published as (
    select * from {{ ref('release_2026_01_listed_items') }}
    where area_code = 'world'
),

built as (
    select * from {{ ref('fct_trade_release_items') }}
    where area_code = 'world' and period_month = date '2026-01-01' and is_listed
),

compared as (
    select
        published.yoy_pct as published_growth,
        built.value_yoy_pct_display as built_growth,
        published.contribution_pct_points as published_contribution,
        built.contribution_pct_points_display as built_contribution,
        coalesce(published.flow, built.flow) as flow,
        coalesce(published.release_item_code, built.release_item_code) as release_item_code
    from published
    full outer join built
        on
            published.flow = built.flow
            and published.release_item_code = built.release_item_code
)

select * from compared
where
    built_growth is distinct from published_growth
    or built_contribution is distinct from published_contribution
