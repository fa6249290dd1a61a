{#- A quantity expressed in `from_unit` converted to `to_unit`, or NULL when the units
    do not convert (different dimensions, or either unit blank). Weights GR → KG → MT and
    volumes L ↔ KL convert by 1000; a set (ST) counts as one unit (NO) — this reproduces the
    published car counts; identical units pass through. Result: an exact decimal — scaling
    multiplies by a decimal constant, because a division would give a double, and sums of doubles
    depend on the order of addition (two builds would differ). -#}
{% macro convert_quantity(quantity, from_unit, to_unit) -%}
    {{ return(adapter.dispatch('convert_quantity', 'japan_trade')(quantity, from_unit, to_unit)) }}
{%- endmacro %}

{% macro default__convert_quantity(quantity, from_unit, to_unit) -%}
    case
        when {{ to_unit }} is null or {{ to_unit }} = '' or {{ from_unit }} is null or {{ from_unit }} = '' then null
        when {{ from_unit }} = {{ to_unit }} then cast({{ quantity }} as decimal(38, 3))
        when {{ from_unit }} = 'KG' and {{ to_unit }} = 'MT' then cast({{ quantity }} as decimal(38, 3)) * cast(0.001 as decimal(4, 3))
        when {{ from_unit }} = 'MT' and {{ to_unit }} = 'KG' then cast({{ quantity }} as decimal(38, 3)) * 1000
        when {{ from_unit }} = 'L' and {{ to_unit }} = 'KL' then cast({{ quantity }} as decimal(38, 3)) * cast(0.001 as decimal(4, 3))
        when {{ from_unit }} = 'KL' and {{ to_unit }} = 'L' then cast({{ quantity }} as decimal(38, 3)) * 1000
        when {{ from_unit }} = 'GR' and {{ to_unit }} = 'KG' then cast({{ quantity }} as decimal(38, 3)) * cast(0.001 as decimal(4, 3))
        when {{ from_unit }} = 'GR' and {{ to_unit }} = 'MT' then cast({{ quantity }} as decimal(38, 6)) * cast(0.000001 as decimal(7, 6))
        when {{ from_unit }} = 'ST' and {{ to_unit }} = 'NO' then cast({{ quantity }} as decimal(38, 3))
    end
{%- endmacro %}
