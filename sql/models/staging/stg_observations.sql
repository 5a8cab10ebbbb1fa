-- grain: one row per resolved metric figure that counts (agency x indicator x period of a file;
-- a wide file's row gives one per value column); unresolved rows wait
-- in review_queue, and figures a later submission corrected stay out (metric_figure_versions).
-- agency_no and indicator_no (see stg_metric_agencies, stg_metric_indicators) are integer
-- stand-ins for province x agency_code and indicator_code, for grouping.
with facts as (
    select * from {{ ref('stg_metric_facts') }}
),

agencies as (
    select * from {{ ref('stg_metric_agencies') }}
),

indicators as (
    select * from {{ ref('stg_metric_indicators') }}
),

periods as (
    select * from {{ ref('stg_metric_period_keys') }}
),

-- the latest submission of each province x agency x indicator x period
current_figures as (
    select agency_id, indicator_id, period_id
    from {{ source('warehouse', 'metric_figure_versions') }}
    where is_current
),

final as (
    select
        a.source_sha256,
        f.source_row,
        a.province,
        a.agency_code,
        a.agency_level,
        a.agency_no,
        i.indicator_code,
        i.aggregation,
        i.indicator_no,
        p.year,
        p.period_kind,
        -- which report counts when several cover a year: 1 annual, 2 quarterly, 3 monthly,
        -- 4 other (half, nine months, cumulative, school year)
        case p.period_kind when 'year' then 1 when 'quarter' then 2 when 'month' then 3
             else 4 end as period_rank,
        p.period_start,
        p.period_end,
        f.numerator,
        f.denominator,
        -- as reported: null where the row gave counts (metric_observations.value is then
        -- their share; a division per row that models over many rows do with the sums)
        f.value as reported_value
    from facts f
    semi join current_figures c
        on c.agency_id = f.agency_id
        and c.indicator_id = f.indicator_id
        and c.period_id = f.period_id
    join agencies a on a.agency_id = f.agency_id
    join indicators i on i.indicator_id = f.indicator_id
    join periods p on p.id = f.period_id
    where p.year is not null
)

select * from final
