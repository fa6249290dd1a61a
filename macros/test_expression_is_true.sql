{#- Generic test: every row (optionally those matching `where`) satisfies `expression`. -#}
{% test expression_is_true(model, expression) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'japan_trade')(model, expression)) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression) %}
    select * from {{ model }} where not ({{ expression }})
{% endmacro %}
