-- grain: one row per load currently withdrawn (`japan-trade unload`): its latest action is 'withdraw'
-- Withdrawn loads keep their raw rows but no build selects them; `unload --undo` appends a 'restore'.
with actions as (
    select * from {{ ref('stg_raw__load_withdrawals') }}
),

latest as (
    select
        load_id,
        action_kind,
        recorded_at,
        reason
    from actions
    qualify row_number() over (partition by load_id order by action_number desc) = 1
),

final as (
    select
        load_id,
        recorded_at as withdrawn_at,
        reason
    from latest
    where action_kind = 'withdraw'
)

select * from final
