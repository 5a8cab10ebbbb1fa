-- grain: one row per plan in force (source_sha256, labelled by plan_topic) x target_no x
-- measure_no (measure_no null for a target without a measure). Readable alone: the target's text and
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
        source_sha256, target_no,
        string_agg(agency_name, '; ' order by position) as lead_agency,
        list(agency_code order by position) filter (where agency_code is not null)
            as lead_agency_codes
    from {{ ref('stg_target_agencies') }}
    where role = 'lead'
    group by all
),

-- figures of a province, indicator and year whose agency did not resolve
unresolved as (
    select * from {{ ref('int_unresolved_figures') }}
),

-- rows no actual can count, per metric file, as one map looked up per measure (the files
-- behind an actual are a short list: no join back to the measures)
file_exclusions as (
    select map(list(source_sha256), list(rows_rejected + figures_unplaced)) as by_file
    from {{ ref('int_file_exclusions') }}
),

joined as (
    select
        m.province,
        m.plan_year,
        m.plan_topic,
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
        m.actual_is_partial,
        (coalesce(u.figures_unresolved, 0) + coalesce(ub.figures_unresolved, 0))::bigint
            as figures_unresolved,
        coalesce(list_sum(list_transform(m.source_files, lambda f: coalesce(x.by_file[f], 0))), 0)
            ::bigint as figures_excluded_in_files,
        m.source_files,
        m.source_sha256
    from measures m
    join targets t using (source_sha256, target_no)
    left join indicators i on i.code = m.indicator_code
    left join leads l using (source_sha256, target_no)
    left join unresolved u
        on u.province = m.province and u.indicator_code = m.indicator_code
        and u.year = m.plan_year
    left join unresolved ub
        on ub.province = m.province and ub.indicator_code = m.indicator_code
        and ub.year = m.baseline_year
    cross join file_exclusions x
),

final as (
    select
        * exclude (figures_unresolved, figures_excluded_in_files, source_files, source_sha256),
        figures_unresolved + figures_excluded_in_files as figures_excluded,
        figures_unresolved,
        figures_excluded_in_files,
        source_files,
        source_sha256
    from joined
)

select * from final
