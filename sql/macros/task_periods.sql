{#- The ends of a recurring task's periods between its start and its last day: each month,
    quarter or half year of the calendar ('month', 'quarter', 'half_year'), else each year
    ('year', 'continuous': work that goes on all year is judged over it). The last period
    ends on the task's last day when that comes first. tasks.recurrence is parsed by
    extractors/progress/task_kind.py. -#}
{% macro period_ends(start_date, last_day, recurrence) -%}
    {%- set step = period_length(recurrence) -%}
    list_filter(
        list_transform(
            generate_series(
                date_trunc('year', {{ start_date }})::timestamp, {{ last_day }}::timestamp, {{ step }}),
            lambda s: least((s + {{ step }} - interval 1 day)::date, {{ last_day }}::date)),
        lambda e: e >= {{ start_date }})
{%- endmacro %}

{#- How long one period of a recurring task is, as an interval. -#}
{% macro period_length(recurrence) -%}
    to_months(case {{ recurrence }} when 'month' then 1 when 'quarter' then 3
                   when 'half_year' then 6 else 12 end)
{%- endmacro %}
