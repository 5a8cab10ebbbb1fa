"""Asset checks. Blocking where a bad result would poison downstream data."""

import dagster as dg

from pipelines.assets import submission
from pipelines.partitions import submissions
from pipelines.resources import WarehouseResource

MATCH_RATE_MIN = 0.9


def _rows(
    warehouse: WarehouseResource, sql: str, params: list[object] | None = None
) -> list[tuple[object, ...]]:
    with warehouse.warehouse.analyst() as con:
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
        "select message from extraction_issues where source_sha256 = ? "
        "and code = 'stated_totals_mismatch'",
        [context.partition_key],
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
        """select code from tasks t where source_sha256 = ? and not
        exists (select 1 from task_agencies a where a.source_sha256 = t.source_sha256
        and a.task_code = t.code and a.role = 'lead')""",
        [context.partition_key],
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
                from metric_observations where source_sha256 = $1
            ),
            stored as (
                select 'agency' as kind, agency_code as code from observed
                union all select 'indicator', indicator_code from observed
                union all select 'agency', agency_code from task_agencies
                    where source_sha256 = $1
                union all select 'agency', agency_code from target_agencies
                    where source_sha256 = $1
                union all select 'indicator', indicator_code from target_measures
                    where source_sha256 = $1
            )
            select kind, count(*), count(code) from stored group by kind
            """,
            [context.partition_key],
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
        "select status, error from file_manifest where sha256 = ?",
        [context.partition_key],
    )
    status, error = rows[0] if rows else ("missing", "not in the manifest")
    return dg.AssetCheckResult(
        passed=status in ("loaded", "superseded"),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"status": str(status), "error": str(error or "")},
    )


MART_AUDITS = {
    "target_attainment": {
        "unique_grain": """select province, plan_year, target_no, measure_no from
            target_attainment group by all having count(*) > 1""",
        "statuses_consistent": """select * from target_attainment where
            (status = 'met' and ((comparator = '>=' and actual_value < target_value)
              or (comparator = '<=' and actual_value > target_value)
              or (comparator = '<' and actual_value >= target_value)))
            or (status in ('met', 'not_met', 'pending') and actual_value is null)
            or status not in ('met', 'not_met', 'no_data', 'not_measurable', 'pending')""",
    },
    "attainment_trend": {
        "unique_grain": """select province, indicator_code, level, year from attainment_trend
            group by all having count(*) > 1""",
    },
    "task_schedule": {
        "unique_grain": """select province, plan_year, code from task_schedule
            group by all having count(*) > 1""",
    },
}


def mart_check(mart: str, name: str, sql: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=mart,
        name=name,
        blocking=True,
        description=f"Audit query on {mart} that must return no rows.",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        bad = _rows(warehouse, sql)
        return dg.AssetCheckResult(passed=not bad, metadata={"failing_rows": len(bad)})

    return _check


all_checks = [stated_totals_match, every_task_has_lead, match_rates, not_quarantined] + [
    mart_check(mart, name, sql)
    for mart, audits in MART_AUDITS.items()
    for name, sql in audits.items()
]
