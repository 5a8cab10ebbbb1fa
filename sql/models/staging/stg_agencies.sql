-- grain: one row per registry agency (code).
with agencies as (
    select * from {{ source('warehouse', 'agencies') }}
),

final as (
    select code, name, kind, level, province
    from agencies
)

select * from final
