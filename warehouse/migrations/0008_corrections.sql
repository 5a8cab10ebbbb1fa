-- 0008: a later report of the same figure replaces an earlier one.
--
-- A figure's identity is province x agency x indicator x period (the resolved codes; the
-- string as written where a name is unresolved). Per identity the latest submission counts:
-- by the version the file states, else by when it arrived (a backfill: the file's
-- modification time), then by its modification time, never by its name. Which submission
-- counts is computed by views over a small table of the figures each file holds (one row
-- per file x agency key x indicator key x period key), never by updating the facts.

alter table file_manifest add column arrived_at timestamp;
alter table file_manifest add column modified_at timestamp;
alter table file_manifest add column version integer;
alter table file_manifest add column supersedes varchar[];
alter table file_manifest add column superseded_by varchar[];
update file_manifest set arrived_at = first_seen_at, supersedes = [], superseded_by = [];
comment on column file_manifest.arrived_at is 'When the submission arrived: when it was first ingested, or in a backfill the file''s modification time. Orders corrections.';
comment on column file_manifest.modified_at is 'The file''s modification time when it was ingested (orders files that arrived together).';
comment on column file_manifest.version is 'Version number the file states (a Phiên bản / version column); orders corrections before arrival.';
comment on column file_manifest.supersedes is 'Files some of whose figures (or whose plan) this file replaced.';
comment on column file_manifest.superseded_by is 'Files that replaced some of this file''s figures (or its plan).';

create table metric_figure_sets (
    source_sha256 varchar not null,
    agency_id bigint not null,
    indicator_id bigint not null,
    period_id bigint not null,
    rows bigint not null
);
comment on table metric_figure_sets is 'The figures each metric file holds: one row per file x agency key x indicator key x period key (what corrections are decided on).';
comment on column metric_figure_sets.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_figure_sets.agency_id is 'metric_agency_keys.id';
comment on column metric_figure_sets.indicator_id is 'metric_indicator_keys.id';
comment on column metric_figure_sets.period_id is 'metric_period_keys.id';
comment on column metric_figure_sets.rows is 'Rows of metric_facts with these keys.';

-- figures stored before this migration
insert into metric_figure_sets
select a.source_sha256, f.agency_id, f.indicator_id, f.period_id, count(*)
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
group by all;

create view metric_figure_versions as
with figure_sets as (
    select * from metric_figure_sets
),

files as (
    select sha256, version, coalesce(arrived_at, first_seen_at) as arrived_at, modified_at
    from file_manifest
),

identified as (
    select
        s.source_sha256,
        s.agency_id,
        s.indicator_id,
        s.period_id,
        a.province,
        coalesce(a.agency_code, a.agency_raw) as agency,
        coalesce(i.indicator_code, i.indicator_raw) as indicator,
        coalesce(p.period_kind || ' ' || p.period_start || ' ' || p.period_end, p.period_raw)
            as period,
        m.version,
        m.arrived_at,
        m.modified_at
    from figure_sets s
    join metric_agency_keys a on a.id = s.agency_id
    join metric_indicator_keys i on i.id = s.indicator_id
    join metric_period_keys p on p.id = s.period_id
    join files m on m.sha256 = s.source_sha256
),

ranked as (
    select
        *,
        row_number() over latest as rank,
        lag(source_sha256) over latest as superseded_by
    from identified
    window latest as (
        partition by province, agency, indicator, period
        order by version desc nulls last, arrived_at desc, modified_at desc nulls last,
            source_sha256
    )
)

select
    source_sha256, agency_id, indicator_id, period_id, province, agency, indicator, period,
    rank, rank = 1 as is_current, superseded_by
from ranked;
comment on view metric_figure_versions is 'Every submission of every figure identity (province x agency x indicator x period) in order, latest first; is_current marks the one the models count.';
comment on column metric_figure_versions.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_figure_versions.agency_id is 'metric_agency_keys.id';
comment on column metric_figure_versions.indicator_id is 'metric_indicator_keys.id';
comment on column metric_figure_versions.period_id is 'metric_period_keys.id';
comment on column metric_figure_versions.province is 'Province of the figure.';
comment on column metric_figure_versions.agency is 'Agency code, or the agency as written while unresolved.';
comment on column metric_figure_versions.indicator is 'Indicator code, or the indicator as written while unresolved.';
comment on column metric_figure_versions.period is 'The period (kind, first and last day), or as written when it did not parse.';
comment on column metric_figure_versions.rank is '1 for the latest submission of the figure, 2 the one before, ...';
comment on column metric_figure_versions.is_current is 'True for the submission the models count.';
comment on column metric_figure_versions.superseded_by is 'SHA-256 of the submission that replaced this one (null: current).';

create view file_supersessions as
select distinct source_sha256 as old_sha256, superseded_by as new_sha256
from metric_figure_versions where superseded_by is not null
union
select sha256, superseded_by from documents where superseded_by is not null;
comment on view file_supersessions is 'Which file replaced which: figures of a metric report, or a plan version.';
comment on column file_supersessions.old_sha256 is 'SHA-256 of the replaced file.';
comment on column file_supersessions.new_sha256 is 'SHA-256 of the file that replaced it.';

update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from file_supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from file_supersessions where old_sha256 = m.sha256), []);

create or replace view metric_observations as
select
    a.source_sha256,
    f.source_row,
    a.province,
    a.agency_code,
    a.agency_raw,
    i.indicator_code,
    i.indicator_raw,
    p.period_raw,
    p.period_kind,
    p.period_start,
    p.period_end,
    p.year,
    f.numerator,
    f.denominator,
    coalesce(f.value, 100.0 * f.numerator / f.denominator) as value,
    i.unit,
    v.superseded_by
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
join metric_indicator_keys i on i.id = f.indicator_id
join metric_period_keys p on p.id = f.period_id
left join metric_figure_versions v on v.agency_id = f.agency_id
    and v.indicator_id = f.indicator_id and v.period_id = f.period_id;

-- (a replaced view loses its comments: they are stated again)
comment on view metric_observations is 'Figures agencies reported: one row per agency x indicator x period x file row (metric_facts with its keys); corrected figures stay, with superseded_by.';
comment on column metric_observations.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_observations.source_row is 'Row number in the file (the header is row 1 in a CSV).';
comment on column metric_observations.province is 'Province reported for (from the file, else the title row or the agencies).';
comment on column metric_observations.agency_code is 'Agency registry code; null until the review queue resolves agency_raw.';
comment on column metric_observations.agency_raw is 'Agency as written in the file.';
comment on column metric_observations.indicator_code is 'Indicator code; null until the review queue resolves indicator_raw.';
comment on column metric_observations.indicator_raw is 'Indicator as written in the file (a code, a name, or a wide header).';
comment on column metric_observations.period_raw is 'Period as written (or taken from the title row / file name).';
comment on column metric_observations.period_kind is 'year | half | quarter | months.';
comment on column metric_observations.period_start is 'First day of the period.';
comment on column metric_observations.period_end is 'Last day of the period.';
comment on column metric_observations.year is 'Calendar year of the period.';
comment on column metric_observations.numerator is 'Tử số: count meeting the indicator (ratios aggregate as sum/sum).';
comment on column metric_observations.denominator is 'Mẫu số: count in scope.';
comment on column metric_observations.value is 'Reported value, else 100 x numerator / denominator (a share in percent).';
comment on column metric_observations.unit is 'Unit as reported.';
comment on column metric_observations.superseded_by is 'SHA-256 of the later submission that replaced this figure (null: the figure counts).';
