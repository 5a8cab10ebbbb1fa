"""Pure extraction: bytes -> Document -> plan records. No DuckDB, no Dagster."""
