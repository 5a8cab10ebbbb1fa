-- grain: one row per task of a plan in force (source_sha256 x code): its status as of the
-- build date, or the dbt var as_of (`parplan build --as-of`): only reports of periods
-- ended by then count. A province can have several plans in force in a year (see
-- stg_plans); a progress report is read against the plan its title names, else the PAR
-- plan (warehouse/progress_match.py).
-- The report of the latest period wins (a year-end report corrects the six-month one); of
-- two reports for the same period, the latest submission in the one order every correction
-- follows (progress_task_versions' rank: the version the file states, then the report dates
-- when every report states one, then when it arrived, then when it was last written; files
-- of one batch arrived together); of two rows of one report on a task, the lead's (a
-- support reports on its own part: stg_progress.reported_by_lead). A task no report
-- names is 'not_reported'. Timeliness: done_late, or done after the deadline parsed from the
-- timeframe, is late; done otherwise on time.
-- Each kind counted as it says (timeframe_kind, recurrence):
--   period, unspecified: due on its deadline (the plan year's end without one);
--   recurring ("Hằng quý", "Định kỳ 6 tháng", "Thường xuyên"): due at the end of each of its
--     periods (period_ends; periods_due of them ended by as_of), first at the end of the
--     first; done only when a report covering its last period says so - a "done" in an
--     earlier report (the six-month one) is done for those periods, in_progress for the task;
--   conditional ("Khi có yêu cầu", "Theo chỉ đạo"): due only once triggered, i.e. a report
--     says it was done, is under way or could not be done; "Chưa thực hiện" or no report
--     leaves it untriggered (the condition has not arisen), never due nor overdue.
-- is_due: the task counts among the tasks due in plan_completion.
with tasks as (
    select
        *,
        coalesce(end_date, make_date(plan_year, 12, 31)) as last_day
    from {{ ref('stg_tasks') }}
),

periods as (
    select
        *,
        case when recurrence is not null and start_date is not null
             then {{ period_ends('start_date', 'last_day', 'recurrence') }}
        end as period_ends
    from tasks
),

latest as (
    select *
    from {{ ref('stg_progress') }}
    where period_end is null or period_end <= {{ as_of() }}
    qualify row_number() over (
        partition by plan_sha256, task_code
        order by period_end desc, submission_rank, reported_by_lead desc, recency,
            source_row desc
    ) = 1
),

judged as (
    select
        t.*,
        l.status,
        l.period_end,
        l.completed_on,
        l.percent_done,
        l.reason,
        l.evidence,
        l.period_raw,
        l.agency_raw,
        l.agency_allowed,
        l.source_sha256 as source_report,
        l.source_row,
        coalesce(l.status, 'not_reported') as reported_status,
        case
            when t.recurrence is not null and l.status in ('done', 'done_late')
                and l.period_end < t.last_day then 'in_progress'
            else coalesce(l.status, 'not_reported')
        end as counted_status,
        case when t.timeframe_kind = 'conditional'
             then coalesce(l.status in ('done', 'done_late', 'in_progress', 'cannot_do'), false)
        end as triggered,
        coalesce(list_min(t.period_ends), t.last_day) as due_on
    from periods t
    left join latest l
        on l.plan_sha256 = t.source_sha256 and l.task_code = t.code
),

final as (
    select
        province,
        plan_year,
        plan_topic,
        code,
        task_area_no,
        task_area,
        description,
        timeframe_kind,
        recurrence,
        end_date,
        due_on as due_date,
        period_ends,
        case when recurrence is not null
             then len(list_filter(period_ends, lambda e: e <= {{ as_of() }}))
        end as periods_due,
        triggered,
        counted_status as status,
        reported_status,
        period_end as reported_through,
        completed_on,
        percent_done,
        case
            when counted_status = 'done_late' then 'late'
            when counted_status = 'done' and completed_on > end_date then 'late'
            when counted_status = 'done' then 'on_time'
        end as timeliness,
        coalesce(triggered, true)
            and (due_on <= {{ as_of() }} or counted_status in ('done', 'done_late')) as is_due,
        reason,
        evidence,
        period_raw as reported_for,
        agency_raw as reported_by,
        coalesce(not agency_allowed, false) as agency_flagged,
        source_report,
        source_row,
        source_sha256,
        {{ as_of() }} as as_of
    from judged
)

select * from final
