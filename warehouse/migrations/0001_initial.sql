-- 0001: the warehouse's first schema. Big fact tables carry no PRIMARY KEY/UNIQUE (a key
-- makes every bulk load maintain an index row by row); uniqueness per source file is kept by delete-then-insert
-- in one transaction and checked by the models' dbt tests (unique_grain in sql/models/*/_*.yml),
-- which Dagster runs as asset checks of those models.

create table file_manifest (
    sha256 varchar primary key,
    original_path varchar not null,
    kind varchar not null,
    size_bytes bigint not null,
    status varchar not null,
    rows_loaded bigint,
    error varchar,
    raw_path varchar,
    first_seen_at timestamp not null,
    updated_at timestamp not null
);
comment on table file_manifest is 'One row per distinct input file (by content) ever seen: what it was, what became of it.';
comment on column file_manifest.sha256 is 'SHA-256 of the file bytes: the file''s identity everywhere in the warehouse.';
comment on column file_manifest.original_path is 'Path the file was last submitted under.';
comment on column file_manifest.kind is 'plan | metrics | unknown (recognised by content, not by name).';
comment on column file_manifest.size_bytes is 'File size in bytes.';
comment on column file_manifest.status is 'loaded | quarantined | superseded (a newer version of the same plan replaced it).';
comment on column file_manifest.rows_loaded is 'Records loaded from the file (targets + tasks for a plan, observations for metrics).';
comment on column file_manifest.error is 'Why the file was quarantined, naming the place in the file.';
comment on column file_manifest.raw_path is 'Content-addressed copy in the raw store (the warehouse can be rebuilt from it).';
comment on column file_manifest.first_seen_at is 'When the content was first submitted (UTC).';
comment on column file_manifest.updated_at is 'When the status last changed (UTC).';

create table quarantine (
    sha256 varchar not null,
    original_path varchar not null,
    reason varchar not null,
    quarantined_at timestamp not null
);
comment on table quarantine is 'Files that could not be loaded, with the reason; nothing of them reached the other tables.';
comment on column quarantine.sha256 is 'SHA-256 of the file bytes.';
comment on column quarantine.original_path is 'Path the file was submitted under.';
comment on column quarantine.reason is 'A clear reason naming the file and the place in it.';
comment on column quarantine.quarantined_at is 'When (UTC).';

create table documents (
    sha256 varchar not null,
    format varchar not null,
    province varchar,
    plan_year integer,
    doc_number varchar,
    issued_date varchar,
    effective_date date,
    signer varchar,
    title varchar,
    stated_areas integer,
    stated_targets integer,
    is_current boolean not null,
    superseded_by varchar,
    loaded_at timestamp not null
);
comment on table documents is 'One row per loaded plan decision (a new version of the same province and year supersedes the old, which stays as history).';
comment on column documents.sha256 is 'SHA-256 of the source file.';
comment on column documents.format is 'text | pdf | docx.';
comment on column documents.province is 'Province whose People''s Committee issued the plan.';
comment on column documents.plan_year is 'Year the PAR plan is for.';
comment on column documents.doc_number is 'Decision number such as 3546/QĐ-UBND; null when the draft leaves it blank.';
comment on column documents.issued_date is 'Issue date, ISO, possibly partial (2021-12) when the draft leaves the day blank.';
comment on column documents.effective_date is 'Date the decision takes effect.';
comment on column documents.signer is 'Name of the signing official.';
comment on column documents.title is 'Subject line of the decision.';
comment on column documents.stated_areas is 'Number of target areas the document states about itself.';
comment on column documents.stated_targets is 'Number of targets the document states about itself.';
comment on column documents.is_current is 'True for the version of the plan in force (latest loaded for its province and year).';
comment on column documents.superseded_by is 'SHA-256 of the version that replaced this one.';
comment on column documents.loaded_at is 'When the file was loaded (UTC).';

