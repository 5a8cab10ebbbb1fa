-- grain: one row per plan in force (province x plan_year); superseded versions excluded.
with documents as (
    select * from {{ source('warehouse', 'documents') }}
),

final as (
    select
        sha256 as source_sha256,
        province,
        plan_year,
        doc_number,
        effective_date
    from documents
    where is_current and province is not null and plan_year is not null
)

select * from final
