-- grain: one row per period_month and area_code
with totals as (
    select * from {{ ref('fct_trade_monthly') }}
    where commodity_code = 'total'
),

exports as (
    select * from totals
    where flow = 'export'
),

imports as (
    select * from totals
    where flow = 'import'
),

paired as (
    select
        exports.value_thousand_yen as exports_thousand_yen,
        imports.value_thousand_yen as imports_thousand_yen,
        exports.value_previous_year_thousand_yen as exports_previous_year_thousand_yen,
        imports.value_previous_year_thousand_yen as imports_previous_year_thousand_yen,
        exports.is_preliminary as is_exports_preliminary,
        imports.is_preliminary as is_imports_preliminary,
        exports.revision_stage as exports_revision_stage,
        imports.revision_stage as imports_revision_stage,
        exports.source as exports_source,
        imports.source as imports_source,
        coalesce(exports.period_month, imports.period_month) as period_month,
        coalesce(exports.area_code, imports.area_code) as area_code,
        coalesce(exports.is_synthetic, false) or coalesce(imports.is_synthetic, false) as is_synthetic
    from exports
    full outer join imports
        on
            exports.period_month = imports.period_month
            and exports.area_code = imports.area_code
),

with_balance as (
    select
        *,
        exports_thousand_yen - imports_thousand_yen as balance_thousand_yen,
        exports_previous_year_thousand_yen - imports_previous_year_thousand_yen
            as balance_previous_year_thousand_yen
    from paired
),

final as (
    select
        period_month,
        area_code,
        exports_thousand_yen,
        imports_thousand_yen,
        balance_thousand_yen,
        {{ japan_trade.growth_pct('exports_thousand_yen', 'exports_previous_year_thousand_yen') }}
            as exports_yoy_pct,
        {{ japan_trade.growth_pct('imports_thousand_yen', 'imports_previous_year_thousand_yen') }}
            as imports_yoy_pct,
        {{ japan_trade.growth_pct('balance_thousand_yen', 'balance_previous_year_thousand_yen') }}
            as balance_yoy_pct,
        cast({{ japan_trade.divide_round_half_up('exports_thousand_yen', 1000) }} as bigint) as exports_million_yen,
        cast({{ japan_trade.divide_round_half_up('imports_thousand_yen', 1000) }} as bigint) as imports_million_yen,
        cast(
            {{ japan_trade.divide_round_half_up('exports_thousand_yen', 1000) }}
            - {{ japan_trade.divide_round_half_up('imports_thousand_yen', 1000) }}
            as bigint
        ) as balance_million_yen,
        cast({{ japan_trade.divide_round_half_up('exports_thousand_yen', 100000) }} as bigint)
            as exports_hundred_million_yen,
        cast({{ japan_trade.divide_round_half_up('imports_thousand_yen', 100000) }} as bigint)
            as imports_hundred_million_yen,
        cast(
            {{ japan_trade.divide_round_half_up('exports_thousand_yen', 100000) }}
            - {{ japan_trade.divide_round_half_up('imports_thousand_yen', 100000) }}
            as bigint
        ) as balance_hundred_million_yen,
        {{ japan_trade.growth_pct_rounded('exports_thousand_yen', 'exports_previous_year_thousand_yen') }}
            as exports_yoy_pct_display,
        {{ japan_trade.growth_pct_rounded('imports_thousand_yen', 'imports_previous_year_thousand_yen') }}
            as imports_yoy_pct_display,
        {{ japan_trade.growth_pct_rounded('balance_thousand_yen', 'balance_previous_year_thousand_yen') }}
            as balance_yoy_pct_display,
        balance_previous_year_thousand_yen is not null
        and balance_thousand_yen is not null
        and sign(balance_thousand_yen) * sign(balance_previous_year_thousand_yen) < 0 as is_balance_sign_change,
        is_exports_preliminary,
        is_imports_preliminary,
        coalesce(is_exports_preliminary, false) or coalesce(is_imports_preliminary, false) as is_balance_preliminary,
        exports_revision_stage,
        imports_revision_stage,
        exports_source,
        imports_source,
        is_synthetic
    from with_balance
)

select * from final
