-- 0028: a rejected metric row points at its reason, stored once; its cells are kept one
-- column each. metric_rejects becomes a view with the same columns and rows.
--
-- A file repeating a key with other figures rejects every row of the key with one reason
-- naming all of them ("conflicting values ... (rows 2, 1088002, 2176002)"): a file
-- repeating millions of keys stored that text once per row, and each row as read as one
-- JSON text, every one different. Both were most of the cost of loading such a file.
-- Now each reason is stored once per file (metric_reject_reasons; a reason of the row's
-- own found in slices of a very large file may be stored again per slice, see
-- warehouse/metric_rejects.py), and each cell of the row as read is its own column, whose
-- values repeat (a province, an agency, a period): the view joins the JSON back.
--
-- Rejects stored before keep their row as read as it was stored (record_json), whatever
-- its shape; their reasons are stored once per file like the new ones'.

create table metric_reject_reasons (
    source_sha256 varchar not null,
    reason_id bigint not null,
    reason varchar not null
);
comment on table metric_reject_reasons is 'Why metric rows were rejected: each reason once per file (a reason naming a repeated key''s rows, once for all of them); metric_reject_rows point at them, metric_rejects reads them together.';
comment on column metric_reject_reasons.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_reject_reasons.reason_id is 'The reason''s number within the file (metric_reject_rows.reason_id).';
comment on column metric_reject_reasons.reason is 'Why the rows were rejected.';

create table metric_reject_rows (
    source_sha256 varchar not null,
    source_row bigint not null,
    reason_id bigint not null,
    province_json varchar,
    agency_json varchar,
    indicator_json varchar,
    period_json varchar,
    numerator_json varchar,
    denominator_json varchar,
    value_json varchar,
    unit_json varchar,
    record_json varchar
);
comment on table metric_reject_rows is 'Metric rows that failed validation: the row, its reason (metric_reject_reasons) and its cells as read; metric_rejects reads them with the reason and the row as JSON.';
comment on column metric_reject_rows.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_reject_rows.source_row is 'Row number in the file.';
comment on column metric_reject_rows.reason_id is 'metric_reject_reasons.reason_id of the same file.';
comment on column metric_reject_rows.province_json is 'The province as read, as JSON (a quoted text, or null); null: not in the row as read.';
comment on column metric_reject_rows.agency_json is 'The agency as written, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.indicator_json is 'The indicator as written, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.period_json is 'The period as written, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.numerator_json is 'Tử số as a person reads it in the file, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.denominator_json is 'Mẫu số as a person reads it in the file, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.value_json is 'The value as a person reads it in the file, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.unit_json is 'The unit as written, as JSON; null: not in the row as read.';
comment on column metric_reject_rows.record_json is 'The row as read, JSON, as stored before 0028 (null for rows rejected since, read from the columns above).';

insert into metric_reject_reasons
select source_sha256, row_number() over (partition by source_sha256 order by min(n)) - 1, reason
from (select *, rowid as n from metric_rejects)
group by source_sha256, reason;

insert into metric_reject_rows (source_sha256, source_row, reason_id, record_json)
select r.source_sha256, r.source_row, w.reason_id, r.raw_record
from (select *, rowid as n from metric_rejects) r
join metric_reject_reasons w on w.source_sha256 = r.source_sha256 and w.reason = r.reason
order by r.n;

drop table metric_rejects;

create view metric_rejects as
select
    r.source_sha256,
    r.source_row,
    w.reason,
    coalesce(
        r.record_json,
        '{' || nullif(concat_ws(', ',
            '"province": ' || r.province_json,
            '"agency": ' || r.agency_json,
            '"indicator": ' || r.indicator_json,
            '"period": ' || r.period_json,
            '"numerator": ' || r.numerator_json,
            '"denominator": ' || r.denominator_json,
            '"value": ' || r.value_json,
            '"unit": ' || r.unit_json
        ), '') || '}'
    ) as raw_record
from metric_reject_rows r
join metric_reject_reasons w on w.source_sha256 = r.source_sha256 and w.reason_id = r.reason_id;

comment on view metric_rejects is 'Metric rows that failed validation, with the reason and the row as read (metric_reject_rows with their metric_reject_reasons).';
comment on column metric_rejects.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_rejects.source_row is 'Row number in the file.';
comment on column metric_rejects.reason is 'Why the row was rejected.';
comment on column metric_rejects.raw_record is 'The row as read, JSON.';
