-- grain: one row per Phụ lục 2 task of a plan in force (province x plan_year x code).
with tasks as (
    select * from {{ source('warehouse', 'tasks') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        t.source_sha256,
        t.province,
        t.plan_year,
        t.code,
        t.area_no as task_area_no,
        t.area as task_area,
        t.description,
        t.timeframe_text,
        t.start_date,
        t.end_date,
        t.timeframe_kind,
        t.budget_million_vnd,
        t.budget_note
    from tasks t
    join plans p using (source_sha256)
)

select * from final
