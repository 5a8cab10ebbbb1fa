-- grain: one row per agency key x indicator key x period key of the metric files: how many
-- figures (file rows loaded) carry that combination. Counted on integer ids, labelled later.
with facts as (
    select * from {{ ref('stg_metric_facts') }}
),

final as (
    select agency_id, indicator_id, period_id, count(*) as figures
    from facts
    group by all
)

select * from final
