{#- Dagster shows a singular test on two models as a check of the one named here. #}
{{ config(meta={"dagster": {"ref": {"name": "budget_by_agency"}}}) }}
-- Each province and year's budget by agency adds up to its task schedule's budget: a task's
-- amount is counted once (for its first lead), never once per lead agency.
with by_agency as (
    select province, plan_year, sum(budget_million_vnd) as budget
    from {{ ref('budget_by_agency') }}
    group by all
),

by_task as (
    select province, plan_year, sum(budget_million_vnd) as budget
    from {{ ref('task_schedule') }}
    group by all
)

select *
from by_agency a
join by_task t using (province, plan_year)
where a.budget is distinct from t.budget
