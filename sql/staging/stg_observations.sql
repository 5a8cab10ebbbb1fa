-- grain: one row per resolved metric observation (file row); unresolved rows wait in review_queue.
with observations as (
    select * from metric_observations
),

agencies as (
    select * from agencies
),

indicators as (
    select * from indicators
),

final as (
    select
        o.source_sha256,
        o.source_row,
        o.province,
        o.agency_code,
        a.level as agency_level,
        o.indicator_code,
        i.aggregation,
        o.year,
        o.period_kind,
        o.period_start,
        o.period_end,
        o.numerator,
        o.denominator,
        o.value
    from observations o
    join agencies a on a.code = o.agency_code
    join indicators i on i.code = o.indicator_code
    where o.province is not null and o.year is not null
)

select * from final
