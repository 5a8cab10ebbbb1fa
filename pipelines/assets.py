"""Assets: each submitted file loaded into the warehouse, the reference data, the dbt
models of ``sql/`` (through dagster-dbt: one asset per model, one asset check per dbt
test). (The attainment report, partitioned by plan, is in ``pipelines.reports``.) Logic
lives in ``warehouse/`` and ``sql/``; an asset reads, calls it, and returns metadata.
"""

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import dagster_dbt as dg_dbt

from pipelines.dbt_in_process import dbt_build
from pipelines.dbt_project import dbt_dir, mark_models_written, prepare_manifest
from pipelines.partitions import submissions
from pipelines.resources import ProgressParam, WarehouseResource
from warehouse import raw_store
from warehouse.database import now
from warehouse.ingest import ingest
from warehouse.manifest import Arrival, Outcome
from warehouse.resolve import refresh_references

POOL = "parplan_duckdb"  # every asset that writes the warehouse: one at a time
PUBLISH_ASSET = "analyst_copy"


def raw_file(resource: WarehouseResource, sha: str) -> Path:
    """The content-addressed copy of a submission (the sensor stores it before the run)."""
    found = sorted((resource.warehouse.raw_dir / sha[:2]).glob(f"{sha}*"))
    if not found:
        raise dg.Failure(f"no raw copy of submission {sha} in {resource.warehouse.raw_dir}")
    return found[0]


def arrival(resource: WarehouseResource, sha: str, path: Path) -> Arrival:
    """How a submission came in, from the note the sensor or the backfill kept beside its
    raw copy (the path it was submitted under; in a backfill it arrived when modified)."""
    note = raw_store.read_note(resource.warehouse.raw_dir, sha) or {}
    submitted = str(note.get("path") or path)
    mtime = note.get("mtime")
    modified = (
        datetime.fromtimestamp(float(mtime), UTC).replace(tzinfo=None)  # type: ignore[arg-type]
        if mtime is not None
        else None
    )
    arrived = note.get("arrived_at")
    when = datetime.fromisoformat(str(arrived)) if arrived else modified or now()
    return Arrival(submitted, when, modified)


def in_run(context: dg.AssetExecutionContext, asset: str) -> bool:
    """The run materialises ``asset`` too (a run of a whole job has no selection of its
    own: the job's assets are its selection)."""
    selection = context.run.asset_selection or context.job_def.asset_layer.selected_asset_keys
    return dg.AssetKey(asset) in selection


def publishes_later(context: dg.AssetExecutionContext) -> bool:
    """The run ends with ``analyst_copy``: its steps leave publishing to it."""
    return in_run(context, PUBLISH_ASSET)


@dg.asset(
    partitions_def=submissions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="ingest",
    pool=POOL,
    kinds={"duckdb"},
    description="Submitted files (plans, metric reports) loaded into the warehouse, or "
    "quarantined with the reason; a run over many partitions loads them as one batch.",
)
def submission(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, progress: ProgressParam
) -> dg.MaterializeResult[None]:
    keys = context.partition_keys
    paths = {raw_file(warehouse, sha): sha for sha in keys}
    arrivals = {path: arrival(warehouse, sha, path) for path, sha in paths.items()}
    report = ingest(
        list(paths),
        warehouse.warehouse,
        progress=progress,
        retry_quarantined=True,
        limits=warehouse.limits,
        arrivals=arrivals,
        publish=not publishes_later(context),
    )
    by_sha = {r.sha256: r for r in report.results}
    notes: list[str] = []  # what the ingest prints as "note:" lines, under the submitted name
    quarantined: list[str] = []  # and as "quarantined:" lines
    for path, sha in paths.items():
        r = by_sha.get(sha)
        name = Path(arrivals[path].submitted_as).name
        if r is None:  # (a raw copy whose hash is not its name: refused by the ingest)
            continue
        context.log.info(f"{name}: {r.status} {r.kind}, {r.rows} rows")
        for note in (*r.duplicates, *r.notes):
            notes.append(f"{arrivals[path].submitted_as}: {note}")
            context.log.info(f"note: {notes[-1]}")
        if r.status == Outcome.QUARANTINED:  # its reason (naming the file as it was sent)
            quarantined.append(r.error or f"{arrivals[path].submitted_as}: quarantined")
        context.log_event(
            dg.AssetObservation(
                asset_key=context.asset_key,
                partition=sha,
                metadata={
                    "file": name,
                    "status": r.status.value,
                    "kind": r.kind,
                    "rows": r.rows,
                    "rejects": r.rejects,
                    "error": r.error or "",
                    "superseded": list(r.superseded),
                },
            )
        )
    return dg.MaterializeResult(
        metadata={
            "files": len(keys),
            "new": report.count(Outcome.NEW),
            "unchanged": report.count(Outcome.UNCHANGED),
            "quarantined": report.count(Outcome.QUARANTINED),
            "rows": sum(r.rows for r in report.results),
            "summary": report.summary(),
            "notes": notes,  # the summary's "see the notes" (parplan backfill prints them)
            "quarantined_files": quarantined,  # each file quarantined and why (the same)
            "exit_code": report.exit_code(),  # the command line's (parplan backfill)
        }
    )


