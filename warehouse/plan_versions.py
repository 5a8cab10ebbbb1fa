"""Which version of a plan is current: chosen on purpose, never by file name or load order.

A plan's identity is issuer x kind x topic x subject x period (see ``load_plan``; the
subject, ``extractors.plan_subject``, tells the annual PAR plan from a plan on improving an
index or on one part of the reform, issued the same year: neither supersedes the other). A
new document supersedes the current version only when it is **complete** (a header with
number and date, a body, and the appendices it announces with consistent totals) and it
**orders after** it: by issue date, then number, then when it first arrived. A fragment (a cover
page, an annex alone, a draft without number) and an amendment of part of a plan
("sửa đổi, bổ sung một số nội dung của Kế hoạch số ...") are kept as related documents:
current only while their plan has no other version, and superseding nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from extractors.classify_document import LABELS
from extractors.plan_subject import plan_subject
from extractors.records import PlanExtraction

# The serial number a decision opens with: "3546/QĐ-UBND" -> 3546, "12/KH-UBND" -> 12.
_SERIAL = re.compile(
    r"""^\s*(?P<serial>\d+)  # digits before the first slash or dash""",
    re.VERBOSE,
)

# Documents of the same plan identity as the parameters' document (issuer compared without
# case and marks; a row loaded before issuers were kept matches on the province).
SAME_PLAN = """
    sha256 <> ? and kind is not distinct from ? and topic is not distinct from ?
    and subject is not distinct from ?
    and period_start is not distinct from ? and period_end is not distinct from ?
    and case when issuer is null or ?::varchar is null then province is not distinct from ?
             else strip_accents(lower(issuer)) = strip_accents(lower(?)) end"""


def fragment_reason(plan: PlanExtraction) -> str | None:
    """Why the document is not a complete version of its plan (None: it is complete)."""
    d = plan.document
    if d.amends:  # changes part of a plan: the plan's other targets and tasks stay in force
        return f"amends {LABELS.get(d.kind, d.kind)} số {d.amends} in part (not a new version)"
    if not d.doc_number:
        return "no document number (a draft)"
    if not d.issued_date:
        return "no issue date"
    if not (plan.targets or plan.tasks or plan.body_targets):
        return "no body: no target or task (a cover page)"
    if d.stated_targets is not None and d.stated_targets != len(plan.targets):
        return f"states {d.stated_targets} targets, holds {len(plan.targets)} (an annex missing)"
    areas = {t.area_no for t in plan.targets}
    if d.stated_areas is not None and plan.targets and d.stated_areas != len(areas):
        return f"states {d.stated_areas} areas, holds {len(areas)}"
    return None


@dataclass(frozen=True, order=True)
class VersionKey:
    """What orders the versions of one plan: later issue, higher number, later arrival."""

    issued: str  # ISO, possibly partial ("2021-12"): compares as text
    serial: int
    arrived: datetime

    @staticmethod
    def of(issued: str | None, number: str | None, arrived: datetime) -> VersionKey:
        m = _SERIAL.match(number or "")
        return VersionKey(issued or "", int(m["serial"]) if m else -1, arrived)


def identity_params(plan: PlanExtraction) -> list[Any] | None:
    """Parameters of ``SAME_PLAN`` for this document; None when it names no plan identity
    (no issuer or province, or no period): it then competes with nothing."""
    d = plan.document
    return identity(
        d.sha256,
        d.kind,
        d.topic,
        plan_subject(d.title),
        d.period_start,
        d.period_end,
        d.issuer,
        d.province,
    )


def identity(
    sha: str,
    kind: str | None,
    topic: str | None,
    subject: str | None,
    start: int | None,
    end: int | None,
    issuer: str | None,
    province: str | None,
) -> list[Any] | None:
    if not (issuer or province) or not (start or end):
        return None
    return [sha, kind, topic, subject, start, end, issuer, province, issuer]


def choose(
    con: duckdb.DuckDBPyConnection, plan: PlanExtraction, complete: bool, arrived: datetime
) -> list[str]:
    """Set the new document's place among its plan's versions (its row is already in
    ``documents``, not current). Returns the shas it superseded."""
    sha, d = plan.document.sha256, plan.document
    params = identity_params(plan)
    currents = (
        []
        if params is None
        else con.execute(
            "select sha256, doc_number, issued_date, arrived_at, complete from documents "
            f"where is_current and {SAME_PLAN}",
            params,
        ).fetchall()
    )
    if not currents:  # the only version so far, complete or not: the best there is
        _set_current(con, sha, True, None)
        return []
    if not complete:  # a related document: supersedes nothing, stays out of the marts
        return []
    mine = VersionKey.of(d.issued_date, d.doc_number, arrived)
    beaten = [
        s
        for s, number, issued, at, whole in currents
        if not whole or VersionKey.of(issued, number, at or arrived) < mine
    ]
    if len(beaten) < len(currents):  # an older version arriving late: history at once
        newest = max(currents, key=lambda r: VersionKey.of(r[2], r[1], r[3] or arrived))
        _set_current(con, sha, False, newest[0])
        return []
    _set_current(con, sha, True, None)
    for old in beaten:
        _set_current(con, old, False, sha)
    return beaten


def _set_current(
    con: duckdb.DuckDBPyConnection, sha: str, current: bool, superseded_by: str | None
) -> None:
    con.execute(
        "update documents set is_current = ?, superseded_by = ? where sha256 = ?",
        [current, superseded_by, sha],
    )
