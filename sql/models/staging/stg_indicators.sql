-- grain: one row per catalog indicator (code).
with indicators as (
    select * from {{ source('warehouse', 'indicators') }}
),

final as (
    select code, name_vi, unit, direction, aggregation
    from indicators
)

select * from final
