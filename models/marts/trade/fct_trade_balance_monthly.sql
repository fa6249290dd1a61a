-- grain: one row per period_month and area_code
-- Figures from the release XML (source release_xml) are known to the million yen and come with their printed
-- growth, which is shown as is (the balance's too, when both sides come from the XML). Their 億円 figure is
-- undetermined (null) when the million-yen value ends in exactly 50: the unrounded value could print either way.
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

release_xml_balance_growth as (
    select
        period_month,
        area_code,
        load_id,
        balance_yoy_pct_published,
        balance_yoy_marker
    from {{ ref('int_release_xml_area_values') }}
    where flow = 'export'
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
        exports.value_yoy_pct as exports_yoy_pct,
        imports.value_yoy_pct as imports_yoy_pct,
        exports.value_yoy_pct_published as exports_yoy_pct_published,
        imports.value_yoy_pct_published as imports_yoy_pct_published,
        exports.value_yoy_marker as exports_yoy_marker,
        imports.value_yoy_marker as imports_yoy_marker,
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
        paired.*,
        release_xml_balance_growth.balance_yoy_pct_published,
        release_xml_balance_growth.balance_yoy_marker,
        paired.exports_thousand_yen - paired.imports_thousand_yen as balance_thousand_yen,
        paired.exports_previous_year_thousand_yen - paired.imports_previous_year_thousand_yen
            as balance_previous_year_thousand_yen,
        paired.exports_source = 'release_xml' and paired.imports_source = 'release_xml' as is_balance_as_published,
        paired.exports_source = 'release_xml'
        and {{ japan_trade.divide_round_half_up('paired.exports_thousand_yen', 1000) }} % 100 = 50
            as is_exports_hundred_million_undetermined,
        paired.imports_source = 'release_xml'
        and {{ japan_trade.divide_round_half_up('paired.imports_thousand_yen', 1000) }} % 100 = 50
            as is_imports_hundred_million_undetermined
    from paired
    left join release_xml_balance_growth
        on
            paired.period_month = release_xml_balance_growth.period_month
            and paired.area_code = release_xml_balance_growth.area_code
),

final as (
    select
        period_month,
        area_code,
        exports_thousand_yen,
        imports_thousand_yen,
        balance_thousand_yen,
        exports_yoy_pct,
        imports_yoy_pct,
        case
            when is_balance_as_published then cast(balance_yoy_pct_published as double)
            else {{ japan_trade.growth_pct('balance_thousand_yen', 'balance_previous_year_thousand_yen') }}
        end as balance_yoy_pct,
        cast({{ japan_trade.divide_round_half_up('exports_thousand_yen', 1000) }} as bigint) as exports_million_yen,
        cast({{ japan_trade.divide_round_half_up('imports_thousand_yen', 1000) }} as bigint) as imports_million_yen,
        cast(
            {{ japan_trade.divide_round_half_up('exports_thousand_yen', 1000) }}
            - {{ japan_trade.divide_round_half_up('imports_thousand_yen', 1000) }}
            as bigint
        ) as balance_million_yen,
        case
            when not is_exports_hundred_million_undetermined then
                cast({{ japan_trade.divide_round_half_up('exports_thousand_yen', 100000) }} as bigint)
        end as exports_hundred_million_yen,
        case
            when not is_imports_hundred_million_undetermined then
                cast({{ japan_trade.divide_round_half_up('imports_thousand_yen', 100000) }} as bigint)
        end as imports_hundred_million_yen,
        case
            when not (is_exports_hundred_million_undetermined or is_imports_hundred_million_undetermined) then
                cast(
                    {{ japan_trade.divide_round_half_up('exports_thousand_yen', 100000) }}
                    - {{ japan_trade.divide_round_half_up('imports_thousand_yen', 100000) }}
                    as bigint
                )
        end as balance_hundred_million_yen,
        case
            when exports_source = 'release_xml' then exports_yoy_pct_published
            else {{ japan_trade.growth_pct_rounded('exports_thousand_yen', 'exports_previous_year_thousand_yen') }}
        end as exports_yoy_pct_display,
        case
            when imports_source = 'release_xml' then imports_yoy_pct_published
            else {{ japan_trade.growth_pct_rounded('imports_thousand_yen', 'imports_previous_year_thousand_yen') }}
        end as imports_yoy_pct_display,
        case
            when is_balance_as_published then balance_yoy_pct_published
            else {{ japan_trade.growth_pct_rounded('balance_thousand_yen', 'balance_previous_year_thousand_yen') }}
        end as balance_yoy_pct_display,
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
        is_synthetic,
        exports_yoy_marker,
        imports_yoy_marker,
        case when is_balance_as_published then balance_yoy_marker end as balance_yoy_marker
    from with_balance
)

select * from final
