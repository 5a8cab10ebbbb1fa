-- grain: one row per agency named for a task of a plan in force
-- (source_sha256 x task_code x role x position).
with final as (
    select
        r.source_sha256,
        {{ plan_of_row() }},
        r.task_code,
        r.role,
        r.position,
        r.agency_code,
        r.agency_name,
        r.raw as agency_raw
    from {{ rows_of_plans_in_force('task_agencies') }}
)

select * from final
