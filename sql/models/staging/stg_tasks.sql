-- grain: one row per Phụ lục 2 task of a plan in force (source_sha256 x code); a province
-- can have several plans in force in a year (see stg_plans).
with tasks as (
    select * from {{ source('warehouse', 'tasks') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        t.source_sha256,
        p.province,
        p.plan_year,
        p.plan_topic,
        t.code,
        t.area_no as task_area_no,
        t.area as task_area,
        t.description,
        t.timeframe_text,
        t.start_date,
        t.end_date,
        t.timeframe_kind,
        t.recurrence,
        t.budget_million_vnd,
        t.budget_note
    from tasks t
    join plans p using (source_sha256)
)

select * from final
