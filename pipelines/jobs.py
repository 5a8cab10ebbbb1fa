"""Jobs: ingest one submission (the sensor's target) and rebuild the models (the schedule's)."""

import dagster as dg

MODELS_SELECTION = dg.AssetSelection.assets("review_queue") | dg.AssetSelection.groups(
    "staging", "intermediate", "marts", "publish"
)

ingest_job = dg.define_asset_job(
    "ingest_submission",
    selection=dg.AssetSelection.assets("submission") | MODELS_SELECTION,
    description="Load submitted files (a range of partitions: one batch), rebuild the models "
    "and publish the analysts' copy once, in one run.",
)

# the rebuild (the nightly schedule's job) publishes; report_sensor then redraws the reports
# whose data changed (their partitions are the plans: a job of their own, pipelines.reports)
REBUILD_SELECTION = MODELS_SELECTION

rebuild_job = dg.define_asset_job(
    "rebuild_models",
    selection=REBUILD_SELECTION,
    description="Re-resolve stored strings against the reference data, rebuild all SQL models "
    "and publish (report_sensor then redraws the reports whose data changed).",
)

# The same graph on the multiprocess executor: the local stand-in for the distributed
# executors (Kubernetes, Celery) used in production. The DuckDB writes still take turns
# (pool + file lock), so only non-writing work would run in parallel.
rebuild_job_multiprocess = dg.define_asset_job(
    "rebuild_models_multiprocess",
    selection=REBUILD_SELECTION,
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
)
