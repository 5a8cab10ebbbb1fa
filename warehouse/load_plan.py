"""A plan's records -> rows of the plan tables, replaced per source file in one transaction.

The caller owns the transaction (``warehouse.ingest``); these functions only delete and
insert. A complete, later version of the same plan (issuer x kind x topic x subject x
period) supersedes the current one; the old rows stay, flagged ``is_current = false`` with
``superseded_by`` (``plan_versions`` chooses; a fragment supersedes nothing). Targets
and tasks of a multi-year plan carry its end year as their ``plan_year``: that is the year
they are judged at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import polars as pl

from extractors.plan_subject import plan_subject
from extractors.progress.task_kind import recurrence
from extractors.records import AgencyRef, PlanExtraction
from warehouse.database import now
from warehouse.plan_versions import choose, fragment_reason

PLAN_TABLES = (
    "documents",
    "legal_references",
    "targets",
    "target_measures",
    "target_agencies",
    "target_year_values",
    "tasks",
    "task_agencies",
    "extraction_issues",
)


def plan_rows(plan: PlanExtraction, fmt: str) -> dict[str, list[dict[str, Any]]]:
    """Rows for every plan table (pure)."""
    d, sha = plan.document, plan.document.sha256
    judged = d.plan_year if d.plan_year is not None else d.period_end
    base = {"source_sha256": sha, "province": d.province, "plan_year": judged}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in PLAN_TABLES}
    rows["documents"].append(
        {
            "sha256": sha,
            "format": fmt,
            "province": d.province,
            "plan_year": d.plan_year,
            "kind": d.kind,
            "issuer": d.issuer,
            "topic": d.topic,
            "subject": plan_subject(d.title),
            "period_start": d.period_start,
            "period_end": d.period_end,
            "doc_number": d.doc_number,
            "issued_date": d.issued_date,
            "effective_date": d.effective_date,
            "signer": d.signer,
            "title": d.title,
            "stated_areas": d.stated_areas,
            "stated_targets": d.stated_targets,
            "is_current": False,  # until ``plan_versions.choose`` places it
            "superseded_by": None,
            "loaded_at": now(),
            "complete": fragment_reason(plan) is None,
            "fragment_reason": fragment_reason(plan),
        }
    )
    for r in plan.references:
        rows["legal_references"].append(
            {
                "source_sha256": sha,
                "number": r.number,
                "kind": r.kind,
                "issuer": r.issuer,
                "ref_date": r.date,
                "line": r.loc.line,
            }
        )
    numbers = target_numbers(plan)
    for t, target_no in zip(plan.targets, numbers, strict=True):
        code = t.code or str(t.no)
        rows["targets"].append(
            {
                **base,
                "target_no": target_no,
                "code": code,
                "no": str(t.no),
                "group_path": list(t.group_path),
                "area_no": t.area_no,
                "area": t.area,
                "text": t.text,
                "note": t.note,
                "unit": t.unit,
                "value": t.value,
                "measurable": bool(t.measures),
                "line": t.loc.line,
                "page": t.loc.page,
            }
        )
        keys = {"target_no": target_no, "target_code": code}
        rows["target_year_values"] += [
            {**base, **keys, "year": year, "value": value} for year, value in t.values_by_year
        ]
        rows["target_agencies"] += _agency_rows(sha, keys, t.lead, t.support)
        for m in t.measures:
            rows["target_measures"].append(_measure(base, keys, "appendix", m))
    for b in plan.body_targets:
        for m in b.measures:
            rows["target_measures"].append(
                _measure(base, {"target_no": None, "target_code": None}, "body", m)
            )
    for k in plan.tasks:
        tf = k.timeframe
        rows["tasks"].append(
            {
                **base,
                "code": k.code,
                "no": k.no or k.code,
                "group_path": list(k.group_path),
                "area_no": k.area_no,
                "area": k.area,
                "description": k.description,
                "products": list(k.products),
                "timeframe_text": tf.text,
                "start_date": tf.start,
                "end_date": tf.end,
                "timeframe_kind": tf.kind,
                "recurrence": recurrence(tf.text, tf.kind),
                "budget_million_vnd": k.budget_million_vnd,
                "budget_note": k.budget_note,
                "line": k.loc.line,
                "page": k.loc.page,
            }
        )
        rows["task_agencies"] += _agency_rows(sha, {"task_code": k.code}, k.lead, k.support)
    for i in plan.issues:
        rows["extraction_issues"].append(
            {
                "source_sha256": sha,
                "severity": i.severity,
                "code": i.code,
                "message": i.message,
                "line": i.loc.line,
                "page": i.loc.page,
                "row_no": i.loc.row,
            }
        )
    return rows


def target_numbers(plan: PlanExtraction) -> list[int]:
    """``target_no`` of each target: the printed number when the plan numbers its targets
    once through (unique integers), else the target's place in the plan."""
    printed = [t.no for t in plan.targets]
    if all(isinstance(n, int) for n in printed) and len(set(printed)) == len(printed):
        return [int(n) for n in printed]
    return list(range(1, len(printed) + 1))


