-- grain: one row per Phụ lục 1 target of a plan in force (source_sha256 x target_no); a
-- province can have several plans in force in a year (see stg_plans).
with targets as (
    select * from {{ source('warehouse', 'targets') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        t.source_sha256,
        p.province,
        p.plan_year,
        p.plan_topic,
        t.target_no,
        t.area_no as target_area_no,
        t.area as target_area,
        t.text as target_text,
        t.measurable
    from targets t
    join plans p using (source_sha256)
)

select * from final
