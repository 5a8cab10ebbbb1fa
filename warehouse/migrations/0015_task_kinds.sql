-- 0015: how a task's kind is counted (issue 18). A recurring task ("Hằng quý", "Định kỳ 6
-- tháng") is due each of its periods, so the plan keeps how often it recurs; a progress
-- report names the plan it reports on by its title ("... Kế hoạch chuyển đổi số"), so a
-- report row keeps that plan's topic and is matched to the plan of that topic.
alter table tasks add column recurrence varchar;
comment on column tasks.recurrence is 'How often a recurring task is due: month | quarter | half_year | year | continuous (Thường xuyên, Định kỳ: judged over the year); null when the task does not recur (extractors/progress/task_kind.py).';
alter table progress_rows add column plan_topic varchar;
comment on column progress_rows.plan_topic is 'The topic of the plan the report''s title names (par | digital | other); null when it names none: the row is matched to the province''s plan of that topic, else to its PAR plan.';
