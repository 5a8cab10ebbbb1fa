-- grain: one row per agency_code x plan in force (source_sha256, labelled by province,
-- plan_year, plan_topic): tasks and targets it leads, and how the measures of the targets
-- it leads fared.
with task_leads as (
    select source_sha256, province, plan_year, plan_topic, agency_code,
           count(distinct task_code) as tasks_led
    from {{ ref('stg_task_agencies') }}
    where role = 'lead' and agency_code is not null
    group by all
),

target_leads as (
    select source_sha256, province, plan_year, plan_topic, agency_code, target_no
    from {{ ref('stg_target_agencies') }}
    where role = 'lead' and agency_code is not null
),

target_results as (
    select
        l.source_sha256, l.province, l.plan_year, l.plan_topic, l.agency_code,
        count(distinct l.target_no) as targets_led,
        count(*) filter (where t.status = 'met') as measures_met,
        count(*) filter (where t.status = 'not_met') as measures_not_met,
        count(*) filter (where t.status in ('no_data', 'pending')) as measures_open
    from target_leads l
    left join {{ ref('int_measure_status') }} t
        on t.source_sha256 = l.source_sha256 and t.target_no = l.target_no
        and t.status <> 'not_measurable'
    group by all
),

final as (
    select
        coalesce(k.agency_code, r.agency_code) as agency_code,
        a.name as agency,
        coalesce(k.province, r.province) as province,
        coalesce(k.plan_year, r.plan_year) as plan_year,
        coalesce(k.plan_topic, r.plan_topic) as plan_topic,
        coalesce(k.tasks_led, 0) as tasks_led,
        coalesce(r.targets_led, 0) as targets_led,
        coalesce(r.measures_met, 0) as measures_met,
        coalesce(r.measures_not_met, 0) as measures_not_met,
        coalesce(r.measures_open, 0) as measures_open,
        coalesce(k.source_sha256, r.source_sha256) as source_sha256
    from task_leads k
    full outer join target_results r
        on r.agency_code = k.agency_code and r.source_sha256 = k.source_sha256
    left join {{ ref('stg_agencies') }} a on a.code = coalesce(k.agency_code, r.agency_code)
)

select * from final
