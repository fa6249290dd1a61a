-- grain: one row per flow and 9-digit statistical code seen in any load
-- Each code maps to the deepest principal commodity by the longest matching prefix rule.
-- Masked codes ('27XXXXXXB') match by the digits they show.
with codes as (
    select distinct
        flow,
        hs9_code
    from {{ ref('stg_raw__customs_microdata') }}
),

rules as (
    select * from {{ ref('principal_commodity_hs_rules') }}
),

matches as (
    select
        codes.flow,
        codes.hs9_code,
        rules.commodity_code,
        rules.hs_code_prefix,
        row_number() over (
            partition by codes.flow, codes.hs9_code
            order by length(rules.hs_code_prefix) desc
        ) as match_rank
    from codes
    left join rules
        on
            codes.flow = rules.flow
            and starts_with(codes.hs9_code, rules.hs_code_prefix)
),

final as (
    select
        flow,
        hs9_code,
        commodity_code,
        hs_code_prefix as matched_prefix
    from matches
    where match_rank = 1
)

select * from final
