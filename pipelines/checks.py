"""Asset checks on each submission. Blocking where a bad result would poison downstream data."""

import dagster as dg

from pipelines.assets import submission
from pipelines.partitions import submissions
from pipelines.resources import WarehouseResource

MATCH_RATE_MIN = 0.9
OK_STATUSES = ("loaded", "superseded")


def keys(context: dg.AssetCheckExecutionContext) -> list[str]:
    """The submissions the run loaded: one, or a batch (a sensor tick, a backfill), which
    the check judges as a whole (Dagster records a range run's check unpartitioned)."""
    return list(context.partition_keys)


def _rows(
    warehouse: WarehouseResource, sql: str, params: list[object] | None = None
) -> list[tuple[object, ...]]:
    # the working file, under the writer's lock: a run publishes once at its end, so the
    # analysts' copy may not hold what this run loaded yet
    with warehouse.warehouse.writer(publish=False, catch_up=False) as con:
        return con.execute(sql, params or []).fetchall()


@dg.asset_check(
    asset=submission,
    partitions_def=submissions,
    blocking=True,
    description="Stated totals of a plan equal the extracted counts.",
)
def stated_totals_match(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> dg.AssetCheckResult:
    bad = _rows(
        warehouse,
        "select message from extraction_issues where source_sha256 in (select unnest(?)) "
        "and code = 'stated_totals_mismatch'",
        [keys(context)],
    )
    return dg.AssetCheckResult(passed=not bad, metadata={"mismatches": [m for (m,) in bad]})


@dg.asset_check(
    asset=submission,
    partitions_def=submissions,
    description="Every task of a plan has a lead agency.",
)
def every_task_has_lead(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> dg.AssetCheckResult:
    missing = _rows(
        warehouse,
        """select code from tasks t where source_sha256 in (select unnest(?)) and not
        exists (select 1 from task_agencies a where a.source_sha256 = t.source_sha256
        and a.task_code = t.code and a.role = 'lead')""",
        [keys(context)],
    )
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"tasks_without_lead": [c for (c,) in missing]},
    )


@dg.asset_check(
    asset=submission,
    partitions_def=submissions,
    description=f"At least {MATCH_RATE_MIN:.0%} of agency and indicator strings "
    "resolve to the reference data.",
)
def match_rates(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> dg.AssetCheckResult:
    # (kind, strings, resolved) over every place the file's strings are stored
    counts = dict(
        (kind, (total, ok))
        for kind, total, ok in _rows(
            warehouse,
            """
            with observed as (  -- the file's figures, read once
                select agency_code, indicator_code
                from metric_observations where source_sha256 in (select unnest($1))
            ),
            stored as (
                select 'agency' as kind, agency_code as code from observed
                union all select 'indicator', indicator_code from observed
                union all select 'agency', agency_code from task_agencies
                    where source_sha256 in (select unnest($1))
                union all select 'agency', agency_code from target_agencies
                    where source_sha256 in (select unnest($1))
                union all select 'indicator', indicator_code from target_measures
                    where source_sha256 in (select unnest($1))
            )
            select kind, count(*), count(code) from stored group by kind
            """,
            [keys(context)],
        )
    )
    a_all, a_ok = counts.get("agency", (0, 0))
    i_all, i_ok = counts.get("indicator", (0, 0))
    agency = (a_ok / a_all) if a_all else 1.0  # type: ignore[operator]
    indicator = (i_ok / i_all) if i_all else 1.0  # type: ignore[operator]
    return dg.AssetCheckResult(
        passed=agency >= MATCH_RATE_MIN and indicator >= MATCH_RATE_MIN,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"agency_match_rate": float(agency), "indicator_match_rate": float(indicator)},
    )


@dg.asset_check(
    asset=submission,
    partitions_def=submissions,
    description="The file loaded (a quarantined file is reported, not hidden).",
)
def not_quarantined(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> dg.AssetCheckResult:
    rows = _rows(
        warehouse,
        "select status, error from file_manifest where sha256 in (select unnest(?))",
        [keys(context)],
    )
    refused = [str(error or status) for status, error in rows if status not in OK_STATUSES]
    missing = len(keys(context)) - len(rows)
    return dg.AssetCheckResult(
        passed=not refused and not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"files": len(rows), "missing": missing, "errors": refused},
    )


# The marts' audits (grain, not-null, accepted values, consistent statuses) are dbt tests in
# sql/models/*/_*.yml; dagster-dbt shows each as an asset check of its model.
all_checks = [stated_totals_match, every_task_has_lead, match_rates, not_quarantined]
