-- grain: one row per period_month and area_code (index areas with both export and import price indices)
-- Terms of trade (交易条件指数) = export price index / import price index × 100, both Fisher, 2020 = 100.
with indices as (
    select * from {{ ref('fct_trade_indices') }}
    where index_commodity_code = 'total'
),

paired as (
    select
        exports.period_month,
        exports.area_code,
        exports.price_index as export_price_index,
        imports.price_index as import_price_index,
        exports.is_price_synthetic or imports.is_price_synthetic as is_price_synthetic
    from indices as exports
    inner join indices as imports
        on
            exports.period_month = imports.period_month
            and exports.area_code = imports.area_code
            and imports.flow = 'import'
    where
        exports.flow = 'export'
        and exports.price_index is not null
        and imports.price_index is not null
),

with_ratio as (
    select
        *,
        export_price_index * 100 / import_price_index as terms_of_trade_index
    from paired
),

final as (
    select
        with_ratio.period_month,
        with_ratio.area_code,
        with_ratio.export_price_index,
        with_ratio.import_price_index,
        with_ratio.terms_of_trade_index,
        {{ japan_trade.growth_pct('with_ratio.terms_of_trade_index', 'previous_year.terms_of_trade_index') }}
            as terms_of_trade_yoy_pct,
        with_ratio.is_price_synthetic
    from with_ratio
    left join with_ratio as previous_year
        on
            with_ratio.area_code = previous_year.area_code
            and with_ratio.period_month = cast({{ dbt.dateadd('month', 12, 'previous_year.period_month') }} as date)
)

select * from final
