-- grain: one row per province x indicator x agency x year: the figure that counts for the year.
-- An annual report wins; else quarterly reports are summed (flows); else the latest
-- cumulative report (6 or 9 months) counts. Flows and cumulative reports are aggregated
-- apart (conditional aggregates, no window functions) and joined.
with observations as (
    select * from stg_observations
),

flows as (
    select
        province,
        indicator_code,
        agency_code,
        year,
        any_value(aggregation) as aggregation,
        any_value(agency_level) as agency_level,
        count(*) filter (where period_kind = 'year') as n_year,
        sum(numerator) filter (where period_kind = 'year') as year_num,
        sum(denominator) filter (where period_kind = 'year') as year_den,
        avg(value) filter (where period_kind = 'year') as year_value,
        bool_and(numerator is not null and denominator is not null)
            filter (where period_kind = 'year') as year_counts,
        sum(numerator) filter (where period_kind = 'quarter') as q_num,
        sum(denominator) filter (where period_kind = 'quarter') as q_den,
        avg(value) filter (where period_kind = 'quarter') as q_value,
        bool_and(numerator is not null and denominator is not null)
            filter (where period_kind = 'quarter') as q_counts,
        max(period_end) as q_end,
        arg_max(value, period_end) filter (where aggregation = 'latest') as latest_value
    from observations
    where period_kind in ('year', 'quarter')
    group by province, indicator_code, agency_code, year
),

cumulative as (
    select
        province,
        indicator_code,
        agency_code,
        year,
        any_value(aggregation) as aggregation,
        any_value(agency_level) as agency_level,
        arg_max(numerator, period_end) as c_num,
        arg_max(denominator, period_end) as c_den,
        arg_max(value, period_end) as c_value,
        max(period_end) as c_end
    from observations
    where period_kind not in ('year', 'quarter')
    group by province, indicator_code, agency_code, year
),

final as (
    select
        coalesce(f.province, c.province) as province,
        coalesce(f.indicator_code, c.indicator_code) as indicator_code,
        coalesce(f.aggregation, c.aggregation) as aggregation,
        coalesce(f.agency_code, c.agency_code) as agency_code,
        coalesce(f.agency_level, c.agency_level) as agency_level,
        coalesce(f.year, c.year) as year,
        case when f.n_year > 0 then f.year_num when f.year is not null then f.q_num
             else c.c_num end as numerator,
        case when f.n_year > 0 then f.year_den when f.year is not null then f.q_den
             else c.c_den end as denominator,
        coalesce(case when f.n_year > 0 then f.year_counts
                      when f.year is not null then f.q_counts
                      else c.c_num is not null and c.c_den is not null end, false) as has_counts,
        case when f.n_year > 0 then f.year_value when f.year is not null then f.q_value
             else c.c_value end as value,
        coalesce(f.latest_value, c.c_value) as latest_value,
        case when f.n_year > 0 then make_date(f.year, 12, 31) when f.year is not null
             then f.q_end else c.c_end end as covered_until
    from flows f
    full outer join cumulative c
        on c.province = f.province and c.indicator_code = f.indicator_code
        and c.agency_code = f.agency_code and c.year = f.year
)

select * from final
