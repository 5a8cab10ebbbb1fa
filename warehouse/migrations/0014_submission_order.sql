-- 0014 (issue 15): one order of submissions, used by every decision of which one counts.
--
-- The latest submission wins: by the version the file states, then by when it arrived (a
-- backfill: the file's modification time), then by its modification time, never by its
-- name. 0008 wrote this order into metric_figure_versions and the task_progress mart wrote
-- it again; now both read submission_order.recency (1 = the latest file of all). A total
-- order over every file orders any subset of them the same way, so one rank serves
-- figures, task progress and whatever compares submissions next.
create view submission_order as
select
    sha256,
    version,
    coalesce(arrived_at, first_seen_at) as arrived_at,
    modified_at,
    row_number() over (
        order by version desc nulls last, coalesce(arrived_at, first_seen_at) desc,
            modified_at desc nulls last, sha256
    ) as recency
from file_manifest;
comment on view submission_order is 'Every file in the order submissions count: recency 1 is the latest (stated version, then arrival, then modification time; never the name). Which submission of a figure or a task report counts is decided by this order.';
comment on column submission_order.sha256 is 'SHA-256 of the file.';
comment on column submission_order.version is 'Version the file states (a Phiên bản / Lần gửi column, or its title); null: none.';
comment on column submission_order.arrived_at is 'When the submission arrived (in a backfill: the file''s modification time).';
comment on column submission_order.modified_at is 'The file''s modification time when it was ingested.';
comment on column submission_order.recency is '1 for the latest submission of all, 2 the one before, ...: order by it (ascending) to put the submission that counts first.';

-- metric_figure_versions, restated over submission_order (same rows, same order)
create or replace view metric_figure_versions as
with figure_sets as (
    select * from metric_figure_sets
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
        o.recency
    from figure_sets s
    join metric_agency_keys a on a.id = s.agency_id
    join metric_indicator_keys i on i.id = s.indicator_id
    join metric_period_keys p on p.id = s.period_id
    join submission_order o on o.sha256 = s.source_sha256
),

ranked as (
    select
        *,
        row_number() over latest as rank,
        lag(source_sha256) over latest as superseded_by
    from identified
    window latest as (partition by province, agency, indicator, period order by recency)
)

select
    source_sha256, agency_id, indicator_id, period_id, province, agency, indicator, period,
    rank, rank = 1 as is_current, superseded_by
from ranked;
-- (a replaced view loses its comments: they are stated again)
comment on view metric_figure_versions is 'Every submission of every figure identity (province x agency x indicator x period) in order, latest first (submission_order); is_current marks the one the models count.';
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

-- Task progress: a report re-sent for the same plan task and period replaces the earlier
-- one (a report of a later period is another report: the mart takes the latest period).
create view progress_task_versions as
with reported as (  -- one row per report file x plan task x period
    select
        source_sha256,
        plan_sha256,
        task_code,
        coalesce(period_start || ' ' || period_end, period_raw) as period,
        max(source_row) as source_row
    from progress_rows
    where task_code is not null and plan_sha256 is not null
    group by all
),

ranked as (
    select
        r.*,
        row_number() over latest as rank,
        lag(r.source_sha256) over latest as superseded_by
    from reported r
    join submission_order o on o.sha256 = r.source_sha256
    window latest as (partition by r.plan_sha256, r.task_code, r.period order by o.recency)
)

select
    source_sha256, plan_sha256, task_code, period, source_row, rank, rank = 1 as is_current,
    superseded_by
from ranked;
comment on view progress_task_versions is 'Every report of every plan task x period in order, latest first (submission_order); is_current marks the report that counts for that period.';
comment on column progress_task_versions.source_sha256 is 'SHA-256 of the progress report file.';
comment on column progress_task_versions.plan_sha256 is 'The plan version the rows were matched against.';
comment on column progress_task_versions.task_code is 'The plan task reported on.';
comment on column progress_task_versions.period is 'The reporting period (first and last day), or as written when it did not parse.';
comment on column progress_task_versions.source_row is 'The file''s last row on this task and period (the one that counts within the file).';
comment on column progress_task_versions.rank is '1 for the latest report of the task and period, 2 the one before, ...';
comment on column progress_task_versions.is_current is 'True for the report that counts.';
comment on column progress_task_versions.superseded_by is 'SHA-256 of the report that replaced this one (null: current).';

create or replace view file_supersessions as
select distinct source_sha256 as old_sha256, superseded_by as new_sha256
from metric_figure_versions where superseded_by is not null
union
select distinct source_sha256, superseded_by
from progress_task_versions where superseded_by is not null
union
select sha256, superseded_by from documents where superseded_by is not null;
comment on view file_supersessions is 'Which file replaced which: figures of a metric report, the tasks of a progress report, or a plan version.';
comment on column file_supersessions.old_sha256 is 'SHA-256 of the replaced file.';
comment on column file_supersessions.new_sha256 is 'SHA-256 of the file that replaced it.';

-- progress reports stored before: what they superseded and what superseded them
update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from file_supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from file_supersessions where old_sha256 = m.sha256), []);

comment on column file_manifest.status is 'loaded | quarantined | superseded: a plan a newer version replaced, or a metric file or progress report that arrived superseded (an older version sent after the newer one: loaded, kept as history).';
