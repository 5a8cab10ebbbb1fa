-- grain: one row per province x plan_year x target_no x measure_no of a plan in force
-- (measure_no null for a target without a measure). Readable alone: the target's text and
-- area, the indicator's name and unit, the lead agencies, the status, and how many figures
-- were left out of the actual (rejected, or with a name the reference data does not
-- resolve), so a "not met" built on half the figures says so.
with measures as (
    select * from {{ ref('int_measure_status') }}
),

targets as (
    select * from {{ ref('stg_targets') }}
),

indicators as (
    select * from {{ ref('stg_indicators') }}
),

leads as (
    select
        province, plan_year, target_no,
        string_agg(agency_name, '; ' order by position) as lead_agency,
        list(agency_code order by position) filter (where agency_code is not null)
            as lead_agency_codes
    from {{ ref('stg_target_agencies') }}
    where role = 'lead'
    group by all
),

-- figures of the measure's province, indicator and year(s) whose agency did not resolve
unresolved as (
    select m.province, m.plan_year, m.target_no, m.measure_no,
           sum(u.figures_unresolved)::bigint as figures_unresolved
    from measures m
    join {{ ref('int_unresolved_figures') }} u
        on u.province = m.province and u.indicator_code = m.indicator_code
        and (u.year = m.plan_year or u.year = m.baseline_year)
    group by all
),

-- the files behind each actual, one row per file
behind as (
    select province, plan_year, target_no, measure_no, unnest(source_files) as source_sha256
    from measures
),

-- rejected or unplaceable rows of the files behind the actual
in_files as (
    select b.province, b.plan_year, b.target_no, b.measure_no,
           sum(x.rows_rejected + x.figures_unplaced)::bigint as figures_excluded_in_files
    from behind b
    join {{ ref('int_file_exclusions') }} x using (source_sha256)
    group by all
),

final as (
    select
        m.province,
        m.plan_year,
        m.target_no,
        t.target_area_no,
        t.target_area,
        t.target_text,
        m.measure_no,
        m.indicator_code,
        i.name_vi as indicator_name,
        coalesce(m.unit, i.unit) as unit,
        m.level,
        l.lead_agency,
        l.lead_agency_codes,
        m.comparator,
        m.target_value,
        m.baseline_year,
        m.actual_value,
        m.gap,
        m.status,
        m.actual_method,
        coalesce(u.figures_unresolved, 0) + coalesce(f.figures_excluded_in_files, 0)
            as figures_excluded,
        coalesce(u.figures_unresolved, 0) as figures_unresolved,
        coalesce(f.figures_excluded_in_files, 0) as figures_excluded_in_files,
        m.source_files
    from measures m
    join targets t using (province, plan_year, target_no)
    left join indicators i on i.code = m.indicator_code
    left join leads l using (province, plan_year, target_no)
    left join unresolved u
        on u.province = m.province and u.plan_year = m.plan_year
        and u.target_no = m.target_no and u.measure_no is not distinct from m.measure_no
    left join in_files f
        on f.province = m.province and f.plan_year = m.plan_year
        and f.target_no = m.target_no and f.measure_no is not distinct from m.measure_no
)

select * from final
