-- 0011: the share of a numerator in a denominator, in percent, defined once in the
-- database: the models (int_agency_year, int_indicator_actuals) call it, a later
-- migration that redefines metric_observations calls it, and analysts may too. A zero
-- denominator gives null (no share), never infinity. (metric_observations keeps the
-- definition migration 0004 gave it: migrations are history; the next migration that
-- redefines that view uses this macro.)
create or replace macro share_percent(numerator, denominator) as
    100.0 * numerator / nullif(denominator, 0);
comment on macro share_percent is 'Share in percent: 100 x numerator / denominator; null when the denominator is 0 or null (Tỷ lệ = Tử số / Mẫu số).';
