-- grain: one row per provincial unit x name it answers to (its name and each alias):
-- the unit's days in force and the unit it belongs to today (province_lineage). Old and new
-- Tây Ninh share a name: a consumer picks the unit in force at its figure's year end
-- (the macro units_by_year_end, sql/macros/at_year_end.sql), else the last one of that name.
with provinces as (
    select * from {{ ref('stg_provinces') }}
),

lineage as (
    select * from {{ ref('stg_province_lineage') }}
),

-- a name and an alias that differ only in accents or case answer as one (union: distinct)
names as (
    select code, lower(strip_accents(name)) as name_key from provinces
    union
    select code, lower(strip_accents(unnest(aliases))) as name_key from provinces
),

final as (
    select
        n.code,
        n.name_key,
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
