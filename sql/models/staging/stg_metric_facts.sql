-- grain: one row per figure that passed validation: agency_id x indicator_id x period_id (the
-- ids are a file's own, so this is one figure per key per file; a wide file's row gives one
-- per value column). ids point at the key models.
with facts as (
    select * from {{ source('warehouse', 'metric_facts') }}
),

final as (
    select agency_id, indicator_id, period_id, source_row, numerator, denominator, value
    from facts
)

select * from final
