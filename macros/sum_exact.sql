{#- Order-independent sum of a floating-point expression (an aggregate): each term is rounded to
    15 decimals as decimal(38, 15), the terms are added exactly, and the sum is returned as a double.
    A plain sum over doubles depends on the order in which a parallel engine adds the rows, so two
    builds of the same inputs could differ in the last bits — and, after rounding for print, in a
    published digit. Fifteen decimals lose nothing a double carries for the terms here (contributions in
    points, values in thousand yen times price relatives); sums up to 10^23 fit. -#}
{% macro sum_exact(expression) -%}
    {{ return(adapter.dispatch('sum_exact', 'japan_trade')(expression)) }}
{%- endmacro %}

{% macro default__sum_exact(expression) -%}
    cast(sum(cast({{ expression }} as decimal(38, 15))) as double)
{%- endmacro %}
