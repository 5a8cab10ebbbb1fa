"""Assets: each submitted file loaded into the warehouse, the reference data, and the dbt
models of ``sql/`` (through dagster-dbt: one asset per model, one asset check per dbt
test). Logic lives in ``warehouse/`` and ``sql/``; an asset reads, calls it, and returns
metadata.
"""

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import dagster_dbt as dg_dbt

from pipelines.dbt_project import (
    DBT_EXECUTABLE,
    SQL_DIR,
    dbt_dir,
    prepare_manifest,
    profiles_dir,
)
from pipelines.partitions import submissions
from pipelines.resources import WarehouseResource
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
    """``dbt build`` of sql/ (models, then their tests as asset checks) in the working file,
    published once when it succeeds."""
    wh = warehouse.warehouse
    with wh.exclusive() as work, profiles_dir(work) as profiles:
        dbt = dg_dbt.DbtCliResource(
            project_dir=str(SQL_DIR), profiles_dir=str(profiles), dbt_executable=str(DBT_EXECUTABLE)
        )
        yield from dbt.cli(["build"], context=context, target_path=dbt_dir(wh)).stream()


all_assets: list[dg.AssetsDefinition] = [submission, review_queue, sql_models]
