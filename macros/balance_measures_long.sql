{#- Rows of `relation` (shaped like fct_trade_balance_monthly) unpivoted to one row per period_month,
    area_code and measure ('exports', 'imports', 'balance') with value_thousand_yen and yoy_pct;
    months without that measure are left out. Used by the streak and ranking marts. -#}
{% macro balance_measures_long(relation) -%}
    {{ return(adapter.dispatch('balance_measures_long', 'japan_trade')(relation)) }}
{%- endmacro %}

{% macro default__balance_measures_long(relation) -%}
    {%- for measure in ['exports', 'imports', 'balance'] %}
    select
        period_month,
        area_code,
        '{{ measure }}' as measure,
        {{ measure }}_thousand_yen as value_thousand_yen,
        {{ measure }}_yoy_pct as yoy_pct
    from {{ relation }}
    where {{ measure }}_thousand_yen is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
