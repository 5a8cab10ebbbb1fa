"""Dagster wiring: definitions, assets, resources, sensors, schedules, checks."""
