-- grain: one row per flow, index area, 9-digit code and quantity unit seen in the microdata
-- The item rules of the 2020 revision, per area: an item is adopted unless it is not a plain 9-digit
-- code (masked), a special 00-code (re-export / re-import entries that cannot be identified as
-- items), has no quantity unit, had no trade in the base year, or had no base-year quantity
-- (zero quantity or value in every base-year month). Base unit value = Σ value / Σ quantity over the
-- base-year months where both are positive; base weight = the item's base-year value.
{%- set base_year = var('index_base_year', 2020) | int %}
with item_cells as (
    select * from {{ ref('int_index_item_cells') }}
),

items as (
    select
        flow,
        area_code,
        hs9_code,
        quantity_unit,
        coalesce(sum(value_thousand_yen) filter (
            where year(period_month) = {{ base_year }}
        ), 0) as base_year_value_thousand_yen,
        coalesce(sum(value_thousand_yen) filter (
            where year(period_month) = {{ base_year }} and value_thousand_yen > 0 and quantity > 0
        ), 0) as base_year_priced_value_thousand_yen,
        coalesce(sum(quantity) filter (
            where year(period_month) = {{ base_year }} and value_thousand_yen > 0 and quantity > 0
        ), 0) as base_year_quantity,
        count(*) filter (
            where year(period_month) = {{ base_year }} and value_thousand_yen > 0 and quantity > 0
        ) as base_year_months_priced
    from item_cells
    group by flow, area_code, hs9_code, quantity_unit
),

classified as (
    select
        *,
        case
            when not regexp_full_match(hs9_code, '[0-9]{9}') then 'not_a_9_digit_code'
            when starts_with(hs9_code, '00') then 'special_00_code'
            when quantity_unit = '' then 'no_quantity_unit'
            when base_year_value_thousand_yen <= 0 then 'no_base_year_trade'
            when base_year_quantity <= 0 then 'zero_base_year_quantity'
        end as exclusion_reason
    from items
),

final as (
    select
        flow,
        area_code,
        hs9_code,
        quantity_unit,
        base_year_value_thousand_yen,
        base_year_priced_value_thousand_yen,
        base_year_quantity,
        base_year_months_priced,
        {{ japan_trade.index_unit_value('base_year_priced_value_thousand_yen', 'base_year_quantity') }}
            as base_unit_value_thousand_yen,
        exclusion_reason is null as is_adopted,
        coalesce(exclusion_reason, 'adopted') as adoption_status
    from classified
)

select * from final
