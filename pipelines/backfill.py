"""Backfill without the UI: register an archive's files as partitions and materialise them
through the same assets (and checks) as daily ingestion, then rebuild the models.

In the UI the same thing is a backfill of the ``submission`` asset over the partitions the
sensor (or this function) registered.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

import dagster as dg

from pipelines.assets import review_queue, sql_models, submission
from pipelines.checks import all_checks
from pipelines.partitions import SUBMISSIONS
from pipelines.resources import WarehouseResource
from warehouse.files import expand_paths
from warehouse.raw_store import store_file


def register(
    paths: Iterable[str | Path], resource: WarehouseResource, instance: dg.DagsterInstance
) -> list[tuple[Path, str]]:
    """Raw-store each file and add its partition; returns (file, key) in order."""
    found: list[tuple[Path, str]] = []
    for path in expand_paths(paths):
        sha, _ = store_file(resource.warehouse.raw_dir, path)
        if sha not in (k for _, k in found):
            found.append((path, sha))
    instance.add_dynamic_partitions(SUBMISSIONS, [k for _, k in found])
    return found


def backfill(
    paths: Iterable[str | Path],
    resource: WarehouseResource,
    instance: dg.DagsterInstance,
    progress: Callable[[int, int, Path, dict[str, object]], None] | None = None,
) -> list[dict[str, object]]:
    resources = {"warehouse": resource}
    files = register(paths, resource, instance)
    partition_checks = [c for c in all_checks if c.partitions_def is not None]
    out: list[dict[str, object]] = []
    for i, (path, key) in enumerate(files, start=1):
        result = dg.materialize(
            [submission, *partition_checks],
            partition_key=key,
            instance=instance,
            resources=resources,
            selection=dg.AssetSelection.assets(submission),
        )
        meta = result.asset_materializations_for_node("submission")[0].metadata
        row: dict[str, object] = {"file": path.name, "key": key}
        row |= {k: v.value for k, v in meta.items()}
        out.append(row)
        if progress:
            progress(i, len(files), path, row)
    dg.materialize([review_queue, sql_models], instance=instance, resources=resources)
    return out
