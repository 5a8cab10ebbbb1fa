-- grain: one row per period string of a metric file (metric_period_keys.id).
with period_keys as (
    select * from {{ source('warehouse', 'metric_period_keys') }}
),

final as (
    select id, source_sha256, period_raw, period_kind, period_start, period_end, year
    from period_keys
)

select * from final
