-- Plans of every kind and topic: a Kế hoạch, Chương trình or Đề án (or the Quyết định that
-- adopts one), annual or multi-year, on cải cách hành chính or any other subject. A plan
-- version's identity becomes issuer x kind x topic x period, so a digital-economy plan
-- never supersedes the PAR plan of the same year.
alter table documents add column kind varchar;
alter table documents add column issuer varchar;
alter table documents add column topic varchar;
alter table documents add column period_start integer;
alter table documents add column period_end integer;

-- Rows loaded before were annual PAR plans (nothing else was accepted); their issuer was
-- not kept, so it stays null and their identity falls back to the province.
update documents
set kind = 'plan', topic = 'par', period_start = plan_year, period_end = plan_year
where kind is null;

comment on column documents.kind is 'plan | programme | scheme (Kế hoạch, Chương trình, Đề án; a decision adopting one has the kind of what it adopts).';
comment on column documents.issuer is 'Issuing body as printed in the header (ỦY BAN NHÂN DÂN TỈNH LONG AN, BỘ NỘI VỤ); null for rows loaded before it was kept.';
comment on column documents.topic is 'Subject label: par (cải cách hành chính), digital (chuyển đổi số, Chính phủ số, Đề án 06) or other. A label, never a filter.';
comment on column documents.period_start is 'First year the plan covers; null for "đến năm 2030" plans.';
comment on column documents.period_end is 'Last year the plan covers; targets of a multi-year plan are judged at this year.';
comment on column documents.plan_year is 'Year of an annual plan; null for a multi-year plan (see period_start, period_end).';
