{#- Unit value of one item (9-digit code) in one period: value / quantity, in thousand yen per
    quantity unit. NULL when value or quantity is NULL, zero or negative: such an item has no price
    in that period (a zero quantity is a quantity below one unit, truncated by customs). -#}
{% macro index_unit_value(value, quantity) -%}
    {{ return(adapter.dispatch('index_unit_value', 'japan_trade')(value, quantity)) }}
{%- endmacro %}

{% macro default__index_unit_value(value, quantity) -%}
    case
        when {{ value }} > 0 and {{ quantity }} > 0
            then cast({{ value }} as double) / cast({{ quantity }} as double)
    end
{%- endmacro %}
