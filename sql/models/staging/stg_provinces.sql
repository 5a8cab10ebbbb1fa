-- grain: one row per provincial unit (code): the 63 before and the 34 from 01/07/2025.
with provinces as (
    select * from {{ source('warehouse', 'provinces') }}
),

final as (
    select code, name, kind, valid_from, valid_to, aliases
    from provinces
)

select * from final
