"""Commands on plan documents, no warehouse needed: extract, summary, review."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from extractors.read_plan import read_plan
from extractors.records import AgencyRef, PlanExtraction, Target, Task
from extractors.reference import Registry, load_agencies
from extractors.resolve_names import Resolver
from parplan.settings import Settings


def extract(path: str, settings: Settings, resolve: bool = True) -> PlanExtraction:
    """A plan read and extracted; its names resolved unless ``resolve`` is False."""
    registry = Registry.read(settings.reference) if resolve else None
    plan, _ = read_plan(path, registry=registry, limits=settings.pdf)
    return plan


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    plan = extract(args.file, settings, resolve=not args.raw_names)
    payload = plan.as_dict()
    if not args.locations:
        for key in ("targets", "tasks"):
            for rec in payload[key]:
                rec.pop("location", None)
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _agencies(plan: PlanExtraction) -> list[AgencyRef]:
    """Every agency a target or task names (lead or support), in order."""
    records: list[Target | Task] = [*plan.targets, *plan.tasks]
    return [a for r in records for a in (*r.lead, *r.support)]


def summarize(plan: PlanExtraction) -> str:
    d = plan.document
    t_areas = Counter(t.area_no for t in plan.targets)
    k_areas = Counter(t.area_no for t in plan.tasks)
    budget = sum(
        (t.budget_million_vnd for t in plan.tasks if t.budget_million_vnd is not None), start=0
    )
    severities = Counter(i.severity for i in plan.issues)
    agencies = {a.name: a.code for a in _agencies(plan)}
    measures = [m for t in plan.targets for m in t.measures]
    lines = [
        f"{d.province} {d.plan_year}  number={d.doc_number or '(blank)'}  "
        f"issued={d.issued_date}  effective={d.effective_date}  signer={d.signer}",
        f"  title: {d.title}",
        f"  targets: {len(plan.targets)} in {len(t_areas)} areas "
        f"({', '.join(str(n) for _, n in sorted(t_areas.items(), key=lambda kv: kv[0] or 0))})"
        f"; stated: {d.stated_targets} in {d.stated_areas}",
        f"  tasks:   {len(plan.tasks)} in {len(k_areas)} areas "
        f"({', '.join(str(n) for _, n in sorted(k_areas.items(), key=lambda kv: kv[0] or 0))})"
        f"; budget {budget} million VND",
        f"  measures: {len(measures)} in {sum(1 for t in plan.targets if t.measures)} targets"
        f" ({sum(1 for m in measures if m.indicator)} with an indicator); "
        f"agencies: {len(agencies)} distinct, "
        f"{sum(1 for c in agencies.values() if c is None)} unmatched",
        f"  references: {len(plan.references)}",
        f"  issues: {len(plan.issues)} ("
        + ", ".join(f"{n} {s}" for s, n in sorted(severities.items()))
        + ")",
    ]
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    for f in args.files:
        print(f"{f}\n{summarize(extract(f, settings))}")
    return 0


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    """Unmatched agency strings (with registry candidates) and measures without indicator."""
    agencies = load_agencies(settings.reference)
    rows: list[tuple[str, str, str, str]] = []
    for f in args.files:
        plan = extract(f, settings)
        for issue in plan.issues:  # the reorganisation: a name of another time, a province
            if issue.code in ("agency_not_in_force", "province_succeeded", "level_not_in_force"):
                rows.append((issue.code, issue.message, Path(f).name, ""))
        unmatched = Counter(a.name for a in _agencies(plan) if a.code is None)
        resolver = Resolver(agencies, plan.document.province)
        for raw, n in unmatched.items():  # candidates for the few left over (of any time)
            res = resolver.resolve(raw)
            cands = "; ".join(f"{c} {name} ({score})" for c, name, score in res.candidates)
            rows.append(("agency", raw, f"{n}x in {Path(f).name}", cands))
        for t in plan.targets:
            for m in t.measures:
                if m.indicator is None:
                    rows.append(
                        ("indicator", m.subject[:70], f"target {t.no} in {Path(f).name}", "")
                    )
    if not rows:
        print("review queue empty: every agency and measure resolved")
        return 0
    for kind, raw, where, cands in rows:
        print(f"{kind:9}  {raw}  [{where}]")
        if cands:
            print(f"           candidates: {cands}")
    print(
        f"{len(rows)} to review: add aliases to {settings.reference}/agencies.csv or "
        "indicators.csv and run again"
    )
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser("extract", help="extract a plan (text, PDF or DOCX) to JSON on stdout")
    ex.add_argument("file")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument(
        "--locations", action="store_true", help="include each target's and task's source location"
    )
    ex.add_argument(
        "--raw-names",
        action="store_true",
        help="keep agency names as split from the cells (skip the registry)",
    )
    ex.set_defaults(func=cmd_extract)
    sm = sub.add_parser("summary", help="print a short summary of one or more plans")
    sm.add_argument("files", nargs="+")
    sm.set_defaults(func=cmd_summary)
    rv = sub.add_parser(
        "review",
        help="list agency strings and measures the reference data "
        "does not resolve, with the best candidates",
    )
    rv.add_argument("files", nargs="+")
    rv.set_defaults(func=cmd_review)
