{#- The rows of one plan table (targets, tasks, their agencies) as `r`, joined to their plan
    in force as `p`: a row of a plan that is not in force (see stg_plans: superseded
    versions) drops out in the join. -#}
{% macro rows_of_plans_in_force(table) -%}
    {{ source('warehouse', table) }} r
    join {{ ref('stg_plans') }} p using (source_sha256)
{%- endmacro %}

{#- What every plan row carries of its plan: the plan's province, year and topic (the
    plan's, not the copy the row table keeps). -#}
{% macro plan_of_row() -%}
    p.province, p.plan_year, p.plan_topic
{%- endmacro %}
