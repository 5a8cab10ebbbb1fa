"""Nightly: re-check the review queue (newly added aliases take effect) and rebuild models."""

import dagster as dg

from pipelines.jobs import rebuild_job

nightly_rebuild = dg.ScheduleDefinition(
    name="nightly_rebuild",
    job=rebuild_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Ho_Chi_Minh",
    description="Every night at 02:00 (Vietnam time).",
)
