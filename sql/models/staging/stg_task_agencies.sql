-- grain: one row per agency named for a task of a plan in force
-- (source_sha256 x task_code x role x position).
with task_agencies as (
    select * from {{ source('warehouse', 'task_agencies') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        a.source_sha256,
        p.province,
        p.plan_year,
        p.plan_topic,
        a.task_code,
        a.role,
        a.position,
        a.agency_code,
        a.agency_name,
        a.raw as agency_raw
    from task_agencies a
    join plans p using (source_sha256)
)

select * from final
