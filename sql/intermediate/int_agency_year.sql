-- grain: one row per province x indicator x agency x year: the figure that counts for the year.
-- An annual report wins; else quarterly reports are summed (flows); else the latest
-- cumulative report (6 or 9 months) counts. One pass: conditional aggregates, no windows.
with observations as (
    select * from stg_observations
),

per_kind as (
    select
        province,
        indicator_code,
        agency_code,
        year,
        any_value(aggregation) as aggregation,
        any_value(agency_level) as agency_level,
        count(*) filter (where period_kind = 'year') as n_year,
        count(*) filter (where period_kind = 'quarter') as n_quarter,
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
        max(period_end) filter (where period_kind = 'quarter') as q_end,
        arg_max(numerator, period_end) filter (where period_kind not in ('year', 'quarter'))
            as c_num,
        arg_max(denominator, period_end) filter (where period_kind not in ('year', 'quarter'))
            as c_den,
        arg_max(value, period_end) filter (where period_kind not in ('year', 'quarter'))
            as c_value,
        max(period_end) filter (where period_kind not in ('year', 'quarter')) as c_end,
        arg_max(value, period_end) as latest_value,
        list(distinct source_sha256) as source_files
    from observations
    group by province, indicator_code, agency_code, year
),

final as (
    select
        province,
        indicator_code,
        aggregation,
        agency_code,
        agency_level,
        year,
        case when n_year > 0 then year_num when n_quarter > 0 then q_num else c_num end
            as numerator,
        case when n_year > 0 then year_den when n_quarter > 0 then q_den else c_den end
            as denominator,
        coalesce(case when n_year > 0 then year_counts when n_quarter > 0 then q_counts
                      else c_num is not null and c_den is not null end, false) as has_counts,
        case when n_year > 0 then year_value when n_quarter > 0 then q_value else c_value end
            as value,
        latest_value,
        case when n_year > 0 then make_date(year, 12, 31) when n_quarter > 0 then q_end
             else c_end end as covered_until,
        source_files
    from per_kind
)

select * from final
