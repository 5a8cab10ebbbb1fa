-- 0026: a phase plan's value for each year of a target (its "2026 | ... | 2030" columns).
--
-- extractors/parse_targets.py reads them into values_by_year; targets.value keeps only the
-- end year's, so an analyst could not ask what a target asks of 2027. One row per target
-- and year with a value printed; the text as printed ("80", "≥ 90%", "Hoàn thành").

create table target_year_values (
    source_sha256 varchar not null,
    province varchar,
    plan_year integer,
    target_code varchar not null,
    target_no integer not null,
    year integer not null,
    value varchar not null
);
comment on table target_year_values is 'A phase plan''s value for each year of a target (the table''s columns per year: 2026 | ... | 2030), one row per target and year; targets.value holds the end year''s only.';
comment on column target_year_values.source_sha256 is 'SHA-256 of the plan file.';
comment on column target_year_values.province is 'Province of the plan.';
comment on column target_year_values.plan_year is 'Year of the plan (its end year for a multi-year plan), as in targets.';
comment on column target_year_values.target_code is 'The target''s code in the plan (targets.code).';
comment on column target_year_values.target_no is 'The target''s targets.target_no.';
comment on column target_year_values.year is 'The year the column is for.';
comment on column target_year_values.value is 'The value as printed in that year''s cell ("80", "≥ 90%", "Hoàn thành").';
