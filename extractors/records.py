"""Frozen records the plan parsers produce. Each keeps the raw text and its location."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from extractors.classify_document import DocumentKind, Topic
from extractors.document import Location
from extractors.parse_measures import Measure


@dataclass(frozen=True)
class Issue:
    """An anomaly met while extracting: a repair made, a cell not placed, totals that disagree."""

    severity: str  # "info" (repaired), "warning" (doubtful), "error" (data lost or wrong)
    code: str
    message: str
    loc: Location = field(default_factory=Location)

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "location": self.loc.as_dict(),
        }


@dataclass(frozen=True)
class AgencyRef:
    name: str  # cleaned (or, once resolved, canonical) name
    raw: str  # the piece of cell text it came from
    code: str | None = None  # registry code once resolved
    match: str | None = None  # "alias" | "fuzzy" | None (unmatched or not resolved)
    role: str | None = None  # what the cell says it does: "chủ trì hướng dẫn, tổng hợp"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "raw": self.raw,
            "code": self.code,
            "match": self.match,
            "role": self.role,
        }


TimeframeKind = Literal["period", "recurring", "conditional", "unspecified"]


@dataclass(frozen=True)
class Timeframe:
    text: str
    start: date | None
    end: date | None
    kind: TimeframeKind

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Reference:
    number: str
    kind: str | None
    issuer: str | None
    date: date | None
    loc: Location

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "issuer": self.issuer,
            "date": _iso(self.date),
        }


@dataclass(frozen=True)
class Signer:
    name: str
    role: str  # the role lines as printed: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class DocumentInfo:
    province: str | None
    plan_year: int | None
    doc_number: str | None
    issued_date: str | None  # ISO, possibly partial: "2021-12"
    effective_date: str | None
    signer: str | None
    title: str | None
    sha256: str
    stated_areas: int | None
    stated_targets: int | None
    kind: DocumentKind = "plan"  # plan | programme | scheme (others are refused)
    issuer: str | None = None  # as printed: "ỦY BAN NHÂN DÂN TỈNH LONG AN"
    topic: Topic | None = None  # a label, never a filter
    period_start: int | None = None  # first year of the plan (null: "đến năm 2030")
    period_end: int | None = None
    signers: tuple[Signer, ...] = ()
    amends: str | None = None  # the number of the plan it amends in part ("20/KH-UBND")

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "issuer": self.issuer,
            "topic": self.topic,
            "plan_period": {"start": self.period_start, "end": self.period_end},
            "signers": [s.as_dict() for s in self.signers],
            "province": self.province,
            "plan_year": self.plan_year,
            "doc_number": self.doc_number,
            "issued_date": self.issued_date,
            "effective_date": self.effective_date,
            "signer": self.signer,
            "title": self.title,
            "sha256": self.sha256,
            "stated_totals": {"areas": self.stated_areas, "targets": self.stated_targets},
            "amends": self.amends,
        }


@dataclass(frozen=True)
class Target:
    no: int | str  # as printed: 3, or "1.2" when dotted
    area_no: int | None
    area: str | None
    text: str
    lead: tuple[AgencyRef, ...]
    support: tuple[AgencyRef, ...]
    note: str | None
    loc: Location
    measures: tuple[Measure, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()  # (column, raw cell text) as read, joined
    code: str = ""  # unique within the plan: the number qualified by its groups ("A.II.3")
    group_path: tuple[str, ...] = ()  # the group headings above it, outermost first
    unit: str | None = None  # from a unit column ("%", "văn bản")
    value: str | None = None  # from a value column, as printed ("100%", "≥ 80")
    # a phase plan's value per year, as printed ((2026, "80"), ... (2030, "100")): ``value``
    # is then the last year's (the plan's targets are judged at its end year)
    values_by_year: tuple[tuple[int, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "no": self.no,
            "code": self.code or str(self.no),
            "group_path": list(self.group_path),
            "area_no": self.area_no,
            "area": self.area,
            "text": self.text,
            "lead": [a.as_dict() for a in self.lead],
            "support": [a.as_dict() for a in self.support],
            "note": self.note,
            "unit": self.unit,
            "value": self.value,
            "values_by_year": {str(y): v for y, v in self.values_by_year},
            "measurable": bool(self.measures),
            "measures": [m.as_dict() for m in self.measures],
            "location": self.loc.as_dict(),
        }


@dataclass(frozen=True)
class BodyTarget:
    """A target stated in the plan body (e.g. section II.6's "chỉ tiêu trọng tâm")."""

    text: str
    loc: Location
    measures: tuple[Measure, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "measures": [m.as_dict() for m in self.measures],
            "location": self.loc.as_dict(),
        }


@dataclass(frozen=True)
class Task:
    code: str  # unique within the plan: the number qualified by its groups ("B.IV.5.1.3")
    area_no: int | None
    area: str | None
    description: str
    products: tuple[str, ...]
    lead: tuple[AgencyRef, ...]
    support: tuple[AgencyRef, ...]
    timeframe: Timeframe
    budget_million_vnd: Decimal | None
    budget_note: str | None
    loc: Location
    cells: tuple[tuple[str, str], ...] = ()  # (column, raw cell text) as read, joined
    no: str = ""  # the number as printed ("5.1.3"); code when empty
    group_path: tuple[str, ...] = ()  # the group headings above it, outermost first

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "no": self.no or self.code,
            "group_path": list(self.group_path),
            "area_no": self.area_no,
            "area": self.area,
            "description": self.description,
            "products": list(self.products),
            "lead": [a.as_dict() for a in self.lead],
            "support": [a.as_dict() for a in self.support],
            "timeframe": self.timeframe.as_dict(),
            "budget_million_vnd": _number(self.budget_million_vnd),
            "budget_note": self.budget_note,
            "location": self.loc.as_dict(),
        }


@dataclass(frozen=True)
class PlanExtraction:
    document: DocumentInfo
    references: tuple[Reference, ...]
    targets: tuple[Target, ...]
    tasks: tuple[Task, ...]
    issues: tuple[Issue, ...]
    body_targets: tuple[BodyTarget, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.as_dict(),
            "references": [r.as_dict() for r in self.references],
            "targets": [t.as_dict() for t in self.targets],
            "body_targets": [b.as_dict() for b in self.body_targets],
            "tasks": [t.as_dict() for t in self.tasks],
            "issues": [i.as_dict() for i in self.issues],
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _number(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)
