"""Resolve a plan's agency strings and measures against the reference data.

Runs after extraction, on distinct strings only. Unmatched agencies and measures without
an indicator become issues (and rows of the review queue once loaded), never drops.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extractors.parse_measures import Measure
from extractors.records import AgencyRef, BodyTarget, Issue, PlanExtraction
from extractors.resolve_names import Entry, Resolution, Resolver, match_indicator


def resolve_plan(
    plan: PlanExtraction, agencies: Sequence[Entry], indicators: Sequence[Entry]
) -> PlanExtraction:
    resolver = Resolver(agencies, plan.document.province)
    refs = [a for t in plan.targets for a in (*t.lead, *t.support)] + [
        a for t in plan.tasks for a in (*t.lead, *t.support)
    ]
    resolved = resolver.resolve_all(a.name for a in refs)
    issues = list(plan.issues)
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
