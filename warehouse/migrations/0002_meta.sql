-- 0002: small key/value facts about the warehouse itself (reference data fingerprint ...).
create table meta (
    key varchar primary key,
    value varchar not null,
    updated_at timestamp not null
);
comment on table meta is 'Facts about the warehouse itself, e.g. the fingerprint of the reference data loaded.';
comment on column meta.key is 'Name of the fact.';
comment on column meta.value is 'Its value.';
comment on column meta.updated_at is 'When it was last set (UTC).';