def _agency_rows(
    sha: str,
    keys: dict[str, object],
    lead: tuple[AgencyRef, ...],
    support: tuple[AgencyRef, ...],
) -> list[dict[str, Any]]:
    """One row per agency of a target or task, in cell order, by role."""
    return [
        {
            "source_sha256": sha,
            **keys,
            "role": role,
            "position": i,
            "agency_code": a.code,
            "agency_name": a.name,
            "raw": a.raw,
            "role_phrase": a.role,
        }
        for role, agencies in (("lead", lead), ("support", support))
        for i, a in enumerate(agencies, start=1)
    ]


def _measure(base: dict[str, Any], keys: dict[str, object], origin: str, m: Any) -> dict[str, Any]:
    return {
        **base,
        **keys,
        "measure_no": m.measure_no,
        "origin": origin,
        "value": None if m.value is None else float(m.value),
        "unit": m.unit,
        "comparator": m.comparator,
        "level": m.level,
        "subject": m.subject,
        "scope": m.scope,
        "indicator_code": m.indicator,
        "indicator_method": m.indicator_method,
        "baseline_year": m.baseline_year,
        "condition": m.condition,
        "parent_measure_no": m.parent,
        "clause": m.text,
    }


def delete_source(con: duckdb.DuckDBPyConnection, sha: str, tables: tuple[str, ...]) -> None:
    for table in tables:
        key = "sha256" if table == "documents" else "source_sha256"
        con.execute(f"delete from {table} where {key} = ?", [sha])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    frame = pl.DataFrame(rows, infer_schema_length=None)  # noqa: F841 (read by DuckDB below)
    con.execute(f"insert into {table} by name select * from frame")
    return len(rows)


@dataclass(frozen=True)
class PlanLoad:
    records: int  # targets and tasks
    superseded: list[str]  # the versions this one replaced
    fragment: str | None = None  # why it is a fragment kept out of the marts (else None)
    history: bool = False  # a complete version older than the current one: arrived superseded


def load_plan(
    con: duckdb.DuckDBPyConnection,
    plan: PlanExtraction,
    fmt: str,
    arrived_at: datetime | None = None,
) -> PlanLoad:
    """Replace the plan's rows and place it among its plan's versions (``plan_versions``):
    a complete, later version supersedes the current one; a fragment supersedes nothing."""
    sha = plan.document.sha256
    delete_source(con, sha, PLAN_TABLES)
    rows = plan_rows(plan, fmt)
    arrived = arrived_at or rows["documents"][0]["loaded_at"]
    rows["documents"][0]["arrived_at"] = arrived
    for table in PLAN_TABLES:
        insert_rows(con, table, rows[table])
    reason = rows["documents"][0]["fragment_reason"]
    superseded = choose(con, plan, reason is None, arrived)
    (current,) = con.execute(
        "select is_current from documents where sha256 = ?", [sha]
    ).fetchone() or (True,)
    kept_out = reason if reason is not None and not current else None
    history = reason is None and not current
    return PlanLoad(len(plan.targets) + len(plan.tasks), superseded, kept_out, history)
