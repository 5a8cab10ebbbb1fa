{#- An audit: rows matching `condition` are wrong; the test fails on any. #}
{% test no_rows_where(model, condition) %}
select *
from {{ model }}
where {{ condition }}
{% endtest %}
