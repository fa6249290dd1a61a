{#- Value index (points): V_t / V_0 × 100 with V_0 the base-year value per period of the same
    length — for a month, the base-year annual total / 12; for a year, the base-year total
    (`periods_per_base_year` = 12 or 1). MOF: 2020 exports 68,399,121,047 thousand yen →
    January 2026 as first published, 9,187,486 million yen / (68,399,121 / 12) × 100 = 161.19 → 161.2. NULL when the base is NULL or 0. -#}
{% macro index_value(value, base_year_value, periods_per_base_year=12) -%}
    {{ return(adapter.dispatch('index_value', 'japan_trade')(value, base_year_value, periods_per_base_year)) }}
{%- endmacro %}

{% macro default__index_value(value, base_year_value, periods_per_base_year=12) -%}
    {%- if periods_per_base_year not in [1, 4, 12] -%}
        {{ exceptions.raise_compiler_error("index_value: periods_per_base_year must be 1, 4 or 12, got " ~ periods_per_base_year) }}
    {%- endif -%}
    case
        when {{ base_year_value }} is null or {{ base_year_value }} = 0 then null
        else cast({{ value }} as double) * {{ periods_per_base_year }} * 100 / cast({{ base_year_value }} as double)
    end
{%- endmacro %}
