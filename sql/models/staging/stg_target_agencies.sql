-- grain: one row per agency named for a target of a plan in force
-- (source_sha256 x target_no x role x position).
with target_agencies as (
    select * from {{ source('warehouse', 'target_agencies') }}
),

plans as (
    select * from {{ ref('stg_plans') }}
),

final as (
    select
        a.source_sha256,
        p.province,
        p.plan_year,
        p.plan_topic,
        a.target_no,
        a.role,
        a.position,
        a.agency_code,
        a.agency_name,
        a.raw as agency_raw
    from target_agencies a
    join plans p using (source_sha256)
)

select * from final
