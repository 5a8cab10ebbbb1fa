-- grain: one row per indicator key of a metric file (metric_indicator_keys.id) that resolved
-- to a catalog indicator. indicator_no numbers the distinct indicators, so that models group
-- figures by an integer.
with indicator_keys as (
    select * from {{ ref('stg_metric_indicator_keys') }}
),

indicators as (
    select * from {{ ref('stg_indicators') }}
),

final as (
    select
        k.id as indicator_id,
        dense_rank() over (order by k.indicator_code) as indicator_no,
        k.indicator_code,
        i.aggregation
    from indicator_keys k
    join indicators i on i.code = k.indicator_code
)

select * from final