create table legal_references (
    source_sha256 varchar not null,
    number varchar not null,
    kind varchar,
    issuer varchar,
    ref_date date,
    line integer
);
comment on table legal_references is 'Legal documents a plan cites (one row per distinct number per plan).';
comment on column legal_references.source_sha256 is 'SHA-256 of the citing plan file.';
comment on column legal_references.number is 'Number as written: 76/NQ-CP, 130/2005/NĐ-CP, 21-NQ/TU.';
comment on column legal_references.kind is 'Document kind: NQ (resolution), QĐ (decision), NĐ (decree), CTr (programme) ...';
comment on column legal_references.issuer is 'Issuer suffix: CP (Government), TTg (Prime Minister), UBND, TU, TW, SNV ...';
comment on column legal_references.ref_date is 'Date of the cited document when the citation gives one.';
comment on column legal_references.line is 'Line (text) where it is first cited.';

create table targets (
    source_sha256 varchar not null,
    province varchar,
    plan_year integer,
    target_no integer not null,
    area_no integer,
    area varchar,
    text varchar not null,
    note varchar,
    measurable boolean not null,
    line integer,
    page integer
);
comment on table targets is 'Phụ lục 1: the numbered targets of a plan.';
comment on column targets.source_sha256 is 'SHA-256 of the plan file.';
comment on column targets.province is 'Province of the plan.';
comment on column targets.plan_year is 'Year of the plan.';
comment on column targets.target_no is 'Target number in Phụ lục 1.';
comment on column targets.area_no is 'Target area (group I..VI) as a number.';
comment on column targets.area is 'Target area title.';
comment on column targets.text is 'Full target text, page-break continuations joined.';
comment on column targets.note is 'Ghi chú column.';
comment on column targets.measurable is 'False for qualitative targets (no measure).';
comment on column targets.line is 'Source line (text rendering).';
comment on column targets.page is 'Source page (PDF).';

create table target_measures (
    source_sha256 varchar not null,
    province varchar,
    plan_year integer,
    target_no integer,
    measure_no integer not null,
    origin varchar not null,
    value double,
    unit varchar,
    comparator varchar not null,
    level varchar,
    subject varchar,
    scope varchar,
    indicator_code varchar,
    indicator_method varchar,
    baseline_year integer,
    condition varchar,
    parent_measure_no integer,
    clause varchar
);
comment on table target_measures is 'Measurable thresholds parsed from targets: one row per value (a target with three levels has three rows).';
comment on column target_measures.source_sha256 is 'SHA-256 of the plan file.';
comment on column target_measures.province is 'Province of the plan.';
comment on column target_measures.plan_year is 'Year of the plan.';
comment on column target_measures.target_no is 'Target number (null for targets stated in the plan body).';
comment on column target_measures.measure_no is 'Measure number within the target (or within the body target list).';
comment on column target_measures.origin is 'appendix (Phụ lục 1) | body (the plan text).';
comment on column target_measures.value is 'Threshold value (null for a decrease without a figure).';
comment on column target_measures.unit is 'Unit of value: % ...';
comment on column target_measures.comparator is '>= | <= | < | decrease (against baseline_year).';
comment on column target_measures.level is 'Administrative level the measure applies to: tinh | huyen | xa; null for all.';
comment on column target_measures.subject is 'Words naming what is measured.';
comment on column target_measures.scope is 'Sectors the measure is limited to (lĩnh vực ...).';
comment on column target_measures.indicator_code is 'Indicator catalog code; null until the review queue resolves it.';
comment on column target_measures.indicator_method is 'How the indicator was found: alias | fuzzy | inherited.';
comment on column target_measures.baseline_year is 'Year a decrease is measured against.';
comment on column target_measures.condition is 'Condition on the target, e.g. khi có hướng dẫn của Trung ương.';
comment on column target_measures.parent_measure_no is 'Measure this one refines (trong số đó ...).';
comment on column target_measures.clause is 'The clause of the target text the measure came from.';

