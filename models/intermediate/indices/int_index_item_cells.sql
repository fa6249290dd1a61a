-- grain: one row per flow, month, index area, 9-digit code and quantity unit
-- The selected vintages' microdata (per layout, flow, month and HS chapter) summed to the index areas
-- (world, groupings, countries of seed index_areas), with the quantity the unit value uses: the override
-- seed's field, else Quantity1 when Unit1 is set, else Quantity2. World uses world-level microdata
-- (統計品別表) for a flow, month and HS chapter when a vintage of it is selected, else the sum of the
-- by-country microdata.
with selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
    where file_kind in ('customs_world', 'customs_by_country')
),

microdata as (
    select * from {{ ref('stg_raw__customs_microdata') }}
),

overrides as (
    select * from {{ ref('index_item_quantity_unit_overrides') }}
),

index_areas as (
    select * from {{ ref('index_areas') }}
),

country_areas as (
    select * from {{ ref('int_country_areas') }}
),

world_layout_chapters as (
    select distinct
        flow,
        period_month,
        hs_chapter
    from selected_vintages
    where file_kind = 'customs_world'
),

selected_cells as (
    select
        selected_vintages.file_kind,
        selected_vintages.source_label,
        microdata.flow,
        microdata.period_month,
        microdata.hs9_code,
        selected_vintages.hs_chapter,
        microdata.value_thousand_yen,
        microdata.unit1,
        microdata.unit2,
        microdata.quantity1,
        microdata.quantity2,
        coalesce(microdata.country_code, '') as country_code,
        coalesce(
            overrides.quantity_field,
            case when coalesce(trim(microdata.unit1), '') != '' then 1 else 2 end
        ) as quantity_field
    from microdata
    inner join selected_vintages
        on
            microdata.load_id = selected_vintages.load_id
            and microdata.flow = selected_vintages.flow
            and microdata.period_month = selected_vintages.period_month
            and left(microdata.hs9_code, 2) = selected_vintages.hs_chapter
    left join overrides
        on
            microdata.flow = overrides.flow
            and microdata.hs9_code = overrides.hs9_code
),

priced_cells as (
    select
        file_kind,
        source_label,
        flow,
        period_month,
        hs9_code,
        hs_chapter,
        country_code,
        value_thousand_yen,
        coalesce(trim(case quantity_field when 1 then unit1 else unit2 end), '') as quantity_unit,
        case quantity_field when 1 then quantity1 else quantity2 end as quantity
    from selected_cells
),

world_rows as (
    select
        priced_cells.*,
        'world' as area_code
    from priced_cells
    left join world_layout_chapters
        on
            priced_cells.flow = world_layout_chapters.flow
            and priced_cells.period_month = world_layout_chapters.period_month
            and priced_cells.hs_chapter = world_layout_chapters.hs_chapter
    where
        (priced_cells.file_kind = 'customs_world')
        or (priced_cells.file_kind = 'customs_by_country' and world_layout_chapters.flow is null)
),

country_rows as (
    select
        priced_cells.*,
        priced_cells.country_code as area_code
    from priced_cells
    inner join index_areas on priced_cells.country_code = index_areas.area_code
    where priced_cells.file_kind = 'customs_by_country'
),

grouped_rows as (
    select
        priced_cells.*,
        country_areas.area_code
    from priced_cells
    inner join country_areas
        on
            priced_cells.country_code = country_areas.country_code
            and priced_cells.period_month >= country_areas.valid_from
            and priced_cells.period_month < country_areas.valid_to
    inner join index_areas on country_areas.area_code = index_areas.area_code
    where priced_cells.file_kind = 'customs_by_country'
),

all_rows as (
    select * from world_rows
    union all by name
    select * from country_rows
    union all by name
    select * from grouped_rows
),

final as (
    select
        flow,
        period_month,
        area_code,
        hs9_code,
        quantity_unit,
        cast(sum(value_thousand_yen) as bigint) as value_thousand_yen,
        cast(sum(quantity) as bigint) as quantity,
        bool_or(source_label = 'synthetic') as is_synthetic
    from all_rows
    group by flow, period_month, area_code, hs9_code, quantity_unit
)

select * from final
