-- grain: one row per figure that failed validation; no key: a wide file's row gives one per
-- value column, so source_sha256 x source_row can repeat.
with rejects as (
    select * from {{ source('warehouse', 'metric_rejects') }}
),

final as (
    select source_sha256, source_row, reason
    from rejects
)

select * from final
