-- 0018: which sheet of a workbook a manifest row read.
--
-- `parplan ingest --sheet NAME` loads a sheet other than the workbook's default: of a new
-- workbook under the workbook's hash, of a workbook loaded already as a file of its own
-- (raw_store.sheet_identity). `parplan reprocess` re-reads a stored file from the raw
-- store and must read the same sheet again; without the name it read the default one.

alter table file_manifest add column sheet varchar;
comment on column file_manifest.sheet is 'The worksheet of an XLSX file this row read, as named with --sheet; null: the workbook''s default sheet (the visible, active one), or not a workbook. parplan reprocess reads the same sheet again.';
