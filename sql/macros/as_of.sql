{#- The date task progress is judged at: the dbt var `as_of` (YYYY-MM-DD; `parplan build
    --as-of`), else the build date. A value that is not a date stops the build. #}
{% macro as_of() %}
  {%- set value = var('as_of', none) -%}
  {%- if value is none or value == '' -%}
    current_date
  {%- elif modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', value | string) -%}
    date '{{ value }}'
  {%- else -%}
    {{ exceptions.raise_compiler_error("var as_of: '" ~ value ~ "' is not a date (YYYY-MM-DD)") }}
  {%- endif -%}
{% endmacro %}
