-- grain: one row per flow, month, area and commodity: the figure the marts publish
-- Source precedence: the most recent publication wins; on the same date an official series
-- (the authority for what it publishes) beats the release XML (area and country totals as printed on
-- release day), which beats world-level microdata, which beats by-country microdata. A figure from the
-- release XML carries its printed growth (value_yoy_pct_published) or the marker printed instead
-- (value_yoy_marker: ZENZO, ZENGEN, *NNN); other sources leave both null.
with official as (
    select * from {{ ref('int_trade_official_by_area') }}
),

microdata as (
    select * from {{ ref('int_trade_microdata_by_area') }}
),

release_xml as (
    select * from {{ ref('int_release_xml_area_values') }}
),

candidates as (
    select * from official
    union all by name
    select * from microdata
    union all by name
    select * from release_xml
),

ranked as (
    select
        *,
        row_number() over (
            partition by flow, period_month, area_code, commodity_code
            order by
                published_date desc,
                {{ japan_trade.source_precedence_rank('source') }}
        ) as precedence_rank
    from candidates
),

final as (
    select
        flow,
        period_month,
        area_code,
        commodity_code,
        value_thousand_yen,
        quantity,
        quantity_unit,
        source,
        series_code,
        source_label,
        revision_stage,
        published_date,
        is_preliminary,
        value_yoy_pct_published,
        value_yoy_marker
    from ranked
    where precedence_rank = 1
)

select * from final
