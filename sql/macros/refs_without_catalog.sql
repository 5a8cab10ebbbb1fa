{#- Relations are named without their catalog (the DuckDB file's name) inside the SQL.
    The writer builds in `<name>.work.duckdb` and publishes a copy as `<name>.duckdb`: a
    view that named its catalog would point at the working file's name, which the
    analysts' copy does not have. #}
{% macro ref() %}
  {%- set relation = builtins.ref(*varargs, **kwargs) -%}
  {%- do return(relation.include(database=false)) -%}
{% endmacro %}

{% macro source(source_name, table_name) %}
  {%- set relation = builtins.source(source_name, table_name) -%}
  {%- do return(relation.include(database=false)) -%}
{% endmacro %}
