{#- Dagster shows a singular test on two models as a check of the one named here. #}
{{ config(meta={"dagster": {"ref": {"name": "int_indicator_actuals"}}}) }}
-- An actual of a share indicator (unit %) lies between 0 and 100.
select a.*
from {{ ref('int_indicator_actuals') }} a
join {{ ref('stg_indicators') }} i on i.code = a.indicator_code
where i.unit = '%' and a.actual_value not between 0 and 100
