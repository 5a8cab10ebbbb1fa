-- grain: one row per province name (name_key: its name or an alias, as int_province_units
-- matches it) that no unit answers to any more: every unit of that name has ended. From the
-- day after ended_on, figures and plans of that name belong to its successor (Long An ended
-- on 30/06/2025: its 2025 plan is judged on Tây Ninh's 2025 figures). Old and new Tây Ninh
-- share a name: the new one is in force, so "Tây Ninh" has no successor.
-- One model below int_measure_status and int_province_years (which reads int_measure_status),
-- so the rule is written once.
with units as (
    select * from {{ ref('int_province_units') }}
),

final as (
    select
        name_key,
        max(valid_to) as ended_on,
        arg_max(code, valid_to) as last_unit_code,
        arg_max(current_code, valid_to) as current_code,
        arg_max(current_name, valid_to) as current_name
    from units
    group by name_key
    having count(*) filter (where valid_to is null) = 0
)

select * from final
