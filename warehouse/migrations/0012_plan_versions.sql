-- 0012 (issue 15). Plans have versions chosen on purpose: a document supersedes the current version of its
-- plan only when it is complete, and versions are ordered by issue date and number, then
-- by when they first arrived (never by file name or load order).
alter table documents add column complete boolean;
alter table documents add column fragment_reason varchar;
alter table documents add column arrived_at timestamp;

-- Documents loaded before: their body was not judged, so a numbered and dated one counts as
-- complete (it may have superseded another already); arrival is when it was loaded.
update documents
set complete = doc_number is not null and issued_date is not null,
    fragment_reason = case when doc_number is null then 'no document number'
                           when issued_date is null then 'no issue date' end,
    arrived_at = loaded_at;

comment on column documents.complete is 'True for a complete version (number, date, body, the appendices it announces with consistent totals): only a complete version supersedes the current one.';
comment on column documents.fragment_reason is 'Why a document is a fragment (a cover page, an annex alone, a draft without number); null when complete.';
comment on column documents.arrived_at is 'When the file first arrived (in a backfill its modification time): orders versions of the same issue date and number.';
