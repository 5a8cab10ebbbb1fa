"""The ``parplan`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from extractors.resolve_names import Resolver
from extractors.resolve_plan import resolve_plan
from parplan.reference import load_agencies, load_indicators, reference_dir

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


def _extract(path: str, resolve: bool = True) -> PlanExtraction:
    plan = extract_plan(read_document(path))
    if resolve:
        plan = resolve_plan(plan, load_agencies(), load_indicators())
    return plan


def cmd_extract(args: argparse.Namespace) -> int:
    plan = _extract(args.file, resolve=not args.raw_names)
    payload = plan.as_dict()
    if not args.locations:
        for key in ("targets", "tasks"):
            for rec in payload[key]:
                rec.pop("location", None)
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def summarize(plan: PlanExtraction) -> str:
    d = plan.document
    t_areas = Counter(t.area_no for t in plan.targets)
    k_areas = Counter(t.area_no for t in plan.tasks)
    budget = sum((t.budget_million_vnd for t in plan.tasks if t.budget_million_vnd is not None),
                 start=0)
    severities = Counter(i.severity for i in plan.issues)
    agencies = {a.name: a.code for t in (*plan.targets, *plan.tasks) for a in (*t.lead, *t.support)}
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
        + ", ".join(f"{n} {s}" for s, n in sorted(severities.items())) + ")",
    ]
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    for f in args.files:
        print(f"{f}\n{summarize(_extract(f))}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    plans = sorted(p for p in Path(args.sample_dir, "plans").iterdir() if p.is_file())
    status = 0
    for i, path in enumerate(plans, start=1):
        print(f"[{i}/{len(plans)}] {path.name}", file=sys.stderr)
        try:
            print(summarize(_extract(str(path))))
        except ExtractionError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
    return status


def cmd_review(args: argparse.Namespace) -> int:
    """Unmatched agency strings (with registry candidates) and measures without indicator."""
    agencies, indicators = load_agencies(), load_indicators()
    rows: list[tuple[str, str, str, str]] = []
    for f in args.files:
        plan = extract_plan(read_document(f))
        resolver = Resolver(agencies, plan.document.province)
        names = Counter(a.name for t in (*plan.targets, *plan.tasks) for a in (*t.lead, *t.support))
        for raw, res in resolver.resolve_all(names).items():
            if res.code is None:
                cands = "; ".join(f"{c} {name} ({score})" for c, name, score in res.candidates)
                rows.append(("agency", raw, f"{names[raw]}x in {Path(f).name}", cands))
        for t in resolve_plan(plan, agencies, indicators).targets:
            for m in t.measures:
                if m.indicator is None:
                    rows.append(("indicator", m.subject[:70], f"target {t.no} in {Path(f).name}",
                                 ""))
    if not rows:
        print("review queue empty: every agency and measure resolved")
        return 0
    for kind, raw, where, cands in rows:
        print(f"{kind:9}  {raw}  [{where}]")
        if cands:
            print(f"           candidates: {cands}")
    print(f"{len(rows)} to review: add aliases to {reference_dir()}/agencies.csv or "
          "indicators.csv and run again")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parplan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract a plan (text, PDF or DOCX) to JSON on stdout")
    ex.add_argument("file")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument("--locations", action="store_true",
                    help="include each target's and task's source location")
    ex.add_argument("--raw-names", action="store_true",
                    help="keep agency names as split from the cells (skip the registry)")
    ex.set_defaults(func=cmd_extract)
    sm = sub.add_parser("summary", help="print a short summary of one or more plans")
    sm.add_argument("files", nargs="+")
    sm.set_defaults(func=cmd_summary)
    rv = sub.add_parser("review", help="list agency strings and measures the reference data "
                        "does not resolve, with the best candidates")
    rv.add_argument("files", nargs="+")
    rv.set_defaults(func=cmd_review)
    rn = sub.add_parser("run", help="run the main job on the bundled sample data")
    rn.add_argument("--sample-dir", default=str(SAMPLE_DIR))
    rn.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
