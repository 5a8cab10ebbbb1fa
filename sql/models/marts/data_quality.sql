-- grain: one row per file x province x agency (agency null: what belongs to the whole file -
-- its rejected rows, or the file itself when it was quarantined).
-- For a metric file: the figures an agency reported, those kept out of every actual because
-- a name (agency, indicator) or the province or year is not known, the names to add to the
-- reference data, and the targets whose actual those figures would have fed. For a plan:
-- the targets and tasks naming the agency, and those naming it without a registry match.
with files as (
    select * from {{ ref('stg_files') }}
),

measures as (
    select distinct province, plan_year, target_no, indicator_code
    from {{ ref('int_measure_status') }}
    where indicator_code is not null
),

metric_figures as (
    select
        a.source_sha256, a.province, a.agency_raw as agency, a.agency_code,
        i.indicator_raw, i.indicator_code, p.year, f.figures,
        a.agency_code is null or a.province is null or i.indicator_code is null
            or p.year is null as is_excluded
    from {{ ref('int_metric_key_figures') }} f
    join {{ ref('stg_metric_agency_keys') }} a on a.id = f.agency_id
    join {{ ref('stg_metric_indicator_keys') }} i on i.id = f.indicator_id
    join {{ ref('stg_metric_period_keys') }} p on p.id = f.period_id
),

-- the targets an excluded figure would have counted for (same province, indicator, year)
metric_touched as (
    select e.source_sha256, e.province, e.agency,
           list(distinct m.plan_year || ' #' || m.target_no) as targets_touched
    from metric_figures e
    join measures m
        on m.province = e.province and m.indicator_code = e.indicator_code
        and m.plan_year = e.year
    where e.is_excluded
    group by all
),

metric_rows as (
    select
        source_sha256, province, agency,
        any_value(agency_code) as agency_code,
        sum(figures)::bigint as rows_loaded,
        0 as rows_rejected,
        coalesce(sum(figures) filter (where is_excluded), 0)::bigint as rows_unresolved,
        list_distinct(list_concat(
            coalesce(list(agency) filter (where agency_code is null), []),
            coalesce(list(indicator_raw) filter (where indicator_code is null), [])
        )) as unresolved_names
    from metric_figures
    group by source_sha256, province, agency
),

plan_names as (
    select source_sha256, province, agency_name as agency, agency_code,
           'target ' || target_no as item, plan_year || ' #' || target_no as target
    from {{ ref('stg_target_agencies') }}
    union all
    select source_sha256, province, agency_name, agency_code, 'task ' || task_code, null
    from {{ ref('stg_task_agencies') }}
),

plan_rows as (
    select
        source_sha256, province, agency,
        any_value(agency_code) as agency_code,
        count(distinct item) as rows_loaded,
        0 as rows_rejected,
        count(distinct item) filter (where agency_code is null) as rows_unresolved,
        case when bool_or(agency_code is null) then [agency] else [] end as unresolved_names,
        coalesce(list(distinct target) filter (where agency_code is null and target is not null),
                 []) as targets_touched
    from plan_names
    group by source_sha256, province, agency
),

-- rejected rows belong to no agency (the row did not pass validation); a quarantined file
-- loaded nothing at all
file_rows as (
    select
        f.source_sha256, null::varchar as province, null::varchar as agency,
        null::varchar as agency_code, 0::bigint as rows_loaded,
        coalesce(x.rows_rejected, 0) as rows_rejected, 0::bigint as rows_unresolved,
        []::varchar[] as unresolved_names, []::varchar[] as targets_touched
    from files f
    left join {{ ref('int_file_exclusions') }} x using (source_sha256)
    where x.rows_rejected > 0 or f.file_status = 'quarantined'
),

unioned as (
    select m.*, coalesce(t.targets_touched, []) as targets_touched
    from metric_rows m
    left join metric_touched t using (source_sha256, province, agency)
    union all by name
    select * from plan_rows
    union all by name
    select * from file_rows
),

final as (
    select
        f.file_name,
        f.file_kind,
        f.file_status,
        u.province,
        u.agency,
        u.agency_code,
        u.rows_loaded,
        u.rows_rejected,
        u.rows_unresolved,
        list_sort(u.unresolved_names) as unresolved_names,
        list_sort(u.targets_touched) as targets_touched,
        len(u.targets_touched) as targets_touched_count,
        f.error,
        u.source_sha256
    from unioned u
    join files f using (source_sha256)
)

select * from final
