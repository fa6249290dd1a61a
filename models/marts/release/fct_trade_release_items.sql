-- grain: one row per flow, period_month, area_code and release item
-- Release items (rows of d51ma / d61ma) per area with growth, contribution (寄与度) and the listed-item rule:
-- among the candidate items (level-2 items, and level-1 categories without level-2 items), the top three
-- by contribution in the direction of the total's change, plus opposite-direction items whose absolute
-- contribution is at least the third's (domain-notes §5). A figure from the release XML (source release_xml)
-- shows the growth, contribution and share the release prints, and they drive the listed-item rule.
with item_values as (
    select * from {{ ref('int_release_item_values') }}
),

release_items as (
    select * from {{ ref('release_items') }}
),

candidates as (
    select
        items.flow,
        items.release_item_code,
        items.item_level = 2
        or (
            items.item_level = 1
            and not exists (
                select 1 from release_items as children
                where
                    children.flow = items.flow
                    and children.parent_release_item_code = items.release_item_code
                    and children.item_level = 2
            )
        ) as is_candidate
    from release_items as items
),

with_previous as (
    select
        current_month.*,
        previous_year.value_thousand_yen as value_previous_year_thousand_yen,
        total_previous.value_thousand_yen as area_total_previous_year_thousand_yen,
        total_current.value_thousand_yen as area_total_thousand_yen,
        total_current.value_yoy_pct_published as area_total_yoy_pct_published
    from item_values as current_month
    left join item_values as previous_year
        on
            current_month.flow = previous_year.flow
            and current_month.area_code = previous_year.area_code
            and current_month.release_item_code = previous_year.release_item_code
            and previous_year.period_month = cast({{ dbt.dateadd('month', -12, 'current_month.period_month') }} as date)
    left join item_values as total_previous
        on
            current_month.flow = total_previous.flow
            and current_month.area_code = total_previous.area_code
            and total_previous.release_item_code = 'total'
            and total_previous.period_month
            = cast({{ dbt.dateadd('month', -12, 'current_month.period_month') }} as date)
    left join item_values as total_current
        on
            current_month.flow = total_current.flow
            and current_month.area_code = total_current.area_code
            and current_month.period_month = total_current.period_month
            and total_current.release_item_code = 'total'
),

measured as (
    select
        with_previous.*,
        coalesce(candidates.is_candidate, false) as is_candidate,
        case
            when with_previous.source = 'release_xml' then cast(with_previous.value_yoy_pct_published as double)
            else {{ japan_trade.growth_pct('value_thousand_yen', 'value_previous_year_thousand_yen') }}
        end as value_yoy_pct,
        -- from the release XML: the contribution implied by the printed values and growths (item and total a
        -- year earlier = value ÷ (1 + growth)), which orders items whose printed contributions tie; the
        -- printed contribution when a growth is not printed (ZENZO / ZENGEN)
        case
            when with_previous.source = 'release_xml'
                then coalesce(
                    (
                        cast(with_previous.value_thousand_yen as double)
                        - cast(with_previous.value_thousand_yen as double)
                        / nullif(1 + cast(with_previous.value_yoy_pct_published as double) / 100, 0)
                    )
                    / nullif(
                        cast(with_previous.area_total_thousand_yen as double)
                        / nullif(1 + cast(with_previous.area_total_yoy_pct_published as double) / 100, 0),
                        0
                    ) * 100,
                    cast(with_previous.contribution_pct_points_published as double)
                )
            else {{ japan_trade.contribution_pct_points(
                'value_thousand_yen', 'value_previous_year_thousand_yen', 'area_total_previous_year_thousand_yen') }}
        end as contribution_pct_points,
        case
            when with_previous.source = 'release_xml' then with_previous.value_yoy_pct_published
            else {{ japan_trade.growth_pct_rounded('value_thousand_yen', 'value_previous_year_thousand_yen') }}
        end as value_yoy_pct_display,
        case
            when with_previous.source = 'release_xml' then with_previous.contribution_pct_points_published
            else {{ japan_trade.contribution_pct_points_rounded(
                'value_thousand_yen', 'value_previous_year_thousand_yen', 'area_total_previous_year_thousand_yen') }}
        end as contribution_pct_points_display,
        -- share of the area total (構成比) as printed: the release XML's figure, else half-up in exact arithmetic
        case
            when with_previous.source = 'release_xml' and with_previous.share_pct_published is not null
                then with_previous.share_pct_published
            when with_previous.area_total_thousand_yen > 0
                then cast(
                    cast({{ japan_trade.divide_round_half_up(
                        'cast(with_previous.value_thousand_yen as hugeint) * 1000',
                        'cast(with_previous.area_total_thousand_yen as hugeint)') }} as double) / 10
                    as decimal(18, 1)
                )
        end as share_pct_display,
        sign(with_previous.area_total_thousand_yen - with_previous.area_total_previous_year_thousand_yen)
            as total_direction
    from with_previous
    left join candidates
        on
            with_previous.flow = candidates.flow
            and with_previous.release_item_code = candidates.release_item_code
),

ranked as (
    select
        *,
        case
            when is_candidate and total_direction <> 0 and sign(contribution_pct_points) = total_direction
                then row_number() over (
                    partition by
                        flow, period_month, area_code,
                        is_candidate and sign(contribution_pct_points) = total_direction
                    order by abs(contribution_pct_points) desc, release_item_code
                )
        end as main_direction_rank
    from measured
),

thresholds as (
    select
        *,
        min(abs(contribution_pct_points)) filter (where main_direction_rank <= 3) over (
            partition by flow, period_month, area_code
        ) as listing_threshold_pct_points
    from ranked
),

listed as (
    select
        *,
        coalesce(main_direction_rank <= 3, false)
        or coalesce(
            is_candidate
            and sign(contribution_pct_points) = -total_direction
            and abs(contribution_pct_points) >= listing_threshold_pct_points,
            false
        ) as is_listed
    from thresholds
),

final as (
    select
        flow,
        period_month,
        area_code,
        release_item_code,
        value_thousand_yen,
        cast({{ japan_trade.divide_round_half_up('value_thousand_yen', 1000) }} as bigint) as value_million_yen,
        quantity,
        quantity_unit,
        value_previous_year_thousand_yen,
        value_yoy_pct,
        contribution_pct_points,
        value_yoy_pct_display,
        contribution_pct_points_display,
        share_pct_display,
        is_candidate,
        main_direction_rank,
        is_listed,
        is_preliminary,
        is_synthetic,
        source,
        case
            when contribution_pct_points > 0 then 'increase'
            when contribution_pct_points < 0 then 'decrease'
        end as direction,
        case
            when is_listed
                then row_number() over (
                    partition by flow, period_month, area_code, is_listed
                    order by main_direction_rank is null, abs(contribution_pct_points) desc, release_item_code
                )
        end as listing_order
    from listed
)

select * from final
