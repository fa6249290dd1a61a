{#- Fisher price index (points): the geometric mean of Laspeyres and Paasche, both in points,
        F = √(L × P)
    (MOF 2020 base: 価格指数 = √[(ΣP_tQ_0/ΣP_0Q_0)·(ΣP_tQ_t/ΣP_0Q_t)]). NULL when either is NULL or
    not positive. -#}
{% macro index_fisher(laspeyres, paasche) -%}
    {{ return(adapter.dispatch('index_fisher', 'japan_trade')(laspeyres, paasche)) }}
{%- endmacro %}

{% macro default__index_fisher(laspeyres, paasche) -%}
    case
        when {{ laspeyres }} > 0 and {{ paasche }} > 0
            then sqrt(cast({{ laspeyres }} as double) * cast({{ paasche }} as double))
    end
{%- endmacro %}
