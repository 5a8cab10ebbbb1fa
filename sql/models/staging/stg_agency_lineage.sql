-- grain: one row per agency code x province (null: the generic lineage) and the agency it
-- lives on in today.
with agency_lineage as (
    select * from {{ source('warehouse', 'agency_lineage') }}
),

final as (
    select code, province, current_code, path
    from agency_lineage
)

select * from final
