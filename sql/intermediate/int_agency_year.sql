-- grain: one row per province x indicator x agency x year: the figure that counts for the year.
-- An annual report wins; else quarterly reports are summed (flows); else the latest
-- cumulative report (6 or 9 months). Partial years are flagged.
with observations as (
    select * from stg_observations
),

ranked as (
    select
        *,
        max(case when period_kind = 'year' then 1 else 0 end)
            over (partition by province, indicator_code, agency_code, year) as has_year,
        max(case when period_kind = 'quarter' then 1 else 0 end)
            over (partition by province, indicator_code, agency_code, year) as has_quarter,
        max(period_end) over (partition by province, indicator_code, agency_code, year)
            as latest_end
    from observations
),

chosen as (
    select *
    from ranked
    where (has_year = 1 and period_kind = 'year')
       or (has_year = 0 and has_quarter = 1 and period_kind = 'quarter')
       or (has_year = 0 and has_quarter = 0 and period_end = latest_end)
),

final as (
    select
        province,
        indicator_code,
        any_value(aggregation) as aggregation,
        agency_code,
        any_value(agency_level) as agency_level,
        year,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        bool_and(numerator is not null and denominator is not null) as has_counts,
        avg(value) as value,
        arg_max(value, period_end) as latest_value,
        max(period_end) as covered_until,
        list(distinct source_sha256 order by source_sha256) as source_files
    from chosen
    group by province, indicator_code, agency_code, year
)

select * from final
