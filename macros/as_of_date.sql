{#- The vintage cut-off of this build as a SQL DATE literal: var('as_of') when set
    (YYYY-MM-DD), else a date far in the future (= use the latest vintage). -#}
{% macro as_of_date() -%}
    {{ return(adapter.dispatch('as_of_date', 'japan_trade')()) }}
{%- endmacro %}

{% macro default__as_of_date() -%}
    {%- set as_of = var('as_of', none) -%}
    {%- if as_of is none or as_of == '' -%}
        date '9999-12-31'
    {%- else -%}
        {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', as_of | string) -%}
            {{ exceptions.raise_compiler_error("var as_of must be a date YYYY-MM-DD, got '" ~ as_of ~ "'") }}
        {%- endif -%}
        date '{{ as_of }}'
    {%- endif -%}
{%- endmacro %}
