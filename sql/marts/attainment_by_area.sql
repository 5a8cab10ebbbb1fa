-- grain: one row per province x plan_year x area_no (Phụ lục 1 target areas).
with attainment as (
    select * from target_attainment
),

final as (
    select
        province,
        plan_year,
        area_no,
        any_value(area) as area,
        count(*) filter (where status <> 'not_measurable') as measures,
        count(*) filter (where status = 'met') as met,
        count(*) filter (where status = 'not_met') as not_met,
        count(*) filter (where status = 'no_data') as no_data,
        count(*) filter (where status = 'pending') as pending,
        count(*) filter (where status = 'not_measurable') as not_measurable,
        round(count(*) filter (where status = 'met')::double
              / nullif(count(*) filter (where status in ('met', 'not_met')), 0), 4) as share_met
    from attainment
    group by province, plan_year, area_no
)

select * from final
