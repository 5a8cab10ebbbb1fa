-- grain: one row per province as written (on a figure or a plan) x year: the provincial
-- unit that name meant at the year's end and the unit it belongs to today. A name that
-- ceased before the year's end (a 2026 plan naming Long An, which ceased on 30/06/2025)
-- belongs to its successor (int_province_successor, the rule int_measure_status applies
-- too). Otherwise old and new Tây Ninh share a name: the unit in force on 31/12 of the
-- year is taken, else the last unit of that name (a year before it was formed). A name the
-- reference data does not know (a deployment without the files with time) stays its own
-- province.
with units as (
    select * from {{ ref('int_province_units') }}
),

successors as (
    select * from {{ ref('int_province_successor') }}
),

province_years as (
    select distinct province, year
    from {{ ref('int_indicator_actuals') }}
    union
    select distinct province, plan_year as year
    from {{ ref('int_measure_status') }}
),

final as (
    select
        py.province,
        py.year,
        coalesce(s.last_unit_code, u.code) as unit_code,
        coalesce(s.current_code, u.current_code, py.province) as current_province_code,
        coalesce(s.current_name, u.current_name, py.province) as current_province
    from province_years py
    left join successors s
        on s.name_key = lower(strip_accents(py.province))
        and s.ended_on < make_date(py.year, 12, 31)
    left join units u
        on u.name_key = lower(strip_accents(py.province)) and s.name_key is null
    qualify row_number() over (
        partition by py.province, py.year
        order by
            {{ units_by_year_end('py.year', 'u') }}
    ) = 1
)

select * from final
