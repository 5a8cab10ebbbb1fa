-- grain: one row per int_agency_scorecard row (agency x plan in force, source_sha256), placed under the
-- agency and province that carry it on today: a 2022 target led by Sở Thông tin và Truyền
-- thông of Long An counts for Sở Khoa học và Công nghệ of Tây Ninh, lineage shown. Where
-- a province's own successions differ (agency_lineage.province), they win.
with scorecard as (
    select * from {{ ref('int_agency_scorecard') }}
),

units as (
    select * from {{ ref('int_province_units') }}
),

agency_lineage as (
    select * from {{ ref('stg_agency_lineage') }}
),

agencies as (
    select * from {{ ref('stg_agencies') }}
),

placed as (
    select
        s.*,
        u.current_code as current_province_code,
        u.current_name as current_province,
        u.lineage as province_lineage
    from scorecard s
    left join units u on u.name_key = lower(strip_accents(s.province))
    qualify row_number() over (
        partition by s.agency_code, s.source_sha256
        order by
            {{ units_by_year_end('s.plan_year', 'u') }}
    ) = 1
),

final as (
    select
        coalesce(own.current_code, gen.current_code, p.agency_code) as current_agency_code,
        a.name as current_agency,
        coalesce(p.current_province, p.province) as current_province,
        p.current_province_code,
        p.plan_year,
        p.plan_topic,
        p.agency_code,
        p.agency,
        p.province,
        coalesce(own.path, gen.path, p.agency_code) as agency_lineage,
        p.province_lineage,
        p.tasks_led,
        p.targets_led,
        p.measures_met,
        p.measures_not_met,
        p.measures_open,
        p.source_sha256
    from placed p
    left join agency_lineage gen on gen.code = p.agency_code and gen.province is null
    left join agency_lineage own
        on own.code = p.agency_code and lower(strip_accents(own.province)) = lower(strip_accents(p.province))
    left join agencies a on a.code = coalesce(own.current_code, gen.current_code, p.agency_code)
)

select * from final
