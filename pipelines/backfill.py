"""Backfill without the UI: register an archive's files as partitions and materialise them
through the same assets as daily ingestion, in one run: the files load as one batch, the
models rebuild after them, and the analysts' copy is published once at the end.

In the UI the same thing is a backfill of the ``submission`` asset over the partitions the
sensor (or this function) registered; its single-run backfill policy makes it one run.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pipelines.assets import all_assets
from pipelines.partitions import SUBMISSIONS
from pipelines.resources import WarehouseResource
from warehouse.files import expand_paths
from warehouse.ingest import Progress
from warehouse.raw_store import note_submission, store_file

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def register(
    paths: Iterable[str | Path], resource: WarehouseResource, instance: dg.DagsterInstance
) -> list[tuple[Path, str]]:
    """Raw-store each file (noting its name and modification time: in a backfill a file
    arrived when it was written) and add its partition; returns (file, key) in order."""
    found: list[tuple[Path, str]] = []
    raw_dir = resource.warehouse.raw_dir
    for path in expand_paths(paths):
        sha, _ = store_file(raw_dir, path)
        note_submission(raw_dir, sha, path, None)
        if sha not in (k for _, k in found):
            found.append((path, sha))
    instance.add_dynamic_partitions(SUBMISSIONS, [k for _, k in found])
    return found


def key_range(instance: dg.DagsterInstance, keys: set[str]) -> tuple[str, str]:
    """The first and last of ``keys`` in the partitions' order (a range may hold other,
    already loaded, partitions: they load as unchanged)."""
    ordered = [k for k in instance.get_dynamic_partitions(SUBMISSIONS) if k in keys]
    return ordered[0], ordered[-1]


def batch_metadata(result: dg.ExecuteInProcessResult) -> dict[str, object]:
    """What the run's load reported (files, new, unchanged, quarantined, rows, summary)."""
    (mat, *_) = result.asset_materializations_for_node("submission")
    return {k: v.value for k, v in mat.metadata.items()}


def _no_fsync(dbapi_connection: Any, _record: object) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


@contextmanager
def unsynced_event_log() -> Iterator[None]:
    """Dagster's SQLite run and event storage written without an fsync per event, while
    this block runs. A backfill records a few events per partition, model and dbt test, each
    its own connection and commit: the fsyncs, not the loads, made it several times slower
    than the same files through ``parplan ingest --build``. What it risks: a power loss in
    the middle of a backfill may damage the run history (never the warehouse, a DuckDB file
    with its own log); a crash of the process loses nothing SQLite had committed."""
    event.listen(Engine, "connect", _no_fsync)
    try:
        yield
    finally:
        event.remove(Engine, "connect", _no_fsync)


def backfill(
    paths: Iterable[str | Path],
    resource: WarehouseResource,
    instance: dg.DagsterInstance,
    progress: Progress | None = None,
) -> dg.ExecuteInProcessResult | None:
    """One run over the archive's partitions, the models and the publish (None: no file)."""
    files = register(paths, resource, instance)
    if not files:
        return None
    first, last = key_range(instance, {k for _, k in files})
    with unsynced_event_log():
        return dg.materialize(
            all_assets,
            instance=instance,
            resources={
                "warehouse": resource,
                "progress": dg.ResourceDefinition.hardcoded_resource(progress),
            },
            tags={RANGE_START: first, RANGE_END: last},
            run_config=QUIET_LOGS,
        )
