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

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


def _extract(path: str) -> PlanExtraction:
    return extract_plan(read_document(path))


def cmd_extract(args: argparse.Namespace) -> int:
    plan = _extract(args.file)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parplan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract a plan (text, PDF or DOCX) to JSON on stdout")
    ex.add_argument("file")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument("--locations", action="store_true",
                    help="include each target's and task's source location")
    ex.set_defaults(func=cmd_extract)
    sm = sub.add_parser("summary", help="print a short summary of one or more plans")
    sm.add_argument("files", nargs="+")
    sm.set_defaults(func=cmd_summary)
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