create table target_agencies (
    source_sha256 varchar not null,
    target_no integer not null,
    role varchar not null,
    position integer not null,
    agency_code varchar,
    agency_name varchar not null,
    raw varchar not null
);
comment on table target_agencies is 'Lead and supporting agencies of each target, one row per agency.';
comment on column target_agencies.source_sha256 is 'SHA-256 of the plan file.';
comment on column target_agencies.target_no is 'Target number.';
comment on column target_agencies.role is 'lead | support.';
comment on column target_agencies.position is 'Order within the cell, from 1.';
comment on column target_agencies.agency_code is 'Agency registry code; null when unmatched (see review_queue).';
comment on column target_agencies.agency_name is 'Canonical name (or the cleaned text when unmatched).';
comment on column target_agencies.raw is 'The piece of cell text it came from.';

create table tasks (
    source_sha256 varchar not null,
    province varchar,
    plan_year integer,
    code varchar not null,
    area_no integer,
    area varchar,
    description varchar,
    products varchar[],
    timeframe_text varchar,
    start_date date,
    end_date date,
    timeframe_kind varchar,
    budget_million_vnd decimal(18, 3),
    budget_note varchar,
    line integer,
    page integer
);
comment on table tasks is 'Phụ lục 2: the task assignment table.';
comment on column tasks.source_sha256 is 'SHA-256 of the plan file.';
comment on column tasks.province is 'Province of the plan.';
comment on column tasks.plan_year is 'Year of the plan.';
comment on column tasks.code is 'Task code such as 1.12.';
comment on column tasks.area_no is 'Area number (the part of the code before the dot).';
comment on column tasks.area is 'Area title (Nội dung CCHC).';
comment on column tasks.description is 'Nhiệm vụ cụ thể, continuations joined.';
comment on column tasks.products is 'Sản phẩm as a list.';
comment on column tasks.timeframe_text is 'Thời gian thực hiện as written.';
comment on column tasks.start_date is 'Resolved start of the timeframe.';
comment on column tasks.end_date is 'Resolved end of the timeframe.';
comment on column tasks.timeframe_kind is 'period | recurring | conditional | unspecified.';
comment on column tasks.budget_million_vnd is 'Planned budget in million VND; null when the cell holds a note or nothing.';
comment on column tasks.budget_note is 'Budget cell text when it is not an amount (e.g. dự trù kinh phí riêng).';
comment on column tasks.line is 'Source line (text rendering).';
comment on column tasks.page is 'Source page (PDF).';

create table task_agencies (
    source_sha256 varchar not null,
    task_code varchar not null,
    role varchar not null,
    position integer not null,
    agency_code varchar,
    agency_name varchar not null,
    raw varchar not null
);
comment on table task_agencies is 'Lead and coordinating agencies of each task, one row per agency.';
comment on column task_agencies.source_sha256 is 'SHA-256 of the plan file.';
comment on column task_agencies.task_code is 'Task code.';
comment on column task_agencies.role is 'lead | support.';
comment on column task_agencies.position is 'Order within the cell, from 1.';
comment on column task_agencies.agency_code is 'Agency registry code; null when unmatched (see review_queue).';
comment on column task_agencies.agency_name is 'Canonical name (or the cleaned text when unmatched).';
comment on column task_agencies.raw is 'The piece of cell text it came from.';

create table extraction_issues (
    source_sha256 varchar not null,
    severity varchar not null,
    code varchar not null,
    message varchar not null,
    line integer,
    page integer,
    row_no integer
);
comment on table extraction_issues is 'Every anomaly met in a document: repairs made, cells not placed, totals that disagree.';
comment on column extraction_issues.source_sha256 is 'SHA-256 of the file.';
comment on column extraction_issues.severity is 'info (repaired) | warning (doubtful) | error (data lost or wrong).';
comment on column extraction_issues.code is 'Machine-readable kind, e.g. row_continuation_merged.';
comment on column extraction_issues.message is 'What happened, in words.';
comment on column extraction_issues.line is 'Source line where known.';
comment on column extraction_issues.page is 'Source page where known.';
comment on column extraction_issues.row_no is 'Table row where known.';

