-- 0009: task-progress reports (extractors/progress). One row per task a report gives a
-- status for, with its file and row; rejects beside them, as metric files have them.
create table progress_rows (
    source_sha256 varchar not null,
    source_row integer not null,
    province varchar,
    code varchar,
    task varchar,
    agency_raw varchar,
    status varchar not null,
    reason varchar,
    result varchar,
    completed_on date,
    evidence varchar,
    period_raw varchar,
    period_start date,
    period_end date,
    plan_sha256 varchar,
    task_code varchar,
    match_method varchar,
    agency_allowed boolean
);
comment on table progress_rows is 'Task progress as agencies report it: one row per task x report row (Báo cáo kết quả thực hiện kế hoạch CCHC).';
comment on column progress_rows.source_sha256 is 'SHA-256 of the progress report file.';
comment on column progress_rows.source_row is 'Row number in the file (the header is row 1 in a CSV without a title; 0-based data rows in Parquet start at 1).';
comment on column progress_rows.province is 'Province reported for (a province column, else the title rows).';
comment on column progress_rows.code is 'Task number as printed (Mã nhiệm vụ, STT).';
comment on column progress_rows.task is 'Task text as written (Nhiệm vụ).';
comment on column progress_rows.agency_raw is 'Reporting agency as written (Cơ quan).';
comment on column progress_rows.status is 'done | done_late | in_progress | not_started | cannot_do (Đã hoàn thành, Hoàn thành trễ hạn, Đang thực hiện, Chưa thực hiện, Không thực hiện được).';
comment on column progress_rows.reason is 'Why the task cannot be done (a Lý do column, or the text after the status).';
comment on column progress_rows.result is 'Kết quả thực hiện as written, when a separate column holds the status.';
comment on column progress_rows.completed_on is 'Ngày hoàn thành: when the task was completed.';
comment on column progress_rows.evidence is 'Văn bản/sản phẩm: the document or product that shows it (a document number).';
comment on column progress_rows.period_raw is 'Kỳ báo cáo as written (or the title row).';
comment on column progress_rows.period_start is 'First day of the reporting period.';
comment on column progress_rows.period_end is 'Last day of the reporting period (the report of the latest period wins).';
comment on column progress_rows.plan_sha256 is 'The plan version the row was matched against: the province''s plan for the year in force at period_end.';
comment on column progress_rows.task_code is 'The plan task reported on; null until matched (a row to review is in review_queue, kind task).';
comment on column progress_rows.match_method is 'code (the printed number) | mapping (task_mappings.csv, a reviewer''s decision) | text (a strong, unambiguous text match).';
comment on column progress_rows.agency_allowed is 'False: the reporting agency is neither the task''s lead nor a support, nor a member of a collective one (flagged).';

create table progress_rejects (
    source_sha256 varchar not null,
    source_row integer not null,
    reason varchar not null,
    raw_record varchar not null
);
comment on table progress_rejects is 'Progress report rows that could not be read, with the reason; the rest of the file loaded.';
comment on column progress_rejects.source_sha256 is 'SHA-256 of the progress report file.';
comment on column progress_rejects.source_row is 'Row number in the file.';
comment on column progress_rejects.reason is 'Why, naming the file, the row and the value (a status outside the five, a date that is not one).';
comment on column progress_rejects.raw_record is 'The row as JSON, header -> cell.';

comment on column file_manifest.kind is 'plan | metrics | progress | unknown (recognised by content, not by name: a table with a status column is a progress report).';
comment on column review_queue.kind is 'agency | indicator | task (a progress row naming no plan task for sure: add it to task_mappings.csv).';
