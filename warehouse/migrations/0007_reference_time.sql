-- Reference data with time (issue 17): units in force over a span of days and the
-- successions between them, so that figures and plans from before the 2025
-- reorganisation line up with the units of today.
alter table agencies add column valid_from date;
alter table agencies add column valid_to date;
alter table agencies add column source varchar;
comment on column agencies.valid_from is 'First day the agency is in force (null: since before the data).';
comment on column agencies.valid_to is 'Last day the agency is in force (null: in force).';
comment on column agencies.source is 'The official text the row rests on.';

create table provinces (
    code varchar not null,
    name varchar not null,
    kind varchar not null,
    valid_from date,
    valid_to date,
    successors varchar[],
    aliases varchar[],
    source varchar not null
);
comment on table provinces is 'Provincial units with time (reference/provinces.csv): the 63 before and the 34 from 01/07/2025 (Nghị quyết 202/2025/QH15).';
comment on column provinces.code is 'Stable code; a unit formed on 01/07/2025 has the suffix _2025 (old and new Tây Ninh share a name).';
comment on column provinces.name is 'Name without the kind word (Tây Ninh, Hồ Chí Minh).';
comment on column provinces.kind is 'tinh | thanh_pho (a city under the central government).';
comment on column provinces.valid_from is 'First day in force (null: since before the data).';
comment on column provinces.valid_to is 'Last day in force (null: in force).';
comment on column provinces.successors is 'Codes of the unit(s) it was merged into.';
comment on column provinces.aliases is 'Other spellings matched exactly.';
comment on column provinces.source is 'The official text the row rests on.';

create table levels (
    code varchar not null,
    name varchar not null,
    valid_from date,
    valid_to date,
    source varchar not null
);
comment on table levels is 'Levels of government with time (reference/levels.csv): cấp huyện ends on 30/06/2025.';
comment on column levels.code is 'trung_uong | tinh | huyen | xa.';
comment on column levels.name is 'Vietnamese name.';
comment on column levels.valid_from is 'First day in force (null: since before the data).';
comment on column levels.valid_to is 'Last day in force (null: in force).';
comment on column levels.source is 'The official text the row rests on.';

create table agency_successors (
    predecessor varchar not null,
    successor varchar not null,
    province varchar,
    main boolean not null,
    functions varchar,
    source varchar not null
);
comment on table agency_successors is 'Where an agency went (reference/agency_successors.csv): a merger is several rows with one successor, a split of functions several rows with one predecessor.';
comment on column agency_successors.predecessor is 'Code of the agency that ended.';
comment on column agency_successors.successor is 'Code of an agency that took over (some of) its functions.';
comment on column agency_successors.province is 'Null: in every province; else this province only (it replaces the generic rows there).';
comment on column agency_successors.main is 'The successor that took the bulk of the functions: the one a scorecard follows.';
comment on column agency_successors.functions is 'The functions this successor took.';
comment on column agency_successors.source is 'The official text the row rests on.';

create table agency_lineage (
    code varchar not null,
    province varchar,
    current_code varchar not null,
    path varchar not null
);
comment on table agency_lineage is 'Each agency and the agency it lives on in today, following main successors (derived from agency_successors on load).';
comment on column agency_lineage.code is 'Agency code as resolved at the document''s date.';
comment on column agency_lineage.province is 'Null: the generic lineage; else the lineage in this province where it differs.';
comment on column agency_lineage.current_code is 'The agency in force today that carries its functions on.';
comment on column agency_lineage.path is 'The chain, e.g. so_tttt -> so_khcn_2025 (equal codes: unchanged).';

create table province_lineage (
    code varchar not null,
    current_code varchar not null,
    current_name varchar not null,
    path varchar not null
);
comment on table province_lineage is 'Each provincial unit and the unit it belongs to today (derived from provinces on load).';
comment on column province_lineage.code is 'Province code of the data''s time.';
comment on column province_lineage.current_code is 'The provincial unit in force today that it is part of.';
comment on column province_lineage.current_name is 'That unit''s name.';
comment on column province_lineage.path is 'The chain, e.g. long_an -> tay_ninh_2025.';
