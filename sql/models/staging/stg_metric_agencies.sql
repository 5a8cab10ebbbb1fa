-- grain: one row per agency key of a metric file (metric_agency_keys.id) that resolved to a
-- registry agency. agency_no numbers the distinct province x agency pairs, so that models
-- group figures by one integer instead of two strings.
with agency_keys as (
    select * from {{ ref('stg_metric_agency_keys') }}
),

agencies as (
    select * from {{ ref('stg_agencies') }}
),

final as (
    select
        k.id as agency_id,
        dense_rank() over (order by k.province, k.agency_code) as agency_no,
        k.source_sha256,
        k.province,
        k.agency_code,
        a.level as agency_level
    from agency_keys k
    join agencies a on a.code = k.agency_code
    where k.province is not null
)

select * from final
