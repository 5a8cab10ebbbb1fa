-- grain: one row per plan in force (source_sha256, labelled by province, plan_year and
-- plan_topic) x grouping (province | area | lead) x key: two plans of one province and year
-- are counted apart.
-- Counted over the tasks due by task_progress's as_of (task_progress.is_due: the build date,
-- or the dbt var; a task is due on the deadline parsed from its timeframe, the plan year's
-- end without one, a recurring task from the end of its first period, a conditional task
-- only once a report shows it triggered) and the tasks done before theirs.
-- A recurring task counts as done only when a report covering its last period says so.
-- not_done: Chưa thực hiện and Không thực hiện được (its reasons listed);
-- not_triggered: conditional tasks no report shows triggered (counted in no other column);
-- completion_rate: done (on time or late) / due. A task with two leads counts for each.
with progress as (
    select *, is_due as in_scope
    from {{ ref('task_progress') }}
),

leads as (
    select distinct source_sha256, task_code, agency_name
    from {{ ref('stg_task_agencies') }}
    where role = 'lead'
),

units as (
    select 'province' as grouping, null::varchar as key, * from progress
    union all by name
    select 'area' as grouping, task_area_no::varchar as key, * from progress
    union all by name
    select 'lead' as grouping, l.agency_name as key, p.*
    from progress p
    join leads l on l.source_sha256 = p.source_sha256 and l.task_code = p.code
),

counts as (
    select
        source_sha256,
        province,
        plan_year,
        plan_topic,
        grouping,
        key,
        count(*) filter (in_scope) as due,
        count(*) filter (in_scope and timeliness = 'on_time') as done_on_time,
        count(*) filter (in_scope and timeliness = 'late') as done_late,
        count(*) filter (in_scope and status = 'in_progress') as in_progress,
        count(*) filter (in_scope and status in ('not_started', 'cannot_do')) as not_done,
        count(*) filter (in_scope and status = 'not_reported') as not_reported,
        count(*) filter (not triggered) as not_triggered,
        string_agg(code || ': ' || coalesce(reason, '?'), '; ' order by code)
            filter (status = 'cannot_do') as not_done_reasons
    from units
    group by all
),

final as (
    select *, (done_on_time + done_late) / nullif(due, 0) as completion_rate
    from counts
)

select * from final