create table agencies (
    code varchar not null,
    name varchar not null,
    kind varchar not null,
    level varchar,
    province varchar,
    aliases varchar[]
);
comment on table agencies is 'Agency registry (reference/agencies.csv, overridable per deployment).';
comment on column agencies.code is 'Stable agency code.';
comment on column agencies.name is 'Canonical Vietnamese name.';
comment on column agencies.kind is 'department | district_committee | collective | public_unit | central_branch ...';
comment on column agencies.level is 'tinh | huyen | xa.';
comment on column agencies.province is 'Province for province-specific agencies; null for generic ones.';
comment on column agencies.aliases is 'Spellings and abbreviations matched exactly.';

create table indicators (
    code varchar not null,
    name_vi varchar not null,
    unit varchar,
    direction varchar,
    aggregation varchar,
    aliases varchar[]
);
comment on table indicators is 'Indicator catalog (reference/indicators.csv).';
comment on column indicators.code is 'Stable indicator code.';
comment on column indicators.name_vi is 'Vietnamese name.';
comment on column indicators.unit is '% | count | score.';
comment on column indicators.direction is 'up (higher is better) | down.';
comment on column indicators.aggregation is 'ratio_of_sums | mean | latest | count: how agency figures roll up.';
comment on column indicators.aliases is 'Phrases matched in target texts and metric headers.';

create table metric_observations (
    source_sha256 varchar not null,
    source_row bigint not null,
    province varchar,
    agency_code varchar,
    agency_raw varchar,
    indicator_code varchar,
    indicator_raw varchar not null,
    period_raw varchar,
    period_kind varchar,
    period_start date,
    period_end date,
    year integer,
    numerator double,
    denominator double,
    value double,
    unit varchar
);
comment on table metric_observations is 'Figures agencies reported: one row per agency x indicator x period x file row.';
comment on column metric_observations.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_observations.source_row is 'Row number in the file (1 = first data row after the header).';
comment on column metric_observations.province is 'Province reported for (from the file, else the reference data).';
comment on column metric_observations.agency_code is 'Agency registry code; null until the review queue resolves agency_raw.';
comment on column metric_observations.agency_raw is 'Agency as written in the file.';
comment on column metric_observations.indicator_code is 'Indicator code; null until the review queue resolves indicator_raw.';
comment on column metric_observations.indicator_raw is 'Indicator as written in the file (a code, a name, or a wide header).';
comment on column metric_observations.period_raw is 'Period as written (or taken from the title row / file name).';
comment on column metric_observations.period_kind is 'year | half | quarter | months.';
comment on column metric_observations.period_start is 'First day of the period.';
comment on column metric_observations.period_end is 'Last day of the period.';
comment on column metric_observations.year is 'Calendar year of the period.';
comment on column metric_observations.numerator is 'Tử số: count meeting the indicator (ratios aggregate as sum/sum).';
comment on column metric_observations.denominator is 'Mẫu số: count in scope.';
comment on column metric_observations.value is 'Reported value (a share in percent for ratio indicators).';
comment on column metric_observations.unit is 'Unit as reported.';

create table metric_rejects (
    source_sha256 varchar not null,
    source_row bigint not null,
    reason varchar not null,
    raw_record varchar
);
comment on table metric_rejects is 'Metric rows that failed validation, with the reason and the row as read.';
comment on column metric_rejects.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_rejects.source_row is 'Row number in the file.';
comment on column metric_rejects.reason is 'Why the row was rejected.';
comment on column metric_rejects.raw_record is 'The row as read, JSON.';

create table review_queue (
    kind varchar not null,
    raw varchar not null,
    province varchar,
    candidates varchar,
    occurrences bigint not null,
    status varchar not null,
    updated_at timestamp not null
);
comment on table review_queue is 'Agency and indicator strings not resolved by the reference data: add an alias, rerun resolve.';
comment on column review_queue.kind is 'agency | indicator.';
comment on column review_queue.raw is 'The string as written.';
comment on column review_queue.province is 'Province context it appeared in.';
comment on column review_queue.candidates is 'Best registry candidates with scores.';
comment on column review_queue.occurrences is 'How many stored rows carry it.';
comment on column review_queue.status is 'open | resolved.';
comment on column review_queue.updated_at is 'Last update (UTC).';
