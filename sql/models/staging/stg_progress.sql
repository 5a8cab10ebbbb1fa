-- grain: one row per progress report row matched to a task (report file x row), with the plan it was read against.
with progress as (
    select * from {{ source('warehouse', 'progress_rows') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

files as (
    select * from {{ source('warehouse', 'file_manifest') }}
),

submissions as (
    select * from {{ source('warehouse', 'submission_order') }}
),

task_versions as (
    select * from {{ source('warehouse', 'progress_task_versions') }}
),

registry as (
    select * from {{ source('warehouse', 'agencies') }}
),

-- every spelling of each task's lead: as the plan wrote it, the registry's name and its
-- aliases, compared case- and space-folded ("SỞ TƯ PHÁP", "STC")
leads as (
    select distinct
        t.source_sha256 as plan_sha256,
        t.task_code,
        regexp_replace(lower(trim(n.spelled)), '\s+', ' ', 'g') as spelled
    from {{ ref('stg_task_agencies') }} t
    left join registry a on a.code = t.agency_code
    cross join unnest(
        list_concat([t.agency_raw, a.name], coalesce(a.aliases, []))
    ) as n(spelled)
    where t.role = 'lead' and n.spelled is not null
),

final as (
    select
        d.province,
        d.plan_year,
        p.task_code,
        p.status,
        p.reason,
        p.completed_on,
        p.percent_done,
        p.evidence,
        p.period_raw,
        p.period_end,
        p.agency_raw,
        p.agency_allowed,
        p.plan_sha256,
        p.source_sha256,
        p.source_row,
        -- which submission is the latest: the one order every correction follows
        -- (submission_order: stated version, then arrival, then modification time)
        o.version,
        o.arrived_at,
        o.modified_at,
        o.recency,
        -- the order of the reports of this task and period: the stated version, then the
        -- stated report dates when every report states one, then recency (0019)
        v.rank as submission_rank,
        -- the row is the task's lead's: of two rows of one report on a task, the lead's
        -- word is the task's status (a support reports on its own part)
        l.spelled is not null as reported_by_lead
    from progress p
    join plans d on d.source_sha256 = p.plan_sha256
    -- a report none of whose rows counts any more is 'superseded': kept, ranked behind
    join files m on m.sha256 = p.source_sha256 and m.status in ('loaded', 'superseded')
    join submissions o on o.sha256 = p.source_sha256
    join task_versions v
        on v.source_sha256 = p.source_sha256 and v.plan_sha256 = p.plan_sha256
        and v.task_code = p.task_code
        and v.period = coalesce(p.period_start || ' ' || p.period_end, p.period_raw)
    left join leads l
        on l.plan_sha256 = p.plan_sha256 and l.task_code = p.task_code
        and l.spelled = regexp_replace(lower(trim(p.agency_raw)), '\s+', ' ', 'g')
    where p.task_code is not null
)

select * from final
