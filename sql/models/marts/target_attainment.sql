-- grain: one row per plan in force (source_sha256, labelled by plan_topic) x target_no x
-- measure_no; the rows are int_target_attainment's (an intermediate, so that
-- target_attainment_current can add today's geography to them while marts read only
-- staging and intermediate models).
select * from {{ ref('int_target_attainment') }}
