{#- The model's grain: no two rows share these columns (nulls count as equal, as in a
    group by). A failing row names the duplicated key and how many rows carry it. #}
{% test unique_grain(model, columns) %}
select {{ columns | join(', ') }}, count(*) as rows_with_key
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
