-- grain: one row per province x indicator_code x year: figures whose indicator and year are
-- known but whose agency the registry does not resolve, so no actual counts them.
-- Only the few unresolved agency keys are joined to the facts (a semi-join on integers).
with agency_keys as (
    select * from {{ ref('stg_metric_agency_keys') }}
    where agency_code is null and province is not null
),

indicator_keys as (
    select * from {{ ref('stg_metric_indicator_keys') }}
    where indicator_code is not null
),

facts as (
    select f.agency_id, f.indicator_id, f.period_id
    from {{ ref('stg_metric_facts') }} f
    where f.agency_id in (select id from agency_keys)
),

final as (
    select a.province, i.indicator_code, p.year, count(*) as figures_unresolved
    from facts f
    join agency_keys a on a.id = f.agency_id
    join indicator_keys i on i.id = f.indicator_id
    join {{ ref('stg_metric_period_keys') }} p on p.id = f.period_id
    where p.year is not null
    group by all
)

select * from final
