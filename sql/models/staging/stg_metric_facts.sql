-- grain: one row per metric file row that passed validation (ids point at the key models).
with facts as (
    select * from {{ source('warehouse', 'metric_facts') }}
),

final as (
    select agency_id, indicator_id, period_id, source_row, numerator, denominator, value
    from facts
)

select * from final
