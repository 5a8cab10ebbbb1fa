-- Plan items keyed on their code. Real appendices nest their rows (A/B/C > I, II > 5.1)
-- and number them afresh in each group, so the number as printed is not unique in a plan:
-- `code` qualifies it by its groups ("B.IV.5.1.3") and keys targets and tasks alike, with
-- the agencies and measures that belong to them. `target_no` stays for the models that
-- join on it (sql/): it is the printed number when the plan numbers its targets once
-- through, else the target's place in the plan - unique either way. Rows loaded before
-- take their number as their code (their plans numbered once through).
alter table targets add column code varchar;
alter table targets add column no varchar;
alter table targets add column group_path varchar[];
alter table targets add column unit varchar;
alter table targets add column value varchar;
update targets set code = cast(target_no as varchar), no = cast(target_no as varchar);

alter table target_agencies add column target_code varchar;
alter table target_agencies add column role_phrase varchar;
update target_agencies set target_code = cast(target_no as varchar);

alter table target_measures add column target_code varchar;
update target_measures set target_code = cast(target_no as varchar) where target_no is not null;

alter table tasks add column no varchar;
alter table tasks add column group_path varchar[];
update tasks set no = code;

alter table task_agencies add column role_phrase varchar;

comment on column targets.code is 'Unique within the plan: the number as printed, qualified by the group labels it does not carry ("A.II.3"); the key of a target.';
comment on column targets.no is 'Target number as printed ("3", "1.2"); restarts in each group in many plans.';
comment on column targets.target_no is 'The printed number when the plan numbers its targets once through, else the target''s place in the plan (1, 2, ...); unique in a plan. Prefer code.';
comment on column targets.group_path is 'The group headings above the target, outermost first ("A. ...", "I. ...").';
comment on column targets.area_no is 'Number of the first group level (a roman numeral''s value; A = 1).';
comment on column targets.area is 'Title of the first group level.';
comment on column targets.unit is 'From the appendix''s unit column ("%", "văn bản"), when it has one.';
comment on column targets.value is 'From the appendix''s value column, as printed ("100", "≥ 80%"), when it has one.';
comment on column target_agencies.target_code is 'targets.code of the target.';
comment on column target_agencies.role_phrase is 'What the cell says the agency does ("chủ trì hướng dẫn, tổng hợp"), when it says.';
comment on column target_measures.target_code is 'targets.code of the target (null for a target of the plan body).';
comment on column tasks.code is 'Unique within the plan: the number as printed, qualified by the group labels it does not carry ("B.IV.5.1.3"); the key of a task.';
comment on column tasks.no is 'Task number as printed ("1.2", "5.1.3", "4").';
comment on column tasks.group_path is 'The group headings above the task, outermost first.';
comment on column tasks.area_no is 'Number of the first group level (a roman numeral''s value; A = 1), else the first part of the task number.';
comment on column task_agencies.task_code is 'tasks.code of the task.';
comment on column task_agencies.role_phrase is 'What the cell says the agency does ("chủ trì hướng dẫn, tổng hợp"), when it says.';
