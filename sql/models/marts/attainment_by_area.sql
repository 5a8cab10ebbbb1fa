-- grain: one row per province x plan_year x target_area_no (Phụ lục 1 target areas).
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
            as met_pct
    from measures m
    join targets t using (province, plan_year, target_no)
    group by m.province, m.plan_year, t.target_area_no
)

select * from final