@dg.asset(
    group_name="reference",
    pool=POOL,
    kinds={"duckdb"},
    deps=[submission],
    description="Agency registry and indicator catalog loaded; stored strings the "
    "reference data now resolves are filled in; the review queue refreshed.",
)
def review_queue(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult[None]:
    if in_run(context, "submission"):  # the load just resolved against the same reference
        return dg.MaterializeResult(metadata={"rows_resolved": 0, "resolved_by": "the load"})
    updated, open_items = refresh_references(
        warehouse.warehouse, publish=not publishes_later(context)
    )
    return dg.MaterializeResult(metadata={"rows_resolved": updated, "open": open_items})


class Translator(dg_dbt.DagsterDbtTranslator):
    """dbt models keep their names as asset keys and their folder (staging, intermediate,
    marts) as group; every warehouse table they read is one upstream: ``review_queue``,
    which runs after the submissions are loaded and their names resolved."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return review_queue.key
        return dg.AssetKey(dbt_resource_props["name"])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return str(fqn[1]) if len(fqn) > 2 else None


TRANSLATOR = Translator(
    settings=dg_dbt.DagsterDbtTranslatorSettings(
        enable_asset_checks=True, enable_duplicate_source_asset_keys=True
    )
)


@dg_dbt.dbt_assets(
    manifest=prepare_manifest(),
    dagster_dbt_translator=TRANSLATOR,
    pool=POOL,
    name="sql_models",
)
def sql_models(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[Any]:
    """``dbt build`` of sql/ (models, then their tests as asset checks) in the working file;
    published when it succeeds, unless the run ends with ``analyst_copy``."""
    wh = warehouse.warehouse
    later = publishes_later(context)
    with wh.exclusive(publish=not later, catch_up=not later) as work:
        yield from dbt_build(context, work, dbt_dir(wh))  # in this process: no dbt start-up
        mark_models_written(work)


@dg.asset(
    name=PUBLISH_ASSET,
    group_name="publish",
    deps=[review_queue, sql_models],
    pool=POOL,
    kinds={"duckdb"},
    description="The analysts' copy of the warehouse, published once at the end of a run "
    "(after its loads and the dbt build), or brought up to date when it was behind.",
)
def analyst_copy(warehouse: WarehouseResource) -> dg.MaterializeResult[None]:
    wh = warehouse.warehouse
    with wh.writer(publish=False) as con:  # the writer publishes when the copy is behind
        behind = wh.is_behind(con)
    return dg.MaterializeResult(metadata={"published": behind, "path": str(wh.published)})


all_assets: list[dg.AssetsDefinition] = [
    submission,
    review_queue,
    sql_models,
    analyst_copy,
]
