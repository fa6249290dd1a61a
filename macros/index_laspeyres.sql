{#- Laspeyres price index (points, base = 100) as an AGGREGATE over the items of a group:
        L = Σ w0·r / Σ w0 × 100,   r = P_t / P_0 (price relative), w0 = P_0·Q_0 (base-year value)
    = Σ P_t·Q_0 / Σ P_0·Q_0 × 100. Items whose relative is NULL (no price in t) or whose base weight
    is not positive are left out of numerator AND denominator (matched sample). NULL when no item
    is left. Use inside GROUP BY: any grouping of items (commodity, area, …) works. -#}
{% macro index_laspeyres(price_relative, base_value) -%}
    {{ return(adapter.dispatch('index_laspeyres', 'japan_trade')(price_relative, base_value)) }}
{%- endmacro %}

{% macro default__index_laspeyres(price_relative, base_value) -%}
    (
        {{ japan_trade.sum_exact('case when ' ~ price_relative ~ ' > 0 and ' ~ base_value ~ ' > 0 then cast('
            ~ base_value ~ ' as double) * ' ~ price_relative ~ ' end') }}
        / nullif({{ japan_trade.sum_exact('case when ' ~ price_relative ~ ' > 0 and ' ~ base_value ~ ' > 0 then cast('
            ~ base_value ~ ' as double) end') }}, 0)
        * 100
    )
{%- endmacro %}
