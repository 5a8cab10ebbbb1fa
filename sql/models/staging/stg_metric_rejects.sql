-- grain: one row per metric file row that failed validation (source_sha256 x source_row).
with rejects as (
    select * from {{ source('warehouse', 'metric_rejects') }}
),

final as (
    select source_sha256, source_row, reason
    from rejects
)

select * from final
