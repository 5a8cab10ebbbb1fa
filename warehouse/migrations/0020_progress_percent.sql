-- 0020: the completion percent a progress report gives (Tỷ lệ hoàn thành (%)).
--
-- extractors/progress/percent.py reads the column on the 0-100 scale (fractions of 1 and
-- words are rejected naming the column); a status its percent contradicts stays the one
-- that counts, with an extraction_issues warning (status_contradicts_percent). Stored as
-- reported so an analyst sees both.

alter table progress_rows add column percent_done decimal(5, 2);
comment on column progress_rows.percent_done is 'Tỷ lệ hoàn thành (%) as reported, 0-100; null: the report has no percent column or the cell is blank. The status counts; a status the percent contradicts is an extraction_issues warning (status_contradicts_percent).';
