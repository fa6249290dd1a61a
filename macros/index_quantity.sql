{#- Quantity index (points): value index / price index × 100 (MOF 数量指数 = 金額指数 ÷ 価格指数).
    January 2026 exports: 161.2 / 171.4 × 100 = 94.0. NULL when the price index is NULL or 0. -#}
{% macro index_quantity(value_index, price_index) -%}
    {{ return(adapter.dispatch('index_quantity', 'japan_trade')(value_index, price_index)) }}
{%- endmacro %}

{% macro default__index_quantity(value_index, price_index) -%}
    case
        when {{ price_index }} is null or {{ price_index }} = 0 then null
        else cast({{ value_index }} as double) * 100 / cast({{ price_index }} as double)
    end
{%- endmacro %}
