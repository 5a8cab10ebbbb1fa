-- grain: one row per agency string of a metric file (metric_agency_keys.id), resolved or not.
with agency_keys as (
    select * from {{ source('warehouse', 'metric_agency_keys') }}
),

final as (
    select id, source_sha256, province, agency_raw, agency_code
    from agency_keys
)

select * from final
