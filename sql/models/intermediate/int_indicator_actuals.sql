-- grain: one row per province x indicator x level x year, level in (all, tinh, huyen, xa).
-- Shares aggregate as ratios: 100 * sum(numerator) / sum(denominator) over the agencies in
-- scope; where no agency reported counts, the mean of reported values is the fallback and
-- actual_method says so.
with agency_year as (
    select * from {{ ref('int_agency_year') }}
),

-- every agency counts for level 'all' and for its own level (one pass over agency_year)
scoped as (
    select a.*, case when s.is_all then 'all' else a.agency_level end as level
    from agency_year a
    cross join (values (true), (false)) s(is_all)
    where s.is_all or a.agency_level is not null
),

final as (
    select
        province,
        indicator_code,
        level,
        year,
        -- rounded to 9 decimals: a sum of doubles depends on the order rows arrive in, so
        -- a mean of 90 could read 89.99999999999999 in one build and 90.00000000000001 in
        -- the next, and a figure lying exactly on its target would flip between met and
        -- not met
        round(case
            when any_value(aggregation) = 'ratio_of_sums' and bool_or(has_counts)
                then share_percent(
                    sum(numerator) filter (where has_counts),
                    sum(denominator) filter (where has_counts)
                )
            when any_value(aggregation) = 'latest' then arg_max(latest_value, covered_until)
            when any_value(aggregation) in ('count', 'stock') then sum(value)
            else avg(value)
        end, 9) as actual_value,
        case
            when any_value(aggregation) = 'ratio_of_sums' and bool_and(has_counts)
                then 'ratio_of_sums'
            when any_value(aggregation) = 'ratio_of_sums' and bool_or(has_counts)
                then 'ratio_of_sums_partial'
            when any_value(aggregation) = 'latest' then 'latest'
            when any_value(aggregation) in ('count', 'stock') then 'count'
            else 'mean_of_reported'
        end as actual_method,
        sum(numerator) filter (where has_counts) as numerator,
        sum(denominator) filter (where has_counts) as denominator,
        count(*) as agencies_reporting,
        -- agencies whose year is built from an incomplete set of quarters or months, or a
        -- report that ends before the year does
        count(*) filter (where is_partial) as agencies_partial,
        max(covered_until) as covered_until
    from scoped
    group by province, indicator_code, level, year
)

select * from final
