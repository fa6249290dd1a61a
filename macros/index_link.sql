{#- Linking (接続) an index on an older base to the new base year: new(t) = old(t) × 100 / old(B),
    with old(B) the old series' annual index for the new base year B (MOF 2020 revision: each series
    rescaled so that its 2020 annual value is 100). NULL when old(B) is NULL or 0. -#}
{% macro index_link(old_index, old_index_in_new_base_year) -%}
    {{ return(adapter.dispatch('index_link', 'japan_trade')(old_index, old_index_in_new_base_year)) }}
{%- endmacro %}

{% macro default__index_link(old_index, old_index_in_new_base_year) -%}
    case
        when {{ old_index_in_new_base_year }} is null or {{ old_index_in_new_base_year }} = 0 then null
        else cast({{ old_index }} as double) * 100 / cast({{ old_index_in_new_base_year }} as double)
    end
{%- endmacro %}
