-- grain: one row per flow, release item and component principal commodity
-- The principal commodities each release item (row of d51ma / d61ma) adds up ('0+1' → '0', '1'; 'total' → '0'…'9').
with release_items as (
    select * from {{ ref('release_items') }}
),

final as (
    select
        flow,
        release_item_code,
        unnest(string_split(component_commodity_codes, '|')) as commodity_code
    from release_items
)

select * from final
