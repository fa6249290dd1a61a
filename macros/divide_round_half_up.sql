{#- Integer division rounded half-up away from zero (四捨五入): round(numerator / denominator).
    Both arguments must be integer expressions and the denominator positive.
    Used to turn thousand yen into million yen or 億円 exactly as MOF prints them. -#}
{% macro divide_round_half_up(numerator, denominator) -%}
    {{ return(adapter.dispatch('divide_round_half_up', 'japan_trade')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__divide_round_half_up(numerator, denominator) -%}
    (sign({{ numerator }}) * ((abs({{ numerator }}) * 2 + ({{ denominator }})) // (2 * ({{ denominator }}))))
{%- endmacro %}
