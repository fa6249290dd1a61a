-- grain: one row (this build)
-- Which vintage the marts show: the as_of cut-off of the build (NULL = latest), the newest publication
-- date among the vintages used, and the file sources behind them. The release states this on the page.
with selected_vintages as (
    select * from {{ ref('int_load_vintages_selected') }}
),

summary as (
    select
        max(published_date) as latest_published_date,
        count(distinct load_id) as loads_used,
        string_agg(distinct source_key, ', ' order by source_key) as sources_used,
        bool_or(file_kind = 'customs_by_country') as has_by_country_microdata,
        bool_or(source_label = 'synthetic') as has_synthetic_data
    from selected_vintages
),

final as (
    select
        {% if var('as_of', none) is none or var('as_of') == '' -%}
            cast(null as date)
        {%- else -%}
            {{ japan_trade.as_of_date() }}
        {%- endif %} as as_of_date,
        {% if var('as_of', none) is none or var('as_of') == '' -%}
            true
        {%- else -%}
            false
        {%- endif %} as is_latest_vintage,
        latest_published_date,
        loads_used,
        sources_used,
        coalesce(has_by_country_microdata, false) as has_by_country_microdata,
        coalesce(has_synthetic_data, false) as has_synthetic_data,
        current_timestamp as built_at
    from summary
)

select * from final
