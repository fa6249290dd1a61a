{#- A CTE named `<prefix>_runs` that adds, for the state column `state_column` of `relation`
    (one row per area_code, measure, month_index), the streak of that state:
      <prefix>_streak_type  'consecutive' when the previous calendar month had the same state,
                            'first_in' when the state occurred earlier but not last month,
                            'first_on_record' when it never occurred earlier in the loaded history,
                            null when the state itself is null, or when the answer depends on months
                            missing from the loaded history (a gap since the state last occurred, or
                            a gap anywhere before a state never seen): the streak is unknown;
      <prefix>_months       run length for 'consecutive' (this month included), months since the
                            state last occurred for 'first_in', null otherwise;
      previous_<prefix>     the state of the previous calendar month (null when missing: a gap).
    Months are counted in calendar months, not rows; a month missing from the history is unknown, not a
    break: a streak that would have to look across it is null rather than a guess. -#}
{% macro streak_runs(relation, state_column, prefix) -%}
    {{ return(adapter.dispatch('streak_runs', 'japan_trade')(relation, state_column, prefix)) }}
{%- endmacro %}

{% macro default__streak_runs(relation, state_column, prefix) -%}
{{ prefix }}_islands as (
    select
        *,
        month_index - row_number() over (
            partition by area_code, measure, {{ state_column }} order by month_index
        ) as {{ prefix }}_island,
        month_index - row_number() over (partition by area_code, measure order by month_index)
            as {{ prefix }}_contiguous_block,
        lag({{ state_column }}) over (partition by area_code, measure order by month_index) as lagged_{{ prefix }},
        lag(month_index) over (partition by area_code, measure order by month_index) as lagged_{{ prefix }}_index,
        max(case when {{ state_column }} is not null then month_index end) over (
            partition by area_code, measure, {{ state_column }}
            order by month_index
            rows between unbounded preceding and 1 preceding
        ) as last_same_{{ prefix }}_index
    from {{ relation }}
),

{{ prefix }}_blocks as (
    select
        *,
        min(month_index) over (partition by area_code, measure, {{ prefix }}_contiguous_block)
            as {{ prefix }}_block_start_index,
        min(month_index) over (partition by area_code, measure) as {{ prefix }}_history_start_index
    from {{ prefix }}_islands
),

{{ prefix }}_runs as (
    select
        *,
        case when lagged_{{ prefix }}_index = month_index - 1 then lagged_{{ prefix }} end as previous_{{ prefix }},
        case
            when {{ state_column }} is null then null
            when lagged_{{ prefix }}_index = month_index - 1 and lagged_{{ prefix }} = {{ state_column }}
                then 'consecutive'
            when last_same_{{ prefix }}_index >= {{ prefix }}_block_start_index then 'first_in'
            when
                last_same_{{ prefix }}_index is null
                and {{ prefix }}_block_start_index = {{ prefix }}_history_start_index
                then 'first_on_record'
        end as {{ prefix }}_streak_type,
        case
            when {{ state_column }} is null then null
            when lagged_{{ prefix }}_index = month_index - 1 and lagged_{{ prefix }} = {{ state_column }}
                then month_index - min(month_index) over (
                    partition by area_code, measure, {{ state_column }}, {{ prefix }}_island
                ) + 1
            when last_same_{{ prefix }}_index >= {{ prefix }}_block_start_index
                then month_index - last_same_{{ prefix }}_index
        end as {{ prefix }}_months
    from {{ prefix }}_blocks
)
{%- endmacro %}
