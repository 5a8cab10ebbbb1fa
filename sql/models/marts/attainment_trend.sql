-- grain: one row per current province x indicator_code x level x year with an actual or a
-- target. Plans and figures line up under today's province (Long An's 2022 plan and the
-- merged Tây Ninh's 2026 plan are one Tây Ninh series); a year before the 2025 merger sums
-- the predecessors' figures: shares as 100 * sum(numerator) / sum(denominator), never an
-- average of their percentages; stocks and counts add up; a mean of several provinces is
-- not computed. is_partial: a predecessor in force at the year's end reported nothing, or
-- a share came without its counts. The target of a year comes from that year's plan. A
-- year without an actual is a gap: the change is computed only from the year just before
-- (never across a gap), and only between years reported by the same provinces or by all
-- of them; years_missing_before says how many years are missing since the previous
-- actual, and years_met_in_row restarts after a gap.
with actuals as (
    select * from {{ ref('int_indicator_actuals') }}
),

places as (
    select * from {{ ref('int_province_years') }}
),

indicators as (
    select code as indicator_code, aggregation from {{ ref('stg_indicators') }}
),

-- the provincial units that make up each current province at a year's end: who should report
expected as (
    select l.current_code as current_province_code, y.year, count(*) as units_expected
    from {{ ref('stg_province_lineage') }} l
    join {{ ref('stg_provinces') }} p on p.code = l.code
    cross join (select distinct year from places) y
    where {{ in_force_at_year_end('y.year', 'p') }}
    group by all
),

rolled as (
    select
        p.current_province_code,
        any_value(p.current_province) as current_province,
        a.indicator_code,
        a.level,
        a.year,
        any_value(i.aggregation) as aggregation,
        count(*) as figures,
        count(distinct coalesce(p.unit_code, a.province)) as units_reporting,
        list(distinct a.province order by a.province) as provinces_reported,
        sum(a.numerator) as numerator,
        sum(a.denominator) as denominator,
        bool_and(a.actual_method = 'ratio_of_sums') as all_counts,
        -- one province's own figure, as int_indicator_actuals computed it
        any_value(a.actual_value) as single_value,
        any_value(a.actual_method) as single_method,
        sum(a.actual_value) as summed_value,
        max(a.covered_until) as covered_until
    from actuals a
    join places p using (province, year)
    left join indicators i using (indicator_code)
    group by p.current_province_code, a.indicator_code, a.level, a.year
),

current_actuals as (
    select
        r.current_province_code,
        r.current_province,
        r.indicator_code,
        r.level,
        r.year,
        case
            when r.figures = 1 then r.single_value
            when r.aggregation = 'ratio_of_sums'
                then 100.0 * r.numerator / nullif(r.denominator, 0)
            when r.aggregation in ('count', 'stock', 'latest') then r.summed_value
        end as actual_value,
        case
            when r.figures = 1 then r.single_method
            when r.aggregation = 'ratio_of_sums' and r.all_counts then 'ratio_of_sums'
            when r.aggregation = 'ratio_of_sums' and r.numerator is not null
                then 'ratio_of_sums_partial'
            when r.aggregation in ('count', 'stock', 'latest') then r.aggregation
        end as actual_method,
        r.provinces_reported,
        r.units_reporting,
        coalesce(e.units_expected, 1) as units_expected,
        r.units_reporting < coalesce(e.units_expected, 1)
            or (r.aggregation = 'ratio_of_sums' and not r.all_counts)
            or (r.figures > 1 and r.aggregation not in ('ratio_of_sums', 'count', 'stock', 'latest'))
            as is_partial
    from rolled r
    left join expected e using (current_province_code, year)
),

targets as (
    select
        p.current_province_code,
        any_value(p.current_province) as current_province,
        m.indicator_code,
        coalesce(m.level, 'all') as level,
        m.plan_year as year,
        max(m.target_value) filter (where m.comparator in ('>=', '<')) as target_min,
        min(m.target_value) filter (where m.comparator = '<=') as target_max,
        bool_or(m.status = 'met') and not bool_or(m.status = 'not_met') as all_met,
        bool_or(m.status = 'not_met') as any_not_met,
        list(distinct m.status) as statuses
    from {{ ref('int_measure_status') }} m
    join places p on p.province = m.province and p.year = m.plan_year
    where m.indicator_code is not null
    group by p.current_province_code, m.indicator_code, coalesce(m.level, 'all'), m.plan_year
),

joined as (
    select
        coalesce(a.current_province_code, t.current_province_code) as current_province_code,
        coalesce(a.current_province, t.current_province) as current_province,
        coalesce(a.indicator_code, t.indicator_code) as indicator_code,
        coalesce(a.level, t.level) as level,
        coalesce(a.year, t.year) as year,
        coalesce(t.target_min, t.target_max) as target_value,
        a.actual_value,
        a.actual_method,
        a.provinces_reported,
        a.units_reporting,
        a.units_expected,
        coalesce(a.is_partial, false) as is_partial,
        case
            when t.year is null then 'no_target'
            when t.all_met then 'met'
            when t.any_not_met then 'not_met'
            -- none met or missed: a measure still in its year says so before one with no
            -- figure (the list's own order is the database's, not one a reader can rely on)
            when list_contains(t.statuses, 'pending') then 'pending'
            when list_contains(t.statuses, 'no_data') then 'no_data'
            else list_sort(t.statuses)[1]
        end as status
    from current_actuals a
    full outer join targets t
        on t.current_province_code = a.current_province_code
        and t.indicator_code = a.indicator_code and t.level = a.level and t.year = a.year
),

with_previous as (
    select
        *,
        -- the last earlier year that has an actual
        max(year) filter (where actual_value is not null) over (
            partition by current_province_code, indicator_code, level order by year
            rows between unbounded preceding and 1 preceding) as previous_actual_year,
        lag(actual_value) over w as previous_row_actual,
        lag(year) over w as previous_row_year,
        lag(provinces_reported) over w as previous_provinces,
        lag(is_partial) over w as previous_partial
    from joined
    window w as (partition by current_province_code, indicator_code, level order by year)
),

with_change as (
    select
        *,
        case when previous_row_year = year - 1
                  and ((not is_partial and not previous_partial)
                       or provinces_reported = previous_provinces)
             then actual_value - previous_row_actual
        end as change_from_previous,
        case when actual_value is not null and previous_actual_year is not null
             then (year - previous_actual_year - 1)::integer else 0 end as years_missing_before,
        -- a run of met years breaks at a year not met and at a missing year
        sum(case when status = 'met' and previous_row_year = year - 1 then 0 else 1 end) over (
            partition by current_province_code, indicator_code, level order by year
            rows between unbounded preceding and current row) as streak_group
    from with_previous
),

final as (
    select
        current_province, current_province_code, indicator_code, level, year, target_value,
        actual_value, actual_method, provinces_reported, units_reporting, units_expected,
        is_partial, status, change_from_previous, years_missing_before,
        case when status = 'met' then count(*) filter (where status = 'met') over (
            partition by current_province_code, indicator_code, level, streak_group
            order by year rows between unbounded preceding and current row) else 0
        end as years_met_in_row
    from with_change
)

select * from final
