"""Jobs: ingest one submission (the sensor's target) and rebuild the models (the schedule's)."""

import dagster as dg

ingest_job = dg.define_asset_job(
    "ingest_submission",
    selection=dg.AssetSelection.assets("submission"),
    description="Load one submitted file (and run its checks); partitioned like the asset.",
)

MODELS_SELECTION = dg.AssetSelection.assets("review_queue") | dg.AssetSelection.groups(
    "staging", "intermediate", "marts"
)

rebuild_job = dg.define_asset_job(
    "rebuild_models",
    selection=MODELS_SELECTION,
    description="Re-resolve stored strings against the reference data, rebuild all SQL models.",
)

# The same graph on the multiprocess executor: the local stand-in for the distributed
# executors (Kubernetes, Celery) used in production. The DuckDB writes still take turns
# (pool + file lock), so only non-writing work would run in parallel.
rebuild_job_multiprocess = dg.define_asset_job(
    "rebuild_models_multiprocess",
    selection=MODELS_SELECTION,
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
)
