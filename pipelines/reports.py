"""The attainment report as a Dagster asset partitioned by plan in force (province ×
plan year), and the sensor that draws, after each publish, the reports whose data changed.

A job cannot mix the report's partitions with the unpartitioned models, so the report has
a job of its own, started by ``report_sensor``: when ``analyst_copy`` has a new
materialisation (an ingest run, the nightly rebuild, a backfill), it adds a partition for
each new plan in force and requests a run for each partition whose data version (a digest
of what the report shows, ``warehouse.report.versions``) differs from the one its last
materialisation recorded. The date is part of what a report shows (tasks overdue as of
today), so the nightly rebuild redraws every report once a day.
"""

import datetime as dt

import dagster as dg

from pipelines.assets import POOL, PUBLISH_ASSET, analyst_copy
from pipelines.partitions import PLAN_REPORTS, plan_reports, report_key, report_of
from pipelines.resources import WarehouseResource
from warehouse.report.data import REPORT_MARTS, NoPlan, gather_plans
from warehouse.report.render import headline, report_name, write_plans
from warehouse.report.versions import data_version, report_versions

REPORT_ASSET = "attainment_reports"
DATA_VERSION_TAG = "dagster/data_version"  # where Dagster records a materialisation's version


@dg.asset(
    name=REPORT_ASSET,
    partitions_def=plan_reports,
    group_name="report",
    pool=POOL,  # reads the published copy, which the writers replace; take turns with them
    kinds={"html"},
    deps=[analyst_copy, *(dg.AssetKey(m) for m in REPORT_MARTS)],  # read once published
    description="The attainment report of one province and plan year (one self-contained "
    "Vietnamese HTML file for the plans in force, tasks judged as of the run's date), "
    "written to the reports folder (PARPLAN_REPORTS; default: reports/ beside the warehouse).",
)
def attainment_reports(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult[None]:
    province, year = report_of(context.partition_key)
    try:
        with warehouse.warehouse.analyst() as con:
            plans = gather_plans(con, province, year, dt.date.today())
    except NoPlan as exc:  # a partition whose plans are no longer in force
        raise dg.Failure(str(exc)) from exc
    path = write_plans(plans, warehouse.reports / report_name(province, year))
    context.log.info(f"report of {province} {year}: {path}")
    return dg.MaterializeResult(
        data_version=dg.DataVersion(data_version(plans)),
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "plans": len(plans),
            "headline": headline(plans[0].counts),
        },
    )


report_job = dg.define_asset_job(
    "draw_reports",
    selection=dg.AssetSelection.assets(REPORT_ASSET),
    description="Draw the attainment report of one province and plan year.",
)


def drawn_version(instance: dg.DagsterInstance, key: str) -> str | None:
    """The data version the partition's latest materialisation recorded (None: never drawn)."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey(REPORT_ASSET), asset_partitions=[key]),
        limit=1,
    ).records
    materialization = records[0].asset_materialization if records else None
    return (materialization.tags or {}).get(DATA_VERSION_TAG) if materialization else None


def published_since(instance: dg.DagsterInstance, cursor: str | None) -> int | None:
    """The storage id of the latest ``analyst_copy`` materialisation, when newer than the
    one the cursor holds."""
    records = instance.fetch_materializations(dg.AssetKey(PUBLISH_ASSET), limit=1).records
    if not records:
        return None
    latest = records[0].storage_id
    return latest if cursor is None or latest > int(cursor) else None


@dg.sensor(
    job=report_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After each publish of the analysts' copy, draw the report of every plan in "
    "force whose data changed (a new plan: a new partition).",
)
def report_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SensorResult | dg.SkipReason:
    published = published_since(context.instance, context.cursor)
    if published is None:
        return dg.SkipReason("nothing published since the last look")
    with warehouse.warehouse.analyst() as con:
        versions = report_versions(con, dt.date.today())
    keys = {report_key(p, y): v for (p, y), v in versions.items()}
    known = set(context.instance.get_dynamic_partitions(PLAN_REPORTS))
    new = [k for k in keys if k not in known]
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(partition_key=k, run_key=f"{k}@{v}")  # each version drawn once
            for k, v in keys.items()
            if drawn_version(context.instance, k) != v
        ],
        dynamic_partitions_requests=[plan_reports.build_add_request(new)] if new else [],
        cursor=str(published),
    )
