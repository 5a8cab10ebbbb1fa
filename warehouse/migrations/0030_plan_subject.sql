-- 0030: a plan's subject is part of its identity (issuer x kind x topic x subject x period).
--
-- A province issues its annual PAR plan and, the same year, a plan on improving the index
-- it is judged on ("nâng cao Chỉ số CCHC (PAR INDEX)", SIPAS, PAPI) or on one part of the
-- reform (cải cách TTHC, kiểm soát TTHC): each stands on its own. Before, the later of the
-- two superseded the other, whose targets and tasks left the marts.
--
-- subject is read from the stored title with extractors/plan_subject.py's patterns (the
-- same text: a test holds them equal): the title folded as fold() does (lower case, no
-- marks, đ -> d, punctuation to spaces), cut where a re-issue names the plan it replaces.
alter table documents add column subject varchar;
comment on column documents.subject is 'What the plan is about within its topic, from its title (part of its identity): whole (the annual or phase plan of the whole work), index:KEYS (improving the indexes named: par, sipas, papi, pci, ddci, dti), part:KEYS (one part of the reform: procedures, procedure_control, one_stop, apparatus, ...) or activity:KEY (tuyên truyền / kiểm tra CCHC).';

update documents set subject = s.subject
from (
    select
        sha256,
        case
            when regexp_matches(f, '\btuyen truyen (?:\w+ ){0,3}?(?:cai cach hanh chinh|cchc)\b')
                then 'activity:communication'
            when regexp_matches(f, '\bkiem tra (?:\w+ ){0,3}?(?:cai cach hanh chinh|cchc)\b')
                then 'activity:inspection'
            when regexp_matches(unnamed, '\b(?:cai cach hanh chinh|cchc)\b') then 'whole'
            when indexes <> '' then 'index:' || indexes
            when parts <> '' then 'part:' || parts
            else 'whole'
        end as subject
    from (
        select
            sha256,
            f,
            -- the reform's name inside an index's name is not the reform
            regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                regexp_replace(f,
                '\bpar ?index\b|\bchi so (?:cai cach hanh chinh|cchc)\b', ' ', 'g'),
                '\bsipas\b|\bchi so hai long\b|\bdo luong (?:\w+ ){0,2}?hai long\b', ' ', 'g'),
                '\bpapi\b|\bchi so hieu qua quan tri\b', ' ', 'g'),
                '\bpci\b|\bchi so nang luc canh tranh cap tinh\b', ' ', 'g'),
                '\bddci\b', ' ', 'g'),
                '\bdti\b|\bchi so chuyen doi so\b', ' ', 'g') as unnamed,
            -- keys in sorted order, as plan_subject joins them
            concat_ws('+',
                case when regexp_matches(f, '\bddci\b') then 'ddci' end,
                case when regexp_matches(f, '\bdti\b|\bchi so chuyen doi so\b') then 'dti' end,
                case when regexp_matches(f, '\bpapi\b|\bchi so hieu qua quan tri\b')
                    then 'papi' end,
                case when regexp_matches(f, '\bpar ?index\b|\bchi so (?:cai cach hanh chinh|cchc)\b')
                    then 'par' end,
                case when regexp_matches(f, '\bpci\b|\bchi so nang luc canh tranh cap tinh\b')
                    then 'pci' end,
                case when regexp_matches(
                    f, '\bsipas\b|\bchi so hai long\b|\bdo luong (?:\w+ ){0,2}?hai long\b')
                    then 'sipas' end
            ) as indexes,
            concat_ws('+',
                case when regexp_matches(f, '\bcai cach (?:to chuc )?bo may\b') then 'apparatus' end,
                case when regexp_matches(f, '\bcai cach (?:che do )?cong vu\b')
                    then 'civil_service' end,
                case when regexp_matches(f, '\bcai cach the che\b') then 'institutions' end,
                case when regexp_matches(f, '\bmot cua\b') then 'one_stop' end,
                case when regexp_matches(f, '\bkiem soat (?:thu tuc hanh chinh|tthc)\b')
                    then 'procedure_control' end,
                case when regexp_matches(f, '\bcai cach (?:thu tuc hanh chinh|tthc)\b')
                    then 'procedures' end,
                case when regexp_matches(f, '\bcai cach tai chinh cong\b') then 'public_finance' end
            ) as parts
        from (
            select
                sha256,
                regexp_replace(
                    trim(regexp_replace(
                        strip_accents(replace(lower(coalesce(title, '')), 'đ', 'd')),
                        '[^a-z0-9_%&]+', ' ', 'g')),
                    '\bthay the\b.*$', '') as f
            from documents
        )
    )
) s
where documents.sha256 = s.sha256;

-- A document superseded by one of another subject was superseded by another plan: it is
-- back in force when its own plan has no current version (the best of such documents of
-- one plan: complete, then latest issue, highest number, latest arrival), else it is
-- superseded by that current version. A plan is told by its identity's values as one key
-- (the issuer compared without case and marks, the province for a row without one).
create temp table plan_keys as
select
    sha256,
    is_current,
    concat_ws('|', coalesce(kind, ''), coalesce(topic, ''), coalesce(subject, ''),
              coalesce(cast(period_start as varchar), ''),
              coalesce(cast(period_end as varchar), ''),
              coalesce(strip_accents(lower(issuer)), province, '')) as plan_key
from documents;

create temp table wrongly_superseded as
select
    d.sha256,
    k.plan_key,
    row_number() over (
        partition by k.plan_key
        order by coalesce(d.complete, false) desc, coalesce(d.issued_date, '') desc,
                 coalesce(try_cast(regexp_extract(d.doc_number, '^\s*(\d+)', 1) as integer), -1) desc,
                 d.arrived_at desc nulls last, d.sha256
    ) as rank,
    (select max(c.sha256) from plan_keys c where c.is_current and c.plan_key = k.plan_key)
        as current_version
from documents d
join plan_keys k on k.sha256 = d.sha256
join documents s on s.sha256 = d.superseded_by
where not d.is_current and s.subject is distinct from d.subject;

update documents set is_current = true, superseded_by = null
where sha256 in (
    select sha256 from wrongly_superseded where current_version is null and rank = 1
);

update documents set superseded_by = w.replaced_by
from (
    select w.sha256, coalesce(w.current_version, first.sha256) as replaced_by
    from wrongly_superseded w
    join wrongly_superseded first on first.plan_key = w.plan_key and first.rank = 1
    where w.current_version is not null or w.rank > 1
) w
where documents.sha256 = w.sha256;

-- the files of the plans back in force are loaded again (as parplan make-current does)
update file_manifest set status = 'loaded'
where status = 'superseded' and sha256 in (select sha256 from documents where is_current);

drop table wrongly_superseded;
drop table plan_keys;
