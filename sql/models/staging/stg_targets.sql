-- grain: one row per Phụ lục 1 target of a plan in force (source_sha256 x target_no); a
-- province can have several plans in force in a year (see stg_plans).
with final as (
    select
        r.source_sha256,
        {{ plan_of_row() }},
        r.target_no,
        r.area_no as target_area_no,
        r.area as target_area,
        r.text as target_text,
        r.measurable
    from {{ rows_of_plans_in_force('targets') }}
)

select * from final
