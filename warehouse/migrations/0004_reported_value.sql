-- metric_facts.value keeps what a file reports and nothing more: a share computed from the
-- numerator and denominator is derived when the facts are read. Storing it gave DuckDB a
-- fraction to compress for every row of a file that reports counts, which cost more than
-- the rest of the row. Rows loaded before keep the share they stored, the same number.
comment on column metric_facts.value is 'Value as reported (Giá trị, Tỷ lệ); null when the row reports a numerator and denominator - metric_observations.value is then their share.';

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
    coalesce(f.value, 100.0 * f.numerator / f.denominator) as value,
    i.unit
from metric_facts f
join metric_agency_keys a on a.id = f.agency_id
join metric_indicator_keys i on i.id = f.indicator_id
join metric_period_keys p on p.id = f.period_id;

-- (a replaced view loses its comments: they are stated again)
comment on view metric_observations is 'Figures agencies reported: one row per agency x indicator x period x file row (metric_facts with its keys).';
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
comment on column metric_observations.value is 'Reported value, else 100 x numerator / denominator (a share in percent).';
comment on column metric_observations.unit is 'Unit as reported.';
