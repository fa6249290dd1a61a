-- grain: one row per flow, index commodity, rule kind (include / exclude), code system (pc / hs) and code prefix
-- The definitions of the 2020 index commodities parsed into prefix rules:
-- '0,1(excl.HS0106)' → include PC 0, PC 1; exclude HS 0106. 'HS7118.10' → HS prefix 711810.
-- '201-209' → PC 201 … 209. 'total' (no definition) → include every code (HS prefix '').
with index_commodities as (
    select * from {{ ref('index_commodities') }}
),

split_definitions as (
    select
        flow,
        index_commodity_code,
        coalesce(definition, '') as definition,
        regexp_replace(coalesce(definition, ''), '\(excl\..*\)$', '') as included_part,
        regexp_extract(coalesce(definition, ''), '\(excl\.(.*)\)$', 1) as excluded_part
    from index_commodities
),

tokens as (
    select
        flow,
        index_commodity_code,
        'include' as rule_kind,
        trim(unnest(string_split(included_part, ','))) as token
    from split_definitions
    where included_part != ''
    union all
    select
        flow,
        index_commodity_code,
        'exclude' as rule_kind,
        trim(unnest(string_split(excluded_part, ','))) as token
    from split_definitions
    where excluded_part != ''
),

single_tokens as (
    select
        flow,
        index_commodity_code,
        rule_kind,
        case when starts_with(token, 'HS') then 'hs' else 'pc' end as code_system,
        case
            when starts_with(token, 'HS') then replace(substr(token, 3), '.', '')
            else token
        end as code_prefix
    from tokens
    where not contains(token, '-')
),

range_tokens as (
    select
        flow,
        index_commodity_code,
        rule_kind,
        split_part(token, '-', 1) as range_from,
        split_part(token, '-', 2) as range_to
    from tokens
    where contains(token, '-')
),

range_numbers as (
    select
        flow,
        index_commodity_code,
        rule_kind,
        cast(length(range_from) as integer) as code_length,
        unnest(generate_series(cast(range_from as integer), cast(range_to as integer))) as code_number
    from range_tokens
),

expanded_ranges as (
    select
        flow,
        index_commodity_code,
        rule_kind,
        'pc' as code_system,
        lpad(cast(code_number as varchar), code_length, '0') as code_prefix
    from range_numbers
),

total_rule as (
    select
        flow,
        index_commodity_code,
        'include' as rule_kind,
        'hs' as code_system,
        '' as code_prefix
    from split_definitions
    where definition = ''
),

final as (
    select * from single_tokens
    union all
    select * from expanded_ranges
    union all
    select * from total_rule
)

select * from final
