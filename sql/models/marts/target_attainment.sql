-- grain: one row per province x plan_year x target_no x measure_no of a plan in force; the
-- rows are int_target_attainment's (an intermediate, so that target_attainment_current can
-- add today's geography to them while marts read only staging and intermediate models).
select * from {{ ref('int_target_attainment') }}
