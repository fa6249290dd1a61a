{#- Contribution to growth (寄与度) in percentage points:
    (item_t - item_{t-12}) / total_{t-12} * 100, within the same area and flow.
    An item absent a year earlier counts as 0; NULL when the total a year earlier is NULL or 0. -#}
{% macro contribution_pct_points(item_current, item_previous, total_previous) -%}
    {{ return(adapter.dispatch('contribution_pct_points', 'japan_trade')(item_current, item_previous, total_previous)) }}
{%- endmacro %}

{% macro default__contribution_pct_points(item_current, item_previous, total_previous) -%}
    case
        when {{ total_previous }} is null or {{ total_previous }} = 0 then null
        else (cast(coalesce({{ item_current }}, 0) as double) - cast(coalesce({{ item_previous }}, 0) as double))
            * 100 / cast({{ total_previous }} as double)
    end
{%- endmacro %}
