-- 0010: which version of its reader each file was read with, so that files read before a
-- fix can be re-read from the raw store (parplan reprocess). Files stored before this
-- migration were read by a version older than any numbered one: null.
alter table file_manifest add column parser_version integer;
comment on column file_manifest.parser_version is 'Version of the reader the file was read with (extractors/versions.py); null: before versions were counted. parplan reprocess re-reads older ones.';
