"""One evaluation of the inbox sensor, and what the daemon does with its result, for the
tests that drive the sensor path (settling, versions) with real Dagster runs."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from extractors.reference import BUNDLED as REFERENCE
from pipelines.definitions import defs
from pipelines.resources import SubmissionFolders, WarehouseResource
from pipelines.sensors import inbox_sensor


def tick(
    instance: dg.DagsterInstance, cursor: str | None, folders: SubmissionFolders, db: Path
) -> dg.SensorResult:
    """One sensor evaluation; what the daemon does with its result (partitions, runs)."""
    resource = WarehouseResource(db_path=str(db), reference=str(REFERENCE))
    ctx = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"warehouse": resource, "folders": folders}
    )
    result = inbox_sensor(ctx)
    for req in result.dynamic_partitions_requests or []:
        instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
    job = defs.resolve_job_def("ingest_submission")
    for req in result.run_requests or []:
        done = job.execute_in_process(
            instance=instance,
            tags=req.tags,
            resources={
                "warehouse": resource,
                "progress": dg.ResourceDefinition.none_resource(),
            },
        )
        assert done.success
    return result
