-- grain: one row per flow and index commodity of the 2020 list ('total' included)
-- Base-year weights (構成比, per mille of the adopted items' 2020 value, world) computed from the loaded
-- data, beside the published ones; and, for the commodities that equal a release item, the weight
-- derived from the official series: its 2020 share of total trade (d51ma / d61ma ÷ d41ma) divided by
-- the published coverage (93.7 % / 98.3 %) — domain-notes §4.1.
{%- set base_year = var('index_base_year', 2020) | int %}
with index_commodities as (
    select * from {{ ref('index_commodities') }}
),

published_coverage as (
    select * from {{ ref('index_published_coverage') }}
),

adopted as (
    select * from {{ ref('int_index_items_adopted') }}
    where area_code = 'world'
),

commodity_items as (
    select * from {{ ref('int_index_commodity_items') }}
),

commodity_values as (
    select * from {{ ref('int_index_commodity_values') }}
    where period_type = 'year' and area_code = 'world' and year(period_start) = {{ base_year }}
),

rules as (
    select * from {{ ref('int_index_commodity_rules') }}
),

release_items as (
    select * from {{ ref('release_items') }}
),

official as (
    select * from {{ ref('int_official_series_selected') }}
),

adopted_by_commodity as (
    select
        adopted.flow,
        commodity_items.index_commodity_code,
        cast(coalesce(sum(adopted.base_year_value_thousand_yen) filter (where adopted.is_adopted), 0) as bigint)
            as adopted_base_year_value_thousand_yen,
        count(*) filter (where adopted.is_adopted) as items_adopted
    from adopted
    inner join commodity_items
        on
            adopted.flow = commodity_items.flow
            and adopted.hs9_code = commodity_items.hs9_code
    group by all
),

adopted_total as (
    select
        flow,
        adopted_base_year_value_thousand_yen as adopted_total_thousand_yen
    from adopted_by_commodity
    where index_commodity_code = 'total'
),

-- index commodities defined by principal-commodity codes only, as a sorted code list
plain_definitions as (
    select
        flow,
        index_commodity_code,
        string_agg(code_prefix, '|' order by code_prefix) as component_codes
    from rules
    group by flow, index_commodity_code
    having bool_and(rule_kind = 'include' and code_system = 'pc')
),

release_item_definitions as (
    select
        flow,
        release_item_code,
        list_aggregate(list_sort(string_split(component_commodity_codes, '|')), 'string_agg', '|')
            as component_codes
    from release_items
    where release_item_code != 'total'
),

official_base_year as (
    select
        official.flow,
        official.release_item_code,
        cast(sum(official.value_thousand_yen) as bigint) as value_thousand_yen,
        count(*) as months
    from official
    where official.area_code = 'world' and year(official.period_month) = {{ base_year }}
    group by official.flow, official.release_item_code, official.series_code
),

official_totals as (
    select
        flow,
        max(value_thousand_yen) filter (where months = 12) as total_thousand_yen
    from official_base_year
    where release_item_code = 'total'
    group by flow
),

official_weights as (
    select
        plain_definitions.flow,
        plain_definitions.index_commodity_code,
        release_item_definitions.release_item_code,
        official_base_year.value_thousand_yen as official_base_year_value_thousand_yen,
        cast(official_base_year.value_thousand_yen as double) * 1000
        / cast(official_totals.total_thousand_yen as double)
        / (cast(published_coverage.published_value_share_pct as double) / 100) as official_series_weight_per_mille
    from plain_definitions
    inner join release_item_definitions
        on
            plain_definitions.flow = release_item_definitions.flow
            and plain_definitions.component_codes = release_item_definitions.component_codes
    inner join official_base_year
        on
            release_item_definitions.flow = official_base_year.flow
            and release_item_definitions.release_item_code = official_base_year.release_item_code
            and official_base_year.months = 12
    inner join official_totals on plain_definitions.flow = official_totals.flow
    inner join published_coverage on plain_definitions.flow = published_coverage.flow
    qualify row_number() over (
        partition by plain_definitions.flow, plain_definitions.index_commodity_code
        order by release_item_definitions.release_item_code
    ) = 1
),

final as (
    select
        index_commodities.flow,
        index_commodities.index_commodity_code,
        index_commodities.index_order,
        index_commodities.name_ja,
        index_commodities.name_en,
        index_commodities.definition,
        index_commodities.is_special_classification,
        cast(index_commodities.published_weight_per_mille as double) as published_weight_per_mille,
        cast(coalesce(adopted_by_commodity.items_adopted, 0) as integer) as items_adopted,
        commodity_values.value_thousand_yen as base_year_value_thousand_yen,
        official_weights.release_item_code as equal_release_item_code,
        official_weights.official_base_year_value_thousand_yen,
        official_weights.official_series_weight_per_mille,
        coalesce(adopted_by_commodity.adopted_base_year_value_thousand_yen, 0) as adopted_base_year_value_thousand_yen,
        cast(coalesce(adopted_by_commodity.adopted_base_year_value_thousand_yen, 0) as double) * 1000
        / nullif(cast(adopted_total.adopted_total_thousand_yen as double), 0) as computed_weight_per_mille,
        cast(coalesce(adopted_by_commodity.adopted_base_year_value_thousand_yen, 0) as double)
        / nullif(cast(commodity_values.value_thousand_yen as double), 0) as adopted_value_share,
        case when index_commodities.index_commodity_code = 'total' then published_coverage.published_items_adopted end
            as published_items_adopted,
        case
            when index_commodities.index_commodity_code = 'total'
                then cast(published_coverage.published_value_share_pct as double) / 100
        end as published_value_share
    from index_commodities
    left join adopted_by_commodity
        on
            index_commodities.flow = adopted_by_commodity.flow
            and index_commodities.index_commodity_code = adopted_by_commodity.index_commodity_code
    left join adopted_total on index_commodities.flow = adopted_total.flow
    left join commodity_values
        on
            index_commodities.flow = commodity_values.flow
            and index_commodities.index_commodity_code = commodity_values.index_commodity_code
    left join official_weights
        on
            index_commodities.flow = official_weights.flow
            and index_commodities.index_commodity_code = official_weights.index_commodity_code
    left join published_coverage on index_commodities.flow = published_coverage.flow
)

select * from final
