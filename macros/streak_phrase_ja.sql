{#- The release's Japanese streak wording from a state ('increase', 'decrease', 'deficit', 'surplus',
    'unchanged', 'balanced'), a streak type and a month count:
    consecutive → 「5ヵ月連続の増加」; first_in → 「3ヵ月ぶりの赤字」;
    first_on_record → 「1980年1月以降初の増加」 (first_index = year * 12 + month − 1 of the first month
    in the loaded history); unchanged → 「前年同月と同額」; balanced → 「収支均衡」. -#}
{% macro streak_phrase_ja(state, streak_type, months, first_index) -%}
    {{ return(adapter.dispatch('streak_phrase_ja', 'japan_trade')(state, streak_type, months, first_index)) }}
{%- endmacro %}

{% macro default__streak_phrase_ja(state, streak_type, months, first_index) -%}
    case
        when {{ state }} = 'unchanged' then '前年同月と同額'
        when {{ state }} = 'balanced' then '収支均衡'
        when {{ state }} is null or {{ streak_type }} is null then null
        else
            case
                when {{ streak_type }} = 'consecutive' then cast({{ months }} as varchar) || 'ヵ月連続の'
                when {{ streak_type }} = 'first_in' then cast({{ months }} as varchar) || 'ヵ月ぶりの'
                else
                    cast({{ first_index }} // 12 as varchar) || '年'
                    || cast({{ first_index }} % 12 + 1 as varchar) || '月以降初の'
            end
            || case {{ state }}
                when 'increase' then '増加'
                when 'decrease' then '減少'
                when 'deficit' then '赤字'
                when 'surplus' then '黒字'
            end
    end
{%- endmacro %}
