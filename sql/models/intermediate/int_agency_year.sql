-- grain: one row per province x indicator x agency x year: the figure that counts for the year.
-- A reported year always wins over its parts. Else the year is derived from its quarters,
-- or its months, as the indicator's kind (the catalog's aggregation) says: a level - a stock
-- such as the units at the period's end ('stock'), or a score ('latest') - is the level of
-- the last part; a count of a flow ('count') is the sum of its parts; a share is the share
-- of the summed counts where every report gave counts, else the mean of the values
-- reported (no share is computed per row: that division over every observation cost more
-- than the rest); else the latest report of another kind (6 or 9 months, cumulative,
-- school year) counts. A derived year is complete only when its set of parts is (four
-- distinct quarters, twelve distinct months, a report from 1 January to 31 December; for a
-- level, a part that ends on 31 December): complete parts win over incomplete ones, and a
-- year built from an incomplete set still counts, marked is_partial.
-- Shares are `share_percent` (a database macro, migration 0011): one definition.
-- Only years inside the plans' horizon count: from the year before the first plan (or its
-- earliest baseline year) to the last plan year or the current year, whichever is later.
-- The filter reaches the scan of the observations; figures are grouped by integer keys
-- (agency_no, indicator_no) and labelled at the end.
with horizon as (
    select
        least(min(plan_year) - 1, min(baseline_year))::integer as first_year,
        greatest(max(plan_year), year(current_date))::integer as last_year
    from {{ ref('stg_measures') }}
),

observations as (
    select o.*
    from {{ ref('stg_observations') }} o
    join horizon h on o.year between h.first_year and h.last_year
),

-- per period kind (1 annual, 2 quarterly, 3 monthly, 4 other): the sums, for flows, and
-- whether the kind's reports cover the whole year
per_kind as (
    select
        agency_no,
        indicator_no,
        year,
        period_rank as kind_rank,
        sum(numerator) as sum_num,
        sum(denominator) as sum_den,
        avg(reported_value) as avg_reported,
        sum(reported_value) as sum_reported,
        count(numerator) = count(*) and count(denominator) = count(*) as all_counts,
        max(period_end) as covered_until,
        any_value(aggregation) as aggregation,
        -- a level's last part: its counts, and its value or the share of its counts
        arg_max(numerator, period_end) as last_num,
        arg_max(denominator, period_end) as last_den,
        coalesce(arg_max(reported_value, period_end), share_percent(last_num, last_den))
            as last_level,
        -- the quarters (months) seen, as the bits of a mask: all four (twelve) bits set is
        -- a complete set, the same quarter twice still one bit; a mask, not a distinct
        -- count, so no second grouping over every observation; a level is whole once a
        -- part ends with the year
        case
            when period_rank = 1 then true
            when any_value(aggregation) in ('stock', 'latest') and period_rank in (2, 3)
                then max(period_end) = make_date(year, 12, 31)
        end as level_complete,
        case period_rank
            when 1 then true
            when 2 then bit_or(1 << (quarter(period_start) - 1)) = 15
            when 3 then bit_or(1 << (month(period_start) - 1)) = 4095
            else arg_max(period_start, period_end) = make_date(year, 1, 1)
                 and max(period_end) = make_date(year, 12, 31)
        end as mask_complete
    from observations
    group by agency_no, indicator_no, year, period_rank
),

per_kind_complete as (
    select * exclude (level_complete, mask_complete),
        coalesce(level_complete, mask_complete) as complete
    from per_kind
),

-- the report with the latest period end, for cumulative reports and 'latest' indicators
-- (read apart from `observations`: two readers of one CTE make DuckDB buffer all its rows)
latest as (
    select
        o.agency_no,
        o.indicator_no,
        o.year,
        o.period_rank as kind_rank,
        arg_max(o.numerator, o.period_end) as num,
        arg_max(o.denominator, o.period_end) as den,
        arg_max(
            coalesce(o.reported_value, share_percent(o.numerator, o.denominator)), o.period_end
        ) as value
    from {{ ref('stg_observations') }} o
    join horizon h on o.year between h.first_year and h.last_year
    where o.period_rank = 4 or o.aggregation = 'latest'
    group by all
),

-- the kind that counts: a complete one before an incomplete one, then the one that covers
-- the year furthest, then the lowest rank (a reported year is always complete: it wins)
best as (
    select *
    from per_kind_complete
    qualify row_number() over (
        partition by agency_no, indicator_no, year
        order by complete desc, covered_until desc, kind_rank
    ) = 1
),

agencies as (
    select distinct agency_no, province, agency_code, agency_level
    from {{ ref('stg_metric_agencies') }}
),

indicators as (
    select distinct indicator_no, indicator_code, aggregation
    from {{ ref('stg_metric_indicators') }}
),

final as (
    select
        a.province,
        i.indicator_code,
        i.aggregation,
        a.agency_code,
        a.agency_level,
        b.year,
        case when b.kind_rank = 4 then l.num
             when b.aggregation in ('stock', 'latest') then b.last_num
             else b.sum_num end as numerator,
        case when b.kind_rank = 4 then l.den
             when b.aggregation in ('stock', 'latest') then b.last_den
             else b.sum_den end as denominator,
        case when b.kind_rank < 4 then b.all_counts
             else l.num is not null and l.den is not null end as has_counts,
        case
            when b.kind_rank = 4 then l.value
            when b.aggregation in ('stock', 'latest') then b.last_level
            when b.all_counts then share_percent(b.sum_num, b.sum_den)
            when b.aggregation = 'count' then b.sum_reported
            else b.avg_reported
        end as value,
        l.value as latest_value,
        case when b.kind_rank = 1 then make_date(b.year, 12, 31)
             else b.covered_until end as covered_until,
        case b.kind_rank when 1 then 'year' when 2 then 'quarters' when 3 then 'months'
             else 'cumulative' end as year_basis,
        not b.complete as is_partial
    from best b
    left join latest l using (agency_no, indicator_no, year, kind_rank)
    join agencies a using (agency_no)
    join indicators i using (indicator_no)
)

select * from final
