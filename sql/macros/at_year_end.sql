{#- The 2025 reorganisation gives one name to two provincial units (old and new Tây Ninh),
    so a name is placed by the year its figure or plan is of. Written once here for every
    model that places a name (int_province_years and the marts that carry a current
    province). -#}

{#- True when the unit `u` (valid_from, valid_to; null: open) is in force on 31/12 of
    `year`. -#}
{% macro in_force_at_year_end(year, u) -%}
    make_date({{ year }}, 12, 31)
        between coalesce({{ u }}.valid_from, date '0001-01-01')
        and coalesce({{ u }}.valid_to, date '9999-12-31')
{%- endmacro %}

{#- The order of a name's units, best first: the unit in force on 31/12 of `year`, else
    the last one of that name (a year before it was formed: the latest; one still open
    first). For `qualify row_number() over (partition by <the name's row> order by ...) = 1`. -#}
{% macro units_by_year_end(year, u='u') -%}
    {{ in_force_at_year_end(year, u) }} desc,
    {{ u }}.valid_to desc nulls first
{%- endmacro %}
