-- grain: one row per plan in force (source_sha256); superseded versions excluded. Several
-- plans can be in force for one province and year (the annual PAR plan, a chuyển đổi số
-- plan, a phase plan, a plan on improving the PAR index): a plan's identity is issuer x
-- kind x topic x subject x period. A multi-year plan is judged at its end year, so plan_year is the year of an annual plan, else period_end.
with documents as (
    select * from {{ source('warehouse', 'documents') }}
),

final as (
    select
        sha256 as source_sha256,
        province,
        coalesce(plan_year, period_end) as plan_year,
        kind as plan_kind,
        topic as plan_topic,
        issuer as plan_issuer,
        period_start,
        period_end,
        doc_number,
        effective_date
    from documents
    where is_current and province is not null and coalesce(plan_year, period_end) is not null
)

select * from final
