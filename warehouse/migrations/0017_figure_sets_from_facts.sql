-- 0017: the figures each metric file holds are read from its facts, not stored twice.
--
-- 0008 kept metric_figure_sets, one row per file x agency key x indicator key x period key,
-- written beside the facts: for a file of N rows, N more rows. But the judge keeps one fact
-- per key triple in a file (a row repeating a triple is a duplicate kept once, or a
-- conflict rejected: extractors/metrics/reasons.py, repeated_rows), so a file's figure
-- sets are its facts' key triples, one row each, and the file is its agency keys' (key ids
-- belong to one file). metric_figure_sets becomes a view over the facts with the same
-- columns and rows.
--
-- A warehouse may hold figure sets counting more than one fact (stored before the judge
-- kept one per triple): those files keep their figure sets as stored, in
-- metric_figure_counts, and the view reads them from there.

create table metric_figure_counts as
select * from metric_figure_sets
where source_sha256 in (select source_sha256 from metric_figure_sets where rows > 1);
comment on table metric_figure_counts is 'Figure sets of the metric files whose facts repeat a key triple (stored before 0017; files loaded since never do): one row per file x agency key x indicator key x period key, as metric_figure_sets had them.';
comment on column metric_figure_counts.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_figure_counts.agency_id is 'metric_agency_keys.id';
comment on column metric_figure_counts.indicator_id is 'metric_indicator_keys.id';
comment on column metric_figure_counts.period_id is 'metric_period_keys.id';
comment on column metric_figure_counts.rows is 'Rows of metric_facts with these keys.';

drop table metric_figure_sets;

create view metric_figure_sets as
select a.source_sha256, f.agency_id, f.indicator_id, f.period_id, 1::bigint as rows
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
where a.source_sha256 not in (select source_sha256 from metric_figure_counts)
union all
select source_sha256, agency_id, indicator_id, period_id, rows from metric_figure_counts;
comment on view metric_figure_sets is 'The figures each metric file holds: one row per file x agency key x indicator key x period key (what corrections are decided on), read from metric_facts.';
comment on column metric_figure_sets.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_figure_sets.agency_id is 'metric_agency_keys.id';
comment on column metric_figure_sets.indicator_id is 'metric_indicator_keys.id';
comment on column metric_figure_sets.period_id is 'metric_period_keys.id';
comment on column metric_figure_sets.rows is 'Rows of metric_facts with these keys.';
