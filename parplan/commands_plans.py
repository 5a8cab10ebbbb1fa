"""Commands on plan documents: extract, summary, review (no warehouse needed); versions and
make-current (the versions of the plans in the warehouse)."""

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
from parplan.output import UsageError
from parplan.settings import Settings
from pipelines.dbt_project import build
from warehouse import plan_history
from warehouse.plan_history import Version
from warehouse.publish import mark_written


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
    ex = sub.add_parser(
        "extract", help="extract a plan (PDF, DOCX, HTML or text) to JSON on stdout"
    )
    ex.add_argument(
        "file",
        help="a plan document: PDF, DOCX, HTML or text (recognised by its content, not its name)",
    )
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
    sm.add_argument("files", nargs="+", help="plan documents: PDF, DOCX, HTML or text")
    sm.set_defaults(func=cmd_summary)
    rv = sub.add_parser(
        "review",
        help="list agency strings and measures the reference data "
        "does not resolve, with the best candidates",
    )
    rv.add_argument("files", nargs="+", help="plan documents: PDF, DOCX, HTML or text")
    rv.set_defaults(func=cmd_review)


# --- versions of the plans in the warehouse ------------------------------------------------


def _version_line(v: Version) -> str:
    state = (
        "current"
        if v.is_current
        else f"superseded by {v.superseded_by[:12]}"
        if v.superseded_by
        else "related (not current)"
    )
    whole = "complete" if v.complete else f"fragment: {v.fragment_reason}"
    arrived = v.arrived_at.isoformat(" ", "seconds") if v.arrived_at else "-"
    subject = f" {v.subject}" if v.subject not in (None, "whole") else ""
    return (
        f"{v.sha256[:12]}  {v.kind} {v.topic}{subject} {v.period}  "
        f"{v.doc_number or '(no number)'}  "
        f"issued {v.issued_date or '-'}  arrived {arrived}  {whole}  {state}"
        + (f"\n              {v.path}" if v.path else "")
    )


def cmd_versions(args: argparse.Namespace, settings: Settings) -> int:
    con = settings.warehouse(args.db).analyst()
    try:
        found = plan_history.versions(con, args.province, args.year)
    finally:
        con.close()
    if not found:
        print(f"no plan document of {args.province} for {args.year}")
        return 0
    for v in found:
        print(_version_line(v))
    return 0


def cmd_make_current(args: argparse.Namespace, settings: Settings) -> int:
    wh = settings.warehouse(args.db)
    try:
        with wh.writer(publish=not args.build) as con:
            sha = plan_history.find(con, args.sha)
            con.execute("begin")
            before = plan_history.make_current(con, sha)
            mark_written(con)
            con.execute("commit")
    except plan_history.UnknownDocument as exc:
        raise UsageError(str(exc)) from exc
    if args.build:  # the marts follow, published once
        build(wh)
    if before:
        print(f"{sha[:12]} is current; it supersedes {', '.join(s[:12] for s in before)}")
    else:
        print(f"{sha[:12]} is current (it was already)")
    if not args.build:
        print("run `parplan build` for the marts to follow")
    return 0


def add_version_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], warehouse: argparse.ArgumentParser
) -> None:
    """``warehouse``: the options every warehouse command takes (``--db``)."""
    vs = sub.add_parser(
        "versions",
        parents=[warehouse],
        help="list a province's plan documents of a year: identity, number, issue date, "
        "arrival, complete or fragment, current or superseded by what",
    )
    vs.add_argument("province", help="province as the plans name it (case and marks ignored)")
    vs.add_argument("year", type=int, help="the year (a multi-year plan covering it counts)")
    vs.set_defaults(func=cmd_versions)
    mc = sub.add_parser(
        "make-current",
        parents=[warehouse],
        help="make a plan document the current version of its plan on purpose (the versions "
        "current before are superseded by it); exit 2 for an unknown or ambiguous sha256",
    )
    mc.add_argument("sha", help="the document's sha256, or a unique prefix of 6+ characters")
    mc.add_argument(
        "--build", action="store_true", help="rebuild the SQL models afterwards (one publish)"
    )
    mc.set_defaults(func=cmd_make_current)
