{#- Paasche price index (points, base = 100) as an AGGREGATE over the items of a group, the
    current-value-weighted harmonic mean of the price relatives:
        P = Σ v_t / Σ (v_t / r) × 100,   r = P_t / P_0, v_t = P_t·Q_t (value in t)
    = Σ P_t·Q_t / Σ P_0·Q_t × 100. Items with a NULL relative or no positive current value are
    left out of numerator AND denominator (an item not traded in t has Q_t = 0 and drops out).
    NULL when no item is left. -#}
{% macro index_paasche(price_relative, current_value) -%}
    {{ return(adapter.dispatch('index_paasche', 'japan_trade')(price_relative, current_value)) }}
{%- endmacro %}

{% macro default__index_paasche(price_relative, current_value) -%}
    (
        {{ japan_trade.sum_exact('case when ' ~ price_relative ~ ' > 0 and ' ~ current_value ~ ' > 0 then cast('
            ~ current_value ~ ' as double) end') }}
        / nullif({{ japan_trade.sum_exact('case when ' ~ price_relative ~ ' > 0 and ' ~ current_value ~ ' > 0 then cast('
            ~ current_value ~ ' as double) / ' ~ price_relative ~ ' end') }}, 0)
        * 100
    )
{%- endmacro %}
