"""Assets: each submitted file loaded into the warehouse, the reference data, and every SQL
model of ``sql/`` with the dependencies its SQL implies. Logic lives in ``warehouse/``;
an asset reads, calls it, and returns metadata.
"""

from pathlib import Path

import dagster as dg

from pipelines.partitions import submissions
from pipelines.resources import WarehouseResource
from warehouse.build_models import Model, build, discover
from warehouse.ingest import ingest
from warehouse.resolve import refresh_references

POOL = "parplan_duckdb"  # every asset that writes the warehouse: one at a time


def raw_file(resource: WarehouseResource, sha: str) -> Path:
    """The content-addressed copy of a submission (the sensor stores it before the run)."""
    found = sorted((resource.warehouse.raw_dir / sha[:2]).glob(f"{sha}*"))
    if not found:
        raise dg.Failure(f"no raw copy of submission {sha} in {resource.warehouse.raw_dir}")
    return found[0]


@dg.asset(
    partitions_def=submissions,
    group_name="ingest",
    pool=POOL,
    kinds={"duckdb"},
    description="One submitted file (plan or metric report) loaded into the warehouse, "
    "or quarantined with the reason.",
)
def submission(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult[None]:
    sha = context.partition_key
    path = raw_file(warehouse, sha)
    (result,) = ingest(
        [path], warehouse.warehouse, retry_quarantined=True, limits=warehouse.limits
    ).results
    context.log.info(f"{path.name}: {result.status} {result.kind}, {result.rows} rows")
    return dg.MaterializeResult(
        metadata={
            "status": result.status.value,
            "kind": result.kind,
            "rows": result.rows,
            "rejects": result.rejects,
            "error": result.error or "",
            "superseded": list(result.superseded),
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
def review_queue(warehouse: WarehouseResource) -> dg.MaterializeResult[None]:
    updated, open_items = refresh_references(warehouse.warehouse)
    return dg.MaterializeResult(metadata={"rows_resolved": updated, "open": open_items})


def model_asset(model: Model) -> dg.AssetsDefinition:
    deps = sorted(model.depends_on) or ["review_queue"]

    @dg.asset(
        name=model.name,
        group_name=model.layer,
        deps=deps,
        pool=POOL,
        kinds={"sql"},
        description=f"sql/{model.layer}/{model.name}.sql - grain: {model.grain}",
    )
    def _build(warehouse: WarehouseResource) -> dg.MaterializeResult[None]:
        with warehouse.warehouse.writer() as con:
            counts = build(con, only={model.name})
        rows = {"rows": counts[model.name]} if model.name in counts else {"relation": "view"}
        return dg.MaterializeResult(metadata={**rows, "grain": model.grain})

    return _build


MODELS = discover()
model_assets: list[dg.AssetsDefinition] = [model_asset(m) for m in MODELS.values()]
all_assets: list[dg.AssetsDefinition] = [submission, review_queue, *model_assets]
