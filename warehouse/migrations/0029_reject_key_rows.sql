-- 0029: a repeated key's reason lists its rows when it is read, not when it is stored.
--
-- A large file repeating a key with other figures rejects every row of the key with one
-- reason naming all of them ("conflicting values ... (rows 2, 1088002, 2176002)"). Stored
-- as text, a file repeating a million keys wrote a million reasons, each with its list.
-- Now such a reason is stored once per file as its wording with a place for the list
-- (lists_rows), and each row of a conflicting key - whether rejected for the conflict or
-- for a reason of its own - keeps the key's first row (key_row): metric_rejects lists a
-- key's rows, in number order, from the rows sharing it. What the view shows is unchanged.

drop view metric_rejects;

alter table metric_reject_reasons add column lists_rows boolean default false;
comment on column metric_reject_reasons.lists_rows is 'True: the reason is worded with {} where metric_rejects lists the rows of the row''s key (metric_reject_rows.key_row), in number order.';

alter table metric_reject_rows add column key_row bigint;
comment on column metric_reject_rows.key_row is 'For a row of a key rejected for conflicting values (loaded in slices): the key''s first row, which all its rows keep; null otherwise.';

create view metric_rejects as
select
    r.source_sha256,
    r.source_row,
    case when w.lists_rows then format(w.reason, k.key_rows) else w.reason end as reason,
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
join metric_reject_reasons w on w.source_sha256 = r.source_sha256 and w.reason_id = r.reason_id
left join (
    select source_sha256, key_row,
        array_to_string(list_sort(list(source_row)), ', ') as key_rows
    from metric_reject_rows
    where key_row is not null
    group by source_sha256, key_row
) k on w.lists_rows and k.source_sha256 = r.source_sha256 and k.key_row = r.key_row;

comment on view metric_rejects is 'Metric rows that failed validation, with the reason and the row as read (metric_reject_rows with their metric_reject_reasons; a repeated key''s reason lists the rows sharing its key_row).';
comment on column metric_rejects.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_rejects.source_row is 'Row number in the file.';
comment on column metric_rejects.reason is 'Why the row was rejected.';
comment on column metric_rejects.raw_record is 'The row as read, JSON.';
