"""Which reports would come out different: a report's data version is a digest of
everything it shows (``ReportData``: the marts' rows for its plans, as of a date), so the
orchestrator redraws only the reports whose data changed since they were last drawn."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import duckdb

from warehouse.report.data import ReportData, gather_plans, plans_in_force


def _stable(value: Any) -> Any:
    """Values as the report shows them: a sum of doubles can differ in its last bits from
    one build to the next (DuckDB adds in parallel, in no fixed order), which no page shows."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    return value


def data_version(plans: list[ReportData]) -> str:
    """A digest of what the report of these plans shows (the rows come from ordered
    queries; dates and decimals as text)."""
    shown = json.dumps([_stable(dataclasses.asdict(p)) for p in plans], sort_keys=True, default=str)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:24]


def report_versions(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[tuple[str, int], str]:
    """(province, plan year) of every plan in force -> the data version of its report."""
    return {
        (province, year): data_version(gather_plans(con, province, year, as_of))
        for province, year in plans_in_force(con)
    }
