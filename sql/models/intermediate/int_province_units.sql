-- grain: one row per provincial unit x name it answers to (its name and each alias):
-- the unit's days in force and the unit it belongs to today (province_lineage). Old and new
-- Tây Ninh share a name: a consumer picks the unit in force at its figure's year end
-- (see province_at_year_end below in province_trend), else the last one of that name.
with provinces as (
    select * from provinces
),

lineage as (
    select * from province_lineage
),

names as (
    select code, name as answers_to from provinces
    union all
    select code, unnest(aliases) as answers_to from provinces
),

final as (
    select
        n.code,
        lower(strip_accents(n.answers_to)) as name_key,
        p.name,
        p.valid_from,
        p.valid_to,
        l.current_code,
        l.current_name,
        l.path as lineage
    from names n
    join provinces p using (code)
    join lineage l using (code)
)

select * from final
