-- grain: one row per metric file (source_sha256) that has figures no actual can count:
-- rows rejected by validation, and rows whose indicator, province or year is not known
-- (they cannot be placed on one province x indicator x year, so they are counted per file).
with rejects as (
    select source_sha256, count(*) as rows_rejected
    from {{ ref('stg_metric_rejects') }}
    group by all
),

unplaced_agency_keys as (
    select id, source_sha256 from {{ ref('stg_metric_agency_keys') }}
    where province is null
),

unplaced_indicator_keys as (
    select id, source_sha256 from {{ ref('stg_metric_indicator_keys') }}
    where indicator_code is null
),

unplaced_period_keys as (
    select id, source_sha256 from {{ ref('stg_metric_period_keys') }}
    where year is null
),

-- each fact counted once, under the file of its agency key
unplaced as (
    select a.source_sha256, count(*) as figures_unplaced
    from {{ ref('stg_metric_facts') }} f
    join {{ ref('stg_metric_agency_keys') }} a on a.id = f.agency_id
    where f.agency_id in (select id from unplaced_agency_keys)
       or f.indicator_id in (select id from unplaced_indicator_keys)
       or f.period_id in (select id from unplaced_period_keys)
    group by all
),

final as (
    select
        source_sha256,
        coalesce(r.rows_rejected, 0) as rows_rejected,
        coalesce(u.figures_unplaced, 0) as figures_unplaced
    from rejects r
    full outer join unplaced u using (source_sha256)
)

select * from final
