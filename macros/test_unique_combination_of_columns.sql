{#- Generic test: no two rows share the same values in `combination_of_columns`
    (the primary key of a model whose grain has several columns). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {{ return(adapter.dispatch('test_unique_combination_of_columns', 'japan_trade')(model, combination_of_columns)) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns) %}
    {%- if combination_of_columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("unique_combination_of_columns needs at least one column") }}
    {%- endif -%}
    select {{ combination_of_columns | join(', ') }}, count(*) as row_count
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endmacro %}
