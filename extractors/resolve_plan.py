"""Resolve a plan's agency strings and measures against the reference data.

Runs after extraction, on distinct strings only. Unmatched agencies and measures without
an indicator become issues (and rows of the review queue once loaded), never drops.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from extractors.parse_measures import Measure
from extractors.records import AgencyRef, BodyTarget, DocumentInfo, Issue, PlanExtraction
from extractors.reference_time import Reference
from extractors.resolve_in_time import TimedResolver
from extractors.resolve_names import Entry, Resolution, Resolver, match_indicator
from extractors.resolve_province import resolve_province


def resolve_plan(
    plan: PlanExtraction,
    agencies: Sequence[Entry],
    indicators: Sequence[Entry],
    reference: Reference | None = None,
) -> PlanExtraction:
    """``reference`` (the reference data with time): names resolve at the plan's issue
    date; a province that ceased maps to its successor, with a warning."""
    issues = list(plan.issues)
    refs = [a for t in plan.targets for a in (*t.lead, *t.support)] + [
        a for t in plan.tasks for a in (*t.lead, *t.support)
    ]
    if reference is not None:
        plan, resolved = _resolve_in_time(plan, agencies, reference, refs, issues)
    else:
        resolved = Resolver(agencies, plan.document.province).resolve_all(a.name for a in refs)
    for res in resolved.values():
        if res.code is None:
            best = ", ".join(f"{name} ({score})" for _, name, score in res.candidates)
            issues.append(
                Issue(
                    "warning",
                    "agency_unmatched",
                    f"agency {res.raw!r} not in the registry; best: {best}",
                )
            )

    def agencies_of(refs: tuple[AgencyRef, ...]) -> tuple[AgencyRef, ...]:
        return tuple(_agency(a, resolved[a.name]) for a in refs)

    def measures_of(ms: tuple[Measure, ...], where: str) -> tuple[Measure, ...]:
        out: list[Measure] = []
        for m in ms:
            res = match_indicator([m.subject, m.text], indicators)
            if res.code is None and out and out[-1].indicator and _elliptic(m.text):
                # "...; cấp huyện đạt 80%": the clause names no subject, it continues the last
                out.append(replace(m, indicator=out[-1].indicator, indicator_method="inherited"))
                continue
            if res.code is None:
                issues.append(
                    Issue(
                        "warning",
                        "indicator_unmatched",
                        f"{where} measure {m.measure_no} ({m.subject[:60]!r}) has "
                        "no indicator in the catalog",
                    )
                )
            out.append(replace(m, indicator=res.code, indicator_method=res.method))
        return tuple(out)

    targets = tuple(
        replace(
            t,
            lead=agencies_of(t.lead),
            support=agencies_of(t.support),
            measures=measures_of(t.measures, f"target {t.no}"),
        )
        for t in plan.targets
    )
    tasks = tuple(
        replace(t, lead=agencies_of(t.lead), support=agencies_of(t.support)) for t in plan.tasks
    )
    body = tuple(
        BodyTarget(b.text, b.loc, measures_of(b.measures, "body target")) for b in plan.body_targets
    )
    return replace(plan, targets=targets, tasks=tasks, body_targets=body, issues=tuple(issues))


def _agency(ref: AgencyRef, res: Resolution) -> AgencyRef:
    if res.code is None or res.name is None:
        return ref
    return AgencyRef(name=res.name, raw=ref.raw, code=res.code, match=res.method, role=ref.role)


def _elliptic(clause: str) -> bool:
    """A clause too short to name its own subject ("cấp huyện đạt 80%")."""
    bare = re.sub(r"\([^()]*\)", " ", clause)
    return len([w for w in bare.split() if not any(ch.isdigit() for ch in w)]) <= 5


def plan_date(doc: DocumentInfo) -> date | None:
    """The day a plan speaks: its issue date; a partial one ("2021-12") at its period's end.

    >>> plan_date(replace(_BLANK, issued_date="2025-11-24"))
    datetime.date(2025, 11, 24)
    >>> plan_date(replace(_BLANK, issued_date="2021-12"))
    datetime.date(2021, 12, 31)
    """
    return day_of(doc.issued_date)


@lru_cache(maxsize=4096)  # a batch asks it of every pending name, at a few dates
def day_of(iso: str | None) -> date | None:
    """An ISO date, possibly partial, as the last day it may mean.

    >>> day_of("2024-02"), day_of("2025"), day_of(None)
    (datetime.date(2024, 2, 29), datetime.date(2025, 12, 31), None)
    """
    parts = [int(x) for x in (iso or "").split("-") if x.isdigit()]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    return None


_BLANK = DocumentInfo(None, None, None, None, None, None, None, "", None, None)


def _resolve_in_time(
    plan: PlanExtraction,
    agencies: Sequence[Entry],
    reference: Reference,
    refs: list[AgencyRef],
    issues: list[Issue],
) -> tuple[PlanExtraction, dict[str, Resolution]]:
    on = plan_date(plan.document)
    province = plan.document.province
    if province and on:
        p = resolve_province(province, on, reference)
        if p.note and p.name:
            issues.append(Issue("warning", "province_succeeded", f"plan of {on}: {p.note}"))
            plan = replace(plan, document=replace(plan.document, province=p.name))
            province = p.name
    timed = TimedResolver(reference, agencies, province)
    resolved: dict[str, Resolution] = {}
    for raw in dict.fromkeys(a.name for a in refs):
        res = timed.resolve(raw, on)
        if res.problem:
            issues.append(Issue("warning", "agency_not_in_force", f"agency {raw!r}: {res.problem}"))
        resolved[raw] = Resolution(raw, res.code, res.name, res.method, res.score, res.candidates)
    issues.extend(_levels_not_in_force(plan, reference, on))
    return plan, resolved


def _levels_not_in_force(
    plan: PlanExtraction, reference: Reference, on: date | None
) -> list[Issue]:
    """A measure set at a level that no longer exists at the plan's date (cấp huyện in a
    plan after 30/06/2025: local government has two levels, tỉnh and xã)."""
    ended = {lv.code: lv for lv in reference.levels if on and not lv.span.covers(on)}
    return [
        Issue(
            "warning",
            "level_not_in_force",
            f"target {t.no} measure {m.measure_no} is set at {ended[m.level].name}, which is "
            f"not in force on {on} ({ended[m.level].span.describe()}) [{ended[m.level].source}]",
            t.loc,
        )
        for t in plan.targets
        for m in t.measures
        if m.level in ended
    ]
