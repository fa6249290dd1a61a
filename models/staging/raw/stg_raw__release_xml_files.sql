-- grain: one row per loaded release XML file
with source as (
    select * from {{ source('raw', 'release_xml_files') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(release_part as integer) as release_part,
        cast(part_source as varchar) as part_source,
        cast(release_language as varchar) as release_language,
        cast(period_month as date) as period_month,
        cast(prior_period_month as date) as prior_period_month,
        cast(published_date as date) as published_date,
        cast(published_as_printed as varchar) as published_as_printed,
        cast(period_as_printed as varchar) as period_as_printed,
        cast(title as varchar) as title,
        cast(pdf_href as varchar) as pdf_href,
        cast(page_count as integer) as page_count,
        case cast(release_part as integer)
            when 1 then 'first_10_days'
            when 2 then 'first_20_days'
            else 'full_month'
        end as release_coverage
    from source
)

select * from renamed
