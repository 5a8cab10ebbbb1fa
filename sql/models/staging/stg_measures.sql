-- grain: one row per Phụ lục 1 measure of a plan in force (source_sha256 x target_no x measure_no).
with measures as (
    select * from {{ source('warehouse', 'target_measures') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        m.source_sha256,
        p.province,
        p.plan_year,
        p.plan_topic,
        m.target_no,
        m.measure_no,
        m.indicator_code,
        m.level,
        m.comparator,
        m.value as target_value,
        m.unit,
        m.baseline_year,
        m.scope,
        m.condition,
        m.parent_measure_no
    from measures m
    join plans p using (source_sha256)
    where m.origin = 'appendix'
)

select * from final
