-- grain: one row per agency_code x plan in force (source_sha256); the rows are int_agency_scorecard's
-- (an intermediate, so that agency_scorecard_lineage can follow them into today's agencies
-- while marts read only staging and intermediate models).
select * from {{ ref('int_agency_scorecard') }}
