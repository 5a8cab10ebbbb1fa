-- grain: one row per provincial unit (code) and the unit it belongs to today.
with province_lineage as (
    select * from {{ source('warehouse', 'province_lineage') }}
),

final as (
    select code, current_code, current_name, path
    from province_lineage
)

select * from final
