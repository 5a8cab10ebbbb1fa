-- 0016: metric_observations states a figure's share with share_percent (migration 0011),
-- the one definition of the formula, instead of writing it out as 0004 and 0008 did. The
-- values are the same (tests/test_share_percent.py compares them row by row, a zero and
-- a missing denominator included): DuckDB's division by zero gives null, as nullif does.
-- The view is otherwise 0008's; a replaced view loses its comments, so they are restated.
create or replace view metric_observations as
select
    a.source_sha256,
    f.source_row,
    a.province,
    a.agency_code,
    a.agency_raw,
    i.indicator_code,
    i.indicator_raw,
    p.period_raw,
    p.period_kind,
    p.period_start,
    p.period_end,
    p.year,
    f.numerator,
    f.denominator,
    coalesce(f.value, share_percent(f.numerator, f.denominator)) as value,
    i.unit,
    v.superseded_by
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
join metric_indicator_keys i on i.id = f.indicator_id
join metric_period_keys p on p.id = f.period_id
left join metric_figure_versions v on v.agency_id = f.agency_id
    and v.indicator_id = f.indicator_id and v.period_id = f.period_id;

-- (a replaced view loses its comments: they are stated again)
comment on view metric_observations is 'Figures agencies reported: one row per agency x indicator x period x file row (metric_facts with its keys); corrected figures stay, with superseded_by.';
comment on column metric_observations.source_sha256 is 'SHA-256 of the metric file.';
comment on column metric_observations.source_row is 'Row number in the file (the header is row 1 in a CSV).';
comment on column metric_observations.province is 'Province reported for (from the file, else the title row or the agencies).';
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
comment on column metric_observations.value is 'Reported value, else share_percent(numerator, denominator): 100 x numerator / denominator, a share in percent; null when the denominator is 0 or null.';
comment on column metric_observations.unit is 'Unit as reported.';
comment on column metric_observations.superseded_by is 'SHA-256 of the later submission that replaced this figure (null: the figure counts).';
