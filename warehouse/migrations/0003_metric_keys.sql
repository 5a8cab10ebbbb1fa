-- 0003: metric figures as a narrow fact table plus per-file key tables.
--
-- A 10-million-row file repeats a few hundred agency, indicator and period strings millions
-- of times. Each file's distinct strings (and what they resolve to) become key rows; the
-- fact table keeps integer ids and the numbers. metric_observations is now a view with the
-- columns it had, so queries, marts and exports read it as before. Resolving a string
-- after an alias is added updates one key row, not every figure.

create table metric_agency_keys (
    id bigint not null,
    source_sha256 varchar not null,
    province varchar,
    agency_raw varchar,
    agency_code varchar
);
comment on table metric_agency_keys is 'Agencies as written in one metric file (one row per distinct province x agency string), and the registry code they resolve to.';
comment on column metric_agency_keys.id is 'Key referenced by metric_facts.agency_id (unique across files).';
comment on column metric_agency_keys.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_agency_keys.province is 'Province reported for (from the file, else the title row or the agencies).';
comment on column metric_agency_keys.agency_raw is 'Agency as written in the file.';
comment on column metric_agency_keys.agency_code is 'Agency registry code; null until the review queue resolves agency_raw.';

create table metric_indicator_keys (
    id bigint not null,
    source_sha256 varchar not null,
    indicator_raw varchar not null,
    unit varchar,
    indicator_code varchar
);
comment on table metric_indicator_keys is 'Indicators (and units) as written in one metric file, and the catalog code they resolve to.';
comment on column metric_indicator_keys.id is 'Key referenced by metric_facts.indicator_id (unique across files).';
comment on column metric_indicator_keys.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_indicator_keys.indicator_raw is 'Indicator as written in the file (a code, a name, or a wide header).';
comment on column metric_indicator_keys.unit is 'Unit as reported.';
comment on column metric_indicator_keys.indicator_code is 'Indicator code; null until the review queue resolves indicator_raw.';

create table metric_period_keys (
    id bigint not null,
    source_sha256 varchar not null,
    period_raw varchar,
    period_kind varchar,
    period_start date,
    period_end date,
    year integer
);
comment on table metric_period_keys is 'Periods as written in one metric file, and what they mean.';
comment on column metric_period_keys.id is 'Key referenced by metric_facts.period_id (unique across files).';
comment on column metric_period_keys.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_period_keys.period_raw is 'Period as written (or taken from the title row / file name).';
comment on column metric_period_keys.period_kind is 'year | half | quarter | months.';
comment on column metric_period_keys.period_start is 'First day of the period.';
comment on column metric_period_keys.period_end is 'Last day of the period.';
comment on column metric_period_keys.year is 'Calendar year of the period.';

create table metric_facts (
    agency_id bigint not null,
    indicator_id bigint not null,
    period_id bigint not null,
    source_row bigint not null,
    numerator double,
    denominator double,
    value double
);
comment on table metric_facts is 'Figures agencies reported, one row per file row that passed validation; read them through the metric_observations view.';
comment on column metric_facts.agency_id is 'metric_agency_keys.id';
comment on column metric_facts.indicator_id is 'metric_indicator_keys.id';
comment on column metric_facts.period_id is 'metric_period_keys.id';
comment on column metric_facts.source_row is 'Row number in the file (the header is row 1 in a CSV).';
comment on column metric_facts.numerator is 'Tử số: count meeting the indicator (ratios aggregate as sum/sum).';
comment on column metric_facts.denominator is 'Mẫu số: count in scope.';
comment on column metric_facts.value is 'Reported value, else 100 x numerator / denominator (a share in percent).';

-- figures loaded before this migration move into the new tables
insert into metric_agency_keys
select row_number() over (order by source_sha256, province, agency_raw) - 1,
       source_sha256, province, agency_raw, agency_code
from (select distinct source_sha256, province, agency_raw, agency_code from metric_observations);

insert into metric_indicator_keys
select row_number() over (order by source_sha256, indicator_raw, unit) - 1,
       source_sha256, indicator_raw, unit, indicator_code
from (select distinct source_sha256, indicator_raw, unit, indicator_code from metric_observations);

insert into metric_period_keys
select row_number() over (order by source_sha256, period_raw) - 1,
       source_sha256, period_raw, period_kind, period_start, period_end, year
from (select distinct source_sha256, period_raw, period_kind, period_start, period_end, year
      from metric_observations);

insert into metric_facts
select a.id, i.id, p.id, o.source_row, o.numerator, o.denominator, o.value
from metric_observations o
join metric_agency_keys a on a.source_sha256 = o.source_sha256
    and a.province is not distinct from o.province
    and a.agency_raw is not distinct from o.agency_raw
    and a.agency_code is not distinct from o.agency_code
join metric_indicator_keys i on i.source_sha256 = o.source_sha256
    and i.indicator_raw = o.indicator_raw and i.unit is not distinct from o.unit
    and i.indicator_code is not distinct from o.indicator_code
join metric_period_keys p on p.source_sha256 = o.source_sha256
    and p.period_raw is not distinct from o.period_raw
    and p.period_kind is not distinct from o.period_kind
    and p.year is not distinct from o.year
    and p.period_start is not distinct from o.period_start;

drop table metric_observations;

create view metric_observations as
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
    f.value,
    i.unit
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
join metric_indicator_keys i on i.id = f.indicator_id
join metric_period_keys p on p.id = f.period_id;

comment on view metric_observations is 'Figures agencies reported: one row per agency x indicator x period x file row (metric_facts with its keys).';
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
