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

final as (
    select
        d.province,
        d.plan_year,
        p.task_code,
        p.status,
        p.reason,
        p.completed_on,
        p.evidence,
        p.period_raw,
        p.period_end,
        p.agency_raw,
        p.agency_allowed,
        p.plan_sha256,
        p.source_sha256,
        p.source_row,
        -- which submission is the latest (as for metric figures: metric_figure_versions)
        m.version,
        coalesce(m.arrived_at, m.first_seen_at) as arrived_at,
        m.modified_at
    from progress p
    join plans d on d.source_sha256 = p.plan_sha256
    join files m on m.sha256 = p.source_sha256 and m.status = 'loaded'
    where p.task_code is not null
)

select * from final
