"""The versions of a province's plans, listed; one made current on purpose.

``parplan versions`` and ``parplan make-current`` read and write through these; the
choice made on arrival is ``plan_versions.choose``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

import duckdb

from warehouse.database import now
from warehouse.manifest import Stored
from warehouse.plan_versions import SAME_PLAN, identity


class UnknownDocument(LookupError):
    """No plan document, or more than one, has this sha256 (or prefix)."""


@dataclass(frozen=True)
class Version:
    sha256: str
    kind: str | None
    topic: str | None
    subject: str | None  # "whole", or what else the plan is about ("index:par")
    period: str  # "2022" or "2021-2025"
    issuer: str | None
    doc_number: str | None
    issued_date: str | None
    arrived_at: datetime | None
    complete: bool | None
    fragment_reason: str | None
    is_current: bool
    superseded_by: str | None
    path: str | None  # as submitted


# A province's documents of a year: an annual plan of that year, or a multi-year plan whose
# period holds it. The province is compared without case and marks.
_OF_PROVINCE_YEAR = """
    select d.sha256, d.kind, d.topic, d.subject, d.period_start, d.period_end, d.issuer,
           d.doc_number, d.issued_date, d.arrived_at, d.complete, d.fragment_reason, d.is_current,
           d.superseded_by, m.original_path
    from documents d left join file_manifest m on m.sha256 = d.sha256
    where strip_accents(lower(d.province)) = strip_accents(lower(?))
      and (d.plan_year = ? or ? between coalesce(d.period_start, d.period_end) and d.period_end)
    order by d.kind, d.topic, d.subject, d.period_start, d.period_end, d.issued_date nulls first,
             d.arrived_at, d.sha256"""


def versions(con: duckdb.DuckDBPyConnection, province: str, year: int) -> list[Version]:
    rows = con.execute(_OF_PROVINCE_YEAR, [province, year, year]).fetchall()
    names = [f.name for f in fields(Version)]
    return [
        Version(**dict(zip(names, [*r[:4], _period(r[4], r[5]), *r[6:]], strict=True)))
        for r in rows
    ]


def _period(start: int | None, end: int | None) -> str:
    return str(end) if start in (None, end) else f"{start}-{end}"


def find(con: duckdb.DuckDBPyConnection, prefix: str) -> str:
    """The sha256 of the one plan document that starts with ``prefix`` (at least 6 hex)."""
    key = prefix.strip().lower()
    if len(key) < 6:
        raise UnknownDocument(f"{prefix}: give at least 6 characters of the document's sha256")
    shas = [
        s
        for (s,) in con.execute(
            "select sha256 from documents where starts_with(sha256, ?) order by 1", [key]
        ).fetchall()
    ]
    if not shas:
        raise UnknownDocument(f"{prefix}: no plan document has this sha256 (see parplan versions)")
    if len(shas) > 1:
        raise UnknownDocument(f"{prefix}: {len(shas)} plan documents start so: {', '.join(shas)}")
    return str(shas[0])


def make_current(con: duckdb.DuckDBPyConnection, sha: str) -> list[str]:
    """Make ``sha`` the current version of its plan on purpose; the versions current before
    are superseded by it. Returns those shas (empty: it was current already)."""
    row = con.execute(
        "select kind, topic, subject, period_start, period_end, issuer, province, is_current "
        "from documents where sha256 = ?",
        [sha],
    ).fetchone()
    if row is None:
        raise UnknownDocument(f"{sha}: no plan document has this sha256")
    kind, topic, subject, start, end, issuer, province, current = row
    params = identity(sha, kind, topic, subject, start, end, issuer, province)
    others = (
        []
        if params is None
        else [
            s
            for (s,) in con.execute(
                f"select sha256 from documents where is_current and {SAME_PLAN}", params
            ).fetchall()
        ]
    )
    if current and not others:
        return []
    stamp = now()
    con.execute(
        "update documents set is_current = true, superseded_by = null where sha256 = ?", [sha]
    )
    con.execute(
        "update file_manifest set status = ?, updated_at = ? where sha256 = ?",
        [Stored.LOADED.value, stamp, sha],
    )
    for old in others:
        con.execute(
            "update documents set is_current = false, superseded_by = ? where sha256 = ?",
            [sha, old],
        )
        con.execute(
            "update file_manifest set status = ?, updated_at = ? where sha256 = ?",
            [Stored.SUPERSEDED.value, stamp, old],
        )
    return others
