-- grain: one row per task of a plan in force (source_sha256 x code): its status as of the
-- build date, or the dbt var as_of (`parplan build --as-of`): only reports of periods
-- ended by then count. A province can have several plans in force in a year (see
-- stg_plans); a progress report is read against one of them (warehouse/progress_match.py).
-- The report of the latest period wins (a year-end report corrects the six-month one); of
-- two reports for the same period, the latest submission in the one order every correction
-- follows (submission_order.recency: the version the file states, then when it arrived,
-- then when it was last written; files of one batch arrived together). A task no report
-- names is 'not_reported'. Timeliness: done_late, or done after the deadline parsed from the
-- timeframe, is late; done otherwise on time.
with tasks as (
    select * from {{ ref('stg_tasks') }}
),

latest as (
    select *
    from {{ ref('stg_progress') }}
    where period_end is null or period_end <= {{ as_of() }}
    qualify row_number() over (
        partition by plan_sha256, task_code
        order by period_end desc, recency, source_row desc
    ) = 1
),

final as (
    select
        t.province,
        t.plan_year,
        t.plan_topic,
        t.code,
        t.task_area_no,
        t.task_area,
        t.description,
        t.timeframe_kind,
        t.end_date,
        coalesce(t.end_date, make_date(t.plan_year, 12, 31)) as due_date,
        coalesce(l.status, 'not_reported') as status,
        l.completed_on,
        case
            when l.status = 'done_late' then 'late'
            when l.status = 'done' and l.completed_on > t.end_date then 'late'
            when l.status = 'done' then 'on_time'
        end as timeliness,
        l.reason,
        l.evidence,
        l.period_raw as reported_for,
        l.agency_raw as reported_by,
        coalesce(not l.agency_allowed, false) as agency_flagged,
        l.source_sha256 as source_report,
        l.source_row,
        t.source_sha256,
        {{ as_of() }} as as_of
    from tasks t
    left join latest l
        on l.plan_sha256 = t.source_sha256 and l.task_code = t.code
)

select * from final
