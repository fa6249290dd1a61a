-- grain: one row per source layout, flow, month, area (world, area key or country) and commodity ('total' or a PC node)
-- Microdata aggregated up the principal-commodity tree and up the area hierarchy.
-- Quantity is summed in the node's unit over the codes whose Unit1 (else Unit2) converts to it.
with leaf_cells as (
    select * from {{ ref('int_trade_microdata_leaf_cells') }}
),

ancestors as (
    select * from {{ ref('int_commodity_ancestors') }}
),

country_areas as (
    select * from {{ ref('int_country_areas') }}
),

node_cells as (
    select
        leaf_cells.file_kind,
        leaf_cells.source_label,
        leaf_cells.revision_stage,
        leaf_cells.published_date,
        leaf_cells.is_preliminary,
        leaf_cells.flow,
        leaf_cells.period_month,
        leaf_cells.country_code,
        ancestors.ancestor_code as commodity_code,
        ancestors.ancestor_quantity_unit as quantity_unit,
        leaf_cells.value_thousand_yen,
        coalesce(
            {{ japan_trade.convert_quantity(
                'leaf_cells.quantity1', 'leaf_cells.unit1', 'ancestors.ancestor_quantity_unit') }},
            {{ japan_trade.convert_quantity(
                'leaf_cells.quantity2', 'leaf_cells.unit2', 'ancestors.ancestor_quantity_unit') }}
        ) as quantity
    from leaf_cells
    inner join ancestors
        on
            leaf_cells.flow = ancestors.flow
            and leaf_cells.commodity_code = ancestors.commodity_code
),

country_rows as (
    select
        node_cells.*,
        node_cells.country_code as area_code
    from node_cells
    where node_cells.file_kind = 'customs_by_country'
),

world_rows as (
    select
        node_cells.*,
        'world' as area_code
    from node_cells
),

grouped_rows as (
    select
        node_cells.*,
        country_areas.area_code
    from node_cells
    inner join country_areas
        on
            node_cells.country_code = country_areas.country_code
            and node_cells.period_month >= country_areas.valid_from
            and node_cells.period_month < country_areas.valid_to
    where node_cells.file_kind = 'customs_by_country'
),

all_rows as (
    select * from country_rows
    union all by name
    select * from world_rows
    union all by name
    select * from grouped_rows
),

final as (
    select
        file_kind as source,
        source_label,
        revision_stage,
        published_date,
        is_preliminary,
        flow,
        period_month,
        area_code,
        commodity_code,
        quantity_unit,
        cast(sum(value_thousand_yen) as bigint) as value_thousand_yen,
        cast(sum(quantity) as decimal(38, 3)) as quantity
    from all_rows
    group by all
)

select * from final
