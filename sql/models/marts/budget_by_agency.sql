-- grain: one row per lead agency x plan in force (source_sha256) x task_area_no.
-- A task's budget counts once, for its first lead agency (several leads share one amount).
-- Budget notes ("dự trù kinh phí riêng") are counted, not summed.
with tasks as (
    select * from {{ ref('stg_tasks') }}
),

first_lead as (
    select source_sha256, task_code, agency_code, agency_name
    from {{ ref('stg_task_agencies') }}
    where role = 'lead' and position = 1
),

final as (
    select
        coalesce(l.agency_code, '(unmatched)') as agency_code,
        any_value(l.agency_name) as agency,
        t.province,
        t.plan_year,
        t.plan_topic,
        t.task_area_no,
        any_value(t.task_area) as task_area,
        count(*) as tasks,
        sum(t.budget_million_vnd) as budget_million_vnd,
        count(t.budget_million_vnd) as tasks_with_amount,
        count(t.budget_note) as tasks_with_budget_note,
        t.source_sha256
    from tasks t
    left join first_lead l on l.source_sha256 = t.source_sha256 and l.task_code = t.code
    group by all
)

select * from final
