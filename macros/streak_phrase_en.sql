{#- English streak wording beside streak_phrase_ja:
    consecutive → '5 consecutive months of increase'; first_in → 'first deficit in 3 months';
    first_on_record → 'first increase since 1980-01 (start of the loaded history)';
    unchanged → 'unchanged from a year earlier'; balanced → 'balanced'. -#}
{% macro streak_phrase_en(state, streak_type, months, first_index) -%}
    {{ return(adapter.dispatch('streak_phrase_en', 'japan_trade')(state, streak_type, months, first_index)) }}
{%- endmacro %}

{% macro default__streak_phrase_en(state, streak_type, months, first_index) -%}
    case
        when {{ state }} = 'unchanged' then 'unchanged from a year earlier'
        when {{ state }} = 'balanced' then 'balanced'
        when {{ state }} is null or {{ streak_type }} is null then null
        when {{ streak_type }} = 'consecutive'
            then cast({{ months }} as varchar) || ' consecutive months of ' || {{ state }}
        when {{ streak_type }} = 'first_in'
            then 'first ' || {{ state }} || ' in ' || cast({{ months }} as varchar) || ' months'
        else
            'first ' || {{ state }} || ' since '
            || cast({{ first_index }} // 12 as varchar) || '-'
            || lpad(cast({{ first_index }} % 12 + 1 as varchar), 2, '0')
            || ' (start of the loaded history)'
    end
{%- endmacro %}
