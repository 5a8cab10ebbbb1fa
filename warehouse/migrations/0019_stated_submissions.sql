-- 0019: what a submission states of itself decides more of which one counts.
--
-- The province a metric file's rows were written under. A figure's key holds the province
-- it resolves to at its period (Long An's 2025 report counts under Tây Ninh), so a former
-- province's report and the merged province's reached one key and the later silently
-- replaced the earlier. A submission corrects another only when both were written under
-- the same province; otherwise the later one's rows are a conflict, rejected at load
-- (warehouse/province_conflicts.py). Files loaded before this migration: null, taken as
-- their resolved province (reprocess reads them again).
alter table metric_agency_keys add column province_written varchar;
comment on column metric_agency_keys.province_written is 'Province the rows were written under (the Tỉnh value, else the title''s or file name''s), as that name means it before any succession: Long An in a 2025 report counted under Tây Ninh. Null: loaded before 0019 (taken as province).';

-- The date a submission states it was reported (a Ngày báo cáo column holding one date, or
-- the title's "..., ngày 20 tháng 01 năm 2024"). An older report that arrives later must
-- not replace a newer one. Per figure (and per task report): when EVERY submission of it
-- states a report date, the dates order them (a stated version still first; arrival,
-- modification time and hash break ties of one date); when any does not, they are ordered
-- as before (version, arrival, modification time). A rule on each pair alone ("dates when
-- both state one") has no consistent order over three: A dated 20/01 arrived first, B
-- undated second, C dated 10/01 third gives A > C, B > A, C > B.
alter table file_manifest add column reported_on date;
comment on column file_manifest.reported_on is 'Report date the file states (a Ngày báo cáo column holding one date, or its title''s dated line); null: none. Orders the submissions of a figure when all of them state one.';

create or replace view submission_order as
select
    sha256,
    version,
    coalesce(arrived_at, first_seen_at) as arrived_at,
    modified_at,
    reported_on,
    dense_rank() over (order by version desc nulls last) as by_version,
    row_number() over (
        order by version desc nulls last, coalesce(arrived_at, first_seen_at) desc,
            modified_at desc nulls last, sha256
    ) as recency
from file_manifest;
comment on view submission_order is 'Every file in the order submissions count: recency 1 is the latest (stated version, then arrival, then modification time; never the name). Which submission of a figure or a task report counts is decided by this order, and first by the stated report dates when every submission of it states one.';
comment on column submission_order.sha256 is 'SHA-256 of the file.';
comment on column submission_order.version is 'Version the file states (a Phiên bản / Lần gửi column, or its title); null: none.';
comment on column submission_order.arrived_at is 'When the submission arrived (in a backfill: the file''s modification time).';
comment on column submission_order.modified_at is 'The file''s modification time when it was ingested.';
comment on column submission_order.reported_on is 'Report date the file states; null: none.';
comment on column submission_order.by_version is '1 for the highest version stated, 2 the next, ...; files stating none come last: the first key of every order of submissions.';
comment on column submission_order.recency is '1 for the latest submission of all, 2 the one before, ...: order by it (ascending) to put the submission that counts first, where the stated report dates do not decide.';

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
        o.by_version,
        o.reported_on,
        o.recency
    from figure_sets s
    join metric_agency_keys a on a.id = s.agency_id
    join metric_indicator_keys i on i.id = s.indicator_id
    join metric_period_keys p on p.id = s.period_id
    join submission_order o on o.sha256 = s.source_sha256
),

dated as (  -- the stated dates order a figure's submissions when all of them state one
    select
        *,
        case when bool_and(reported_on is not null) over figure then reported_on end
            as stated
    from identified
    window figure as (partition by province, agency, indicator, period)
),

ranked as (
    select
        *,
        row_number() over latest as rank,
        lag(source_sha256) over latest as superseded_by
    from dated
    window latest as (
        partition by province, agency, indicator, period
        order by by_version, stated desc nulls last, recency
    )
)

select
    source_sha256, agency_id, indicator_id, period_id, province, agency, indicator, period,
    rank, rank = 1 as is_current, superseded_by
from ranked;
-- (a replaced view loses its comments: they are stated again)
comment on view metric_figure_versions is 'Every submission of every figure identity (province x agency x indicator x period) in order, latest first (the stated version, then the stated report dates when every submission states one, then submission_order); is_current marks the one the models count.';
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

create or replace view progress_task_versions as
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

dated as (  -- the stated dates order a task's reports when all of them state one
    select
        r.*,
        o.by_version,
        o.recency,
        case when bool_and(o.reported_on is not null) over task then o.reported_on end
            as stated
    from reported r
    join submission_order o on o.sha256 = r.source_sha256
    window task as (partition by r.plan_sha256, r.task_code, r.period)
),

ranked as (
    select
        *,
        row_number() over latest as rank,
        lag(source_sha256) over latest as superseded_by
    from dated
    window latest as (
        partition by plan_sha256, task_code, period
        order by by_version, stated desc nulls last, recency
    )
)

select
    source_sha256, plan_sha256, task_code, period, source_row, rank, rank = 1 as is_current,
    superseded_by
from ranked;
comment on view progress_task_versions is 'Every report of every plan task x period in order, latest first (the stated version, then the stated report dates when every report states one, then submission_order); is_current marks the report that counts for that period.';
comment on column progress_task_versions.source_sha256 is 'SHA-256 of the progress report file.';
comment on column progress_task_versions.plan_sha256 is 'The plan version the rows were matched against.';
comment on column progress_task_versions.task_code is 'The plan task reported on.';
comment on column progress_task_versions.period is 'The reporting period (first and last day), or as written when it did not parse.';
comment on column progress_task_versions.source_row is 'The file''s last row on this task and period (the one that counts within the file).';
comment on column progress_task_versions.rank is '1 for the latest report of the task and period, 2 the one before, ...';
comment on column progress_task_versions.is_current is 'True for the report that counts.';
comment on column progress_task_versions.superseded_by is 'SHA-256 of the report that replaced this one (null: current).';
