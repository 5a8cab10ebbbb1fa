-- grain: one row per Phụ lục 2 task of a plan in force (source_sha256 x code); a province
-- can have several plans in force in a year (see stg_plans).
with final as (
    select
        r.source_sha256,
        {{ plan_of_row() }},
        r.code,
        r.area_no as task_area_no,
        r.area as task_area,
        r.description,
        r.timeframe_text,
        r.start_date,
        r.end_date,
        r.timeframe_kind,
        r.recurrence,
        r.budget_million_vnd,
        r.budget_note
    from {{ rows_of_plans_in_force('tasks') }}
)

select * from final
