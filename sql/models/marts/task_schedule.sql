-- grain: one row per task of a plan in force (source_sha256 x code).
-- overdue as of the build date (or the dbt var as_of), by the task's kind (task_progress):
--   period, unspecified: the deadline passed and no report says the task is done (a task
--     without a deadline is never overdue);
--   recurring: a period of it ended before as_of and no report covering that period says
--     done (periods_due: how many of its periods have ended);
--   conditional: only once triggered, then as a period task; untriggered, never.
with tasks as (
    select * from {{ ref('stg_tasks') }}
),

progress as (  -- the last of a recurring task's periods ended before as_of
    select *, list_max(list_filter(period_ends, lambda e: e < {{ as_of() }})) as last_ended
    from {{ ref('task_progress') }}
),

leads as (
    select source_sha256, task_code, string_agg(agency_name, '; ' order by position) as lead,
           list(agency_code order by position) as lead_codes
    from {{ ref('stg_task_agencies') }}
    where role = 'lead'
    group by all
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
        l.lead,
        l.lead_codes,
        t.start_date,
        t.end_date,
        t.timeframe_kind,
        t.timeframe_text,
        tp.recurrence,
        tp.periods_due,
        tp.triggered,
        case when t.start_date is null or t.end_date is null then []::varchar[]
             else list_transform(
                 generate_series(date_trunc('quarter', t.start_date),
                                 date_trunc('quarter', t.end_date), interval 3 month),
                 lambda q: 'Q' || quarter(q) || '/' || year(q))
        end as quarters_due,
        t.budget_million_vnd,
        coalesce(tp.status, 'not_reported') as status,
        coalesce(case
            when tp.recurrence is not null then tp.last_ended is not null
                and not coalesce(tp.reported_status in ('done', 'done_late')
                                 and tp.reported_through >= tp.last_ended, false)
            when tp.triggered is false then false
            else t.end_date < {{ as_of() }}
                and coalesce(tp.status, 'not_reported') not in ('done', 'done_late')
        end, false) as overdue,
        t.source_sha256
    from tasks t
    left join leads l on l.source_sha256 = t.source_sha256 and l.task_code = t.code
    left join progress tp
        on tp.source_sha256 = t.source_sha256 and tp.code = t.code
)

select * from final
