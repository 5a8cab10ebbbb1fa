-- grain: one row per indicator string of a metric file (metric_indicator_keys.id), resolved or not.
with indicator_keys as (
    select * from {{ source('warehouse', 'metric_indicator_keys') }}
),

final as (
    select id, source_sha256, indicator_raw, unit, indicator_code
    from indicator_keys
)

select * from final
