{#- Contribution (寄与度) in percentage points rounded half-up (四捨五入, away from zero) to
    `digits` decimals, in exact integer arithmetic: (item_t - item_{t-12}) * 100 / total_{t-12}.
    Same NULL rules as contribution_pct_points (an absent item counts as 0; NULL when the total a
    year earlier is NULL or not positive). -#}
{% macro contribution_pct_points_rounded(item_current, item_previous, total_previous, digits=1) -%}
    {{ return(adapter.dispatch('contribution_pct_points_rounded', 'japan_trade')(
        item_current, item_previous, total_previous, digits)) }}
{%- endmacro %}

{% macro default__contribution_pct_points_rounded(item_current, item_previous, total_previous, digits) -%}
    {%- if digits is not integer or digits < 0 -%}
        {{ exceptions.raise_compiler_error("contribution_pct_points_rounded: digits must be a non-negative integer") }}
    {%- endif -%}
    case
        when {{ total_previous }} is null or {{ total_previous }} <= 0 then null
        else cast(
            cast({{ japan_trade.divide_round_half_up(
                '(cast(coalesce(' ~ item_current ~ ', 0) as hugeint) - cast(coalesce(' ~ item_previous
                ~ ', 0) as hugeint)) * ' ~ (10 ** (digits + 2)),
                'cast(' ~ total_previous ~ ' as hugeint)') }} as double) / {{ 10 ** digits }}
            as decimal(18, {{ digits }})
        )
    end
{%- endmacro %}
