-- grain: one row per Phụ lục 1 target of a plan in force (province x plan_year x target_no).
with targets as (
    select * from {{ source('warehouse', 'targets') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        t.source_sha256,
        t.province,
        t.plan_year,
        t.target_no,
        t.area_no as target_area_no,
        t.area as target_area,
        t.text as target_text,
        t.measurable
    from targets t
    join plans p using (source_sha256)
)

select * from final
