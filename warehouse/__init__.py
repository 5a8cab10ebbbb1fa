"""DuckDB warehouse: schema, migrations, loaders, manifest, quarantine."""
