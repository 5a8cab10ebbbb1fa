-- grain: one row per plan in force (source_sha256) x target_no x measure_no (measure_no null
-- for a target without a measure); province and plan_year say where and when it is judged.
-- Status: met | not_met | no_data | not_measurable | pending. "pending": the plan year is
-- not over and the data covers only part of it. A decrease is judged against the baseline
-- year's actual.
-- a province that ceased before a plan year's end reports that year under its successor
-- (Long An's figures for 2025 are Tây Ninh's since 01/07/2025): the province the plan
-- year's figures are filed under (int_province_successor)
with successors as (
    select * from {{ ref('int_province_successor') }}
),

measures as (
    select
        m.*,
        case when s.ended_on < make_date(m.plan_year, 12, 31) then s.current_name
             else m.province end as figures_province
    from {{ ref('stg_measures') }} m
    left join successors s on s.name_key = lower(strip_accents(m.province))
),

targets as (
    select * from {{ ref('stg_targets') }}
),

-- the figures each measure needs: its plan year and, for a decrease, its baseline year
needed as (
    select figures_province as province, indicator_code, coalesce(level, 'all') as level,
           plan_year as year
    from measures
    union
    select province, indicator_code, coalesce(level, 'all') as level, baseline_year as year
    from measures
    where baseline_year is not null
),

actuals as (
    select a.*
    from {{ ref('int_indicator_actuals') }} a
    join needed n using (province, indicator_code, level, year)
),

-- provenance: the files behind each needed figure
files as (
    select
        n.province, n.indicator_code, n.level, n.year,
        list(distinct o.source_sha256) as source_files
    from {{ ref('stg_observations') }} o
    join needed n
        on o.province = n.province and o.indicator_code = n.indicator_code
        and o.year = n.year and (n.level = 'all' or o.agency_level = n.level)
    group by all
),

measured as (
    select
        m.*,
        a.actual_value,
        a.actual_method,
        -- some agency's year is built from an incomplete set of quarters or months (or a
        -- report that ends before the year does): the actual covers only part of the year
        a.agencies_partial > 0 as actual_is_partial,
        a.covered_until,
        list_sort(list_distinct(flatten([coalesce(f.source_files, []),
                                         coalesce(fb.source_files, [])]))) as source_files,
        b.actual_value as baseline_value
    from measures m
    left join actuals a
        on a.province = m.figures_province and a.indicator_code = m.indicator_code
        and a.year = m.plan_year and a.level = coalesce(m.level, 'all')
    left join actuals b
        on b.province = m.province and b.indicator_code = m.indicator_code
        and b.year = m.baseline_year and b.level = coalesce(m.level, 'all')
    left join files f
        on f.province = m.figures_province and f.indicator_code = m.indicator_code
        and f.year = m.plan_year and f.level = coalesce(m.level, 'all')
    left join files fb
        on fb.province = m.province and fb.indicator_code = m.indicator_code
        and fb.year = m.baseline_year and fb.level = coalesce(m.level, 'all')
),

judged as (
    select
        *,
        case
            when comparator = 'decrease' and target_value is null then baseline_value
            when comparator = 'decrease' then baseline_value * (1 - target_value / 100.0)
            else target_value
        end as required_value
    from measured
),

with_status as (
    select
        *,
        case
            when actual_value is null or (comparator = 'decrease' and baseline_value is null)
                then 'no_data'
            when make_date(plan_year, 12, 31) >= current_date
                 and covered_until < make_date(plan_year, 12, 31) then 'pending'
            when comparator = '>=' and actual_value >= required_value then 'met'
            when comparator = '<=' and actual_value <= required_value then 'met'
            when comparator = '<' and actual_value < required_value then 'met'
            when comparator = 'decrease' and target_value is null
                 and actual_value < required_value then 'met'
            when comparator = 'decrease' and actual_value <= required_value then 'met'
            else 'not_met'
        end as status
    from judged
),

measurable as (
    select
        s.source_sha256, s.province, s.plan_year, s.plan_topic, s.target_no, s.measure_no, s.indicator_code, s.level,
        s.comparator, s.target_value, s.unit, s.baseline_year, s.baseline_value,
        s.required_value, s.actual_value, s.actual_value - s.required_value as gap, s.status,
        s.actual_method, s.actual_is_partial, s.covered_until, s.source_files
    from with_status s
    join targets t using (source_sha256, target_no)
),

unmeasured as (
    select
        source_sha256, province, plan_year, plan_topic, target_no, null::integer as measure_no,
        null::varchar as indicator_code, null::varchar as level, null::varchar as comparator,
        null::double as target_value, null::varchar as unit, null::integer as baseline_year,
        null::double as baseline_value, null::double as required_value,
        null::double as actual_value, null::double as gap, 'not_measurable' as status,
        null::varchar as actual_method, null::boolean as actual_is_partial,
        null::date as covered_until,
        null::varchar[] as source_files
    from targets
    where not measurable
),

final as (
    select * from measurable
    union all
    select * from unmeasured
)

select * from final
