-- grain: one row per province x indicator_code x level x year with an actual or a target.
-- The target of a year comes from that year's plan, so plans of different years line up
-- on the indicator. A year without an actual is a gap: the change is computed only from
-- the year just before (never across a gap), years_missing_before says how many years are
-- missing since the previous actual, and years_met_in_row restarts after a gap.
with actuals as (
    select * from {{ ref('int_indicator_actuals') }}
),

targets as (
    select
        province, indicator_code, coalesce(level, 'all') as level, plan_year as year,
        max(target_value) filter (where comparator in ('>=', '<')) as target_min,
        min(target_value) filter (where comparator = '<=') as target_max,
        bool_or(status = 'met') and not bool_or(status = 'not_met') as all_met,
        bool_or(status = 'not_met') as any_not_met,
        list(distinct status) as statuses
    from {{ ref('int_measure_status') }}
    where indicator_code is not null
    group by all
),

joined as (
    select
        coalesce(a.province, t.province) as province,
        coalesce(a.indicator_code, t.indicator_code) as indicator_code,
        coalesce(a.level, t.level) as level,
        coalesce(a.year, t.year) as year,
        coalesce(t.target_min, t.target_max) as target_value,
        a.actual_value,
        a.actual_method,
        case
            when t.year is null then 'no_target'
            when t.all_met then 'met'
            when t.any_not_met then 'not_met'
            else t.statuses[1]
        end as status
    from actuals a
    full outer join targets t
        on t.province = a.province and t.indicator_code = a.indicator_code
        and t.level = a.level and t.year = a.year
),

with_previous as (
    select
        *,
        -- the last earlier year that has an actual
        max(year) filter (where actual_value is not null) over (
            partition by province, indicator_code, level order by year
            rows between unbounded preceding and 1 preceding) as previous_actual_year,
        lag(actual_value) over w as previous_row_actual,
        lag(year) over w as previous_row_year
    from joined
    window w as (partition by province, indicator_code, level order by year)
),

with_change as (
    select
        *,
        case when previous_row_year = year - 1 then actual_value - previous_row_actual
        end as change_from_previous,
        case when actual_value is not null and previous_actual_year is not null
             then (year - previous_actual_year - 1)::integer else 0 end as years_missing_before,
        -- a run of met years breaks at a year not met and at a missing year
        sum(case when status = 'met' and previous_row_year = year - 1 then 0 else 1 end) over (
            partition by province, indicator_code, level order by year
            rows between unbounded preceding and current row) as streak_group
    from with_previous
),

final as (
    select
        province, indicator_code, level, year, target_value, actual_value, actual_method,
        status, change_from_previous, years_missing_before,
        case when status = 'met' then count(*) filter (where status = 'met') over (
            partition by province, indicator_code, level, streak_group order by year
            rows between unbounded preceding and current row) else 0 end as years_met_in_row
    from with_change
)

select * from final
