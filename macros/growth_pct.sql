{#- Year-on-year (or any period) growth in percent: (current - previous) * 100 / previous
    (= current / previous - 1, written so exact cases stay exact in floating point).
    NULL when the previous value is NULL or 0 (the release prints 全増 / '-'), and
    when the two values have opposite signs (balance sign change, printed '-').
    Ratio of the signed values otherwise, so a shrinking deficit is negative. -#}
{% macro growth_pct(current, previous) -%}
    {{ return(adapter.dispatch('growth_pct', 'japan_trade')(current, previous)) }}
{%- endmacro %}

{% macro default__growth_pct(current, previous) -%}
    case
        when {{ previous }} is null or {{ current }} is null or {{ previous }} = 0 then null
        when sign({{ current }}) * sign({{ previous }}) < 0 then null
        else (cast({{ current }} as double) - cast({{ previous }} as double)) * 100 / cast({{ previous }} as double)
    end
{%- endmacro %}
