-- grain: one row per adjusted measure ('exports', 'imports') and X-13 run (adjusted_at)
-- Incremental, append only: every build adds its run, so the diagnostics of earlier runs stay
-- queryable (a --full-refresh starts the history again).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
{%- set end_of_earlier_runs -%}
    {%- if is_incremental() -%}
        (select coalesce(max(earlier_runs.adjusted_at), timestamp '1900-01-01') from {{ this }} as earlier_runs)
    {%- else -%}
        timestamp '1900-01-01'
    {%- endif -%}
{%- endset %}
with adjusted as (
    select * from {{ ref('int_trade_seasonally_adjusted') }}
    where measure in ('exports', 'imports')
),

new_runs as (
    select * from adjusted
    where adjusted_at > {{ end_of_earlier_runs }}
),

runs as (
    select distinct
        measure,
        spec_version,
        regarima_model,
        run_span_start_month,
        run_span_end_month,
        run_observations,
        run_transform_function,
        run_regressors,
        run_aic,
        run_aicc,
        run_bic,
        run_ao_critical_value,
        run_outliers_detected,
        run_outliers_detected_count,
        run_m01,
        run_m02,
        run_m03,
        run_m04,
        run_m05,
        run_m06,
        run_m07,
        run_m08,
        run_m09,
        run_m10,
        run_m11,
        run_q,
        run_q2,
        run_regression_estimates_json,
        run_x13_warnings,
        run_x13_version,
        run_seconds,
        as_of,
        adjusted_at
    from new_runs
),

final as (
    select
        measure,
        spec_version,
        regarima_model,
        run_transform_function as transform_function,
        run_regressors as regressors,
        run_outliers_detected as outliers_detected,
        run_regression_estimates_json as regression_estimates_json,
        run_x13_version as x13_version,
        cast(run_span_start_month as date) as span_start_month,
        cast(run_span_end_month as date) as span_end_month,
        cast(run_observations as integer) as observations,
        cast(run_aic as double) as aic,
        cast(run_aicc as double) as aicc,
        cast(run_bic as double) as bic,
        cast(run_ao_critical_value as double) as ao_critical_value,
        cast(run_outliers_detected_count as integer) as outliers_detected_count,
        cast(run_m01 as double) as m01,
        cast(run_m02 as double) as m02,
        cast(run_m03 as double) as m03,
        cast(run_m04 as double) as m04,
        cast(run_m05 as double) as m05,
        cast(run_m06 as double) as m06,
        cast(run_m07 as double) as m07,
        cast(run_m08 as double) as m08,
        cast(run_m09 as double) as m09,
        cast(run_m10 as double) as m10,
        cast(run_m11 as double) as m11,
        cast(run_q as double) as q,
        cast(run_q2 as double) as q2,
        cast(run_seconds as double) as run_seconds,
        cast(as_of as date) as as_of,
        cast(adjusted_at as timestamp) as adjusted_at,
        coalesce(run_q < 1, false) as is_q_acceptable,
        nullif(run_x13_warnings, '') as x13_warnings
    from runs
)

select * from final
