-- grain: one row per current province x indicator x year. Figures of the years before the
-- 2025 merger are those of the predecessors (Long An and the old Tây Ninh for today's Tây
-- Ninh): shares are recomputed as 100 * sum(numerator) / sum(denominator) over them, never an
-- average of their percentages. A year is partial (is_comparable false) when some
-- predecessor in force at the year's end reported nothing, or reported a value without
-- counts; change_from_previous compares comparable years only.
with actuals as (
    select * from {{ ref('int_indicator_actuals') }} where level = 'all'
),

units as (
    select * from {{ ref('int_province_units') }}
),

indicators as (
    select code as indicator_code, aggregation from {{ ref('stg_indicators') }}
),

-- each figure's province at its year's end (a name shared over time: the unit then in force)
placed as (
    select
        a.*,
        u.code as province_code,
        u.current_code,
        u.current_name
    from actuals a
    join units u on u.name_key = lower(strip_accents(a.province))
    qualify row_number() over (
        partition by a.province, a.indicator_code, a.year
        order by
            {{ units_by_year_end('a.year', 'u') }}
    ) = 1
),

-- the units of each current province in force at each year's end: who should report
expected as (
    select
        l.current_code,
        y.year,
        count(*) as units_expected
    from {{ ref('stg_province_lineage') }} l
    join {{ ref('stg_provinces') }} p on p.code = l.code
    cross join (select distinct year from placed) y
    where {{ in_force_at_year_end('y.year', 'p') }}
    group by all
),

rolled as (
    select
        p.current_code,
        any_value(p.current_name) as current_province,
        p.indicator_code,
        p.year,
        any_value(i.aggregation) as aggregation,
        sum(p.numerator) as numerator,
        sum(p.denominator) as denominator,
        bool_and(p.actual_method = 'ratio_of_sums') as all_counts,
        count(distinct p.province_code) as units_reporting,
        list(distinct p.province_code order by p.province_code) as units_reported,
        -- one unit's own figure, where it is the only one (not a ratio: nothing to sum)
        case when count(*) = 1 then any_value(p.actual_value) end as single_value
    from placed p
    left join indicators i using (indicator_code)
    group by p.current_code, p.indicator_code, p.year
),

judged as (
    select
        r.*,
        coalesce(e.units_expected, 0) as units_expected,
        case
            when r.aggregation = 'ratio_of_sums' and r.all_counts
                then 100.0 * r.numerator / nullif(r.denominator, 0)
            when r.aggregation <> 'ratio_of_sums' then r.single_value
        end as value,
        r.units_reporting >= coalesce(e.units_expected, 0)
            and (r.all_counts or r.aggregation <> 'ratio_of_sums')
            and (r.aggregation = 'ratio_of_sums' or r.units_reporting = 1) as is_comparable
    from rolled r
    left join expected e using (current_code, year)
),

final as (
    select
        current_code as current_province_code,
        current_province,
        indicator_code,
        year,
        case when is_comparable then value end as value,
        numerator,
        denominator,
        units_reporting,
        units_expected,
        units_reported,
        not is_comparable as is_partial,
        case
            when is_comparable
                and lag(is_comparable) over w
                and lag(year) over w = year - 1
                then value - lag(value) over w
        end as change_from_previous
    from judged
    window w as (partition by current_code, indicator_code order by year)
)

select * from final
