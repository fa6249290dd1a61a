{#- Growth in percent rounded half-up (四捨五入, away from zero) to `digits` decimals,
    computed in exact integer arithmetic from integer inputs, so a printed figure
    never depends on floating point. Same NULL rules as growth_pct. -#}
{% macro growth_pct_rounded(current, previous, digits=1) -%}
    {{ return(adapter.dispatch('growth_pct_rounded', 'japan_trade')(current, previous, digits)) }}
{%- endmacro %}

{% macro default__growth_pct_rounded(current, previous, digits) -%}
    {%- if digits is not integer or digits < 0 -%}
        {{ exceptions.raise_compiler_error("growth_pct_rounded: digits must be a non-negative integer") }}
    {%- endif -%}
    {%- set scale = 10 ** (digits + 2) -%}
    case
        when {{ previous }} is null or {{ current }} is null or {{ previous }} = 0 then null
        when sign({{ current }}) * sign({{ previous }}) < 0 then null
        else cast(
            cast({{ japan_trade.divide_round_half_up(
                '(cast(' ~ current ~ ' as hugeint) - cast(' ~ previous ~ ' as hugeint)) * ' ~ scale
                ~ ' * sign(' ~ previous ~ ')',
                'abs(cast(' ~ previous ~ ' as hugeint))') }} as double) / {{ 10 ** digits }}
            as decimal(18, {{ digits }})
        )
    end
{%- endmacro %}
