-- grain: one row per target_attainment row (int_target_attainment) (plan in force, source_sha256 x target x measure), with
-- the provincial unit it belongs to today: a 2022 plan of Long An and a 2026 plan of the
-- merged Tây Ninh line up under current_province = Tây Ninh.
with attainment as (
    select * from {{ ref('int_target_attainment') }}
),

units as (
    select * from {{ ref('int_province_units') }}
),

final as (
    select
        t.*,
        coalesce(u.current_name, t.province) as current_province,
        u.current_code as current_province_code
    from attainment t
    left join units u on u.name_key = lower(strip_accents(t.province))
    qualify row_number() over (
        partition by t.source_sha256, t.target_no, t.measure_no
        order by
            {{ units_by_year_end('t.plan_year', 'u') }}
    ) = 1
)

select * from final
