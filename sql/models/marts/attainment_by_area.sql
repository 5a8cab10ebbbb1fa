-- grain: one row per plan in force (source_sha256) x target_area_no (Phụ lục 1 target areas).
-- met_pct: the share of measures judged (met or not met) that were met, 0-100.
with measures as (
    select * from {{ ref('int_measure_status') }}
),

targets as (
    select * from {{ ref('stg_targets') }}
),

final as (
    select
        m.province,
        m.plan_year,
        m.plan_topic,
        t.target_area_no,
        any_value(t.target_area) as target_area,
        count(*) filter (where m.status <> 'not_measurable') as measures,
        count(*) filter (where m.status = 'met') as met,
        count(*) filter (where m.status = 'not_met') as not_met,
        count(*) filter (where m.status = 'no_data') as no_data,
        count(*) filter (where m.status = 'pending') as pending,
        count(*) filter (where m.status = 'not_measurable') as not_measurable,
        round(100.0 * count(*) filter (where m.status = 'met')
              / nullif(count(*) filter (where m.status in ('met', 'not_met')), 0), 1)
            as met_pct,
        m.source_sha256
    from measures m
    join targets t using (source_sha256, target_no)
    group by m.source_sha256, m.province, m.plan_year, m.plan_topic, t.target_area_no
)

select * from final
