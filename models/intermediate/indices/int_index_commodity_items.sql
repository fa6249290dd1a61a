-- grain: one row per flow, 9-digit code and index commodity it belongs to ('total' included)
-- A code belongs to an index commodity when an include rule matches (its principal commodity starts
-- with a PC prefix, or its 9-digit code with an HS prefix) and no exclude rule matches.
with codes as (
    select * from {{ ref('int_hs9_codes_mapped') }}
),

rules as (
    select * from {{ ref('int_index_commodity_rules') }}
),

rule_matches as (
    select
        codes.flow,
        codes.hs9_code,
        rules.index_commodity_code,
        rules.rule_kind
    from codes
    inner join rules
        on
            codes.flow = rules.flow
            and (
                (rules.code_system = 'pc' and starts_with(codes.commodity_code, rules.code_prefix))
                or (rules.code_system = 'hs' and starts_with(codes.hs9_code, rules.code_prefix))
            )
),

final as (
    select
        flow,
        hs9_code,
        index_commodity_code
    from rule_matches
    group by flow, hs9_code, index_commodity_code
    having
        bool_or(rule_kind = 'include')
        and not bool_or(rule_kind = 'exclude')
)

select * from final
