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
        v.rank as submission_rank
    from progress p
    join plans d on d.source_sha256 = p.plan_sha256
    -- a report none of whose rows counts any more is 'superseded': kept, ranked behind
    join files m on m.sha256 = p.source_sha256 and m.status in ('loaded', 'superseded')
    join submissions o on o.sha256 = p.source_sha256
    join task_versions v
        on v.source_sha256 = p.source_sha256 and v.plan_sha256 = p.plan_sha256
        and v.task_code = p.task_code
        and v.period = coalesce(p.period_start || ' ' || p.period_end, p.period_raw)
    where p.task_code is not null
)

select * from final
