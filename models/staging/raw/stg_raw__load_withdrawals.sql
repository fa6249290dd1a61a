-- grain: one row per withdraw / restore action on a load (`japan-trade unload`), numbered per load
with source as (
    select * from {{ source('raw', 'load_withdrawals') }}
),

renamed as (
    select
        cast(load_id as integer) as load_id,
        cast(action_number as integer) as action_number,
        cast(action_kind as varchar) as action_kind,
        cast(recorded_at as timestamp) as recorded_at,
        cast(reason as varchar) as reason
    from source
)

select * from renamed
