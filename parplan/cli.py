"""The ``parplan`` command line."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import duckdb

from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from extractors.resolve_names import Resolver
from extractors.resolve_plan import resolve_plan
from parplan.output import UsageError, export_table, write_rows
from parplan.progress import BatchProgress
from parplan.reference import load_agencies, load_indicators, reference_dir
from parplan.sample_metrics import write_samples
from warehouse.build_models import build
from warehouse.database import Warehouse
from warehouse.ingest import ingest
from warehouse.resolve import refresh_references

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
    budget = sum(
        (t.budget_million_vnd for t in plan.tasks if t.budget_million_vnd is not None), start=0
    )
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
        + ", ".join(f"{n} {s}" for s, n in sorted(severities.items()))
        + ")",
    ]
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    for f in args.files:
        print(f"{f}\n{summarize(_extract(f))}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    wh = Warehouse.at(args.db)
    report = ingest(
        args.paths, wh, progress=BatchProgress(), retry_quarantined=args.retry, sheet=args.sheet
    )
    if args.build and report.published:
        _build(wh)
    print(report.summary())
    for r in report.results:
        if r.status == "quarantined":
            print(f"quarantined: {r.error}")
    return 1 if report.count("quarantined") else 0


def _build(wh: Warehouse) -> dict[str, int]:
    with wh.writer() as con:
        return build(con)


def cmd_build(args: argparse.Namespace) -> int:
    counts = _build(Warehouse.at(args.db))
    for name, n in counts.items():
        print(f"{name:24} {n:>10} rows")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    wh = Warehouse.at(args.db)
    updated, open_items = refresh_references(wh)
    if args.build:
        _build(wh)
    print(f"{updated} rows resolved; {open_items} strings still to review")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    con = Warehouse.at(args.db).analyst()
    try:
        cur = con.execute(args.sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall()
    finally:
        con.close()
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    con = Warehouse.at(args.db).analyst()
    try:
        path = export_table(con, args.table, Path(args.to))
    finally:
        con.close()
    print(f"wrote {path}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job on the bundled sample data: extract, ingest, build, report."""
    work = Path(args.workdir)
    inbox = work / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    print(f"sample inbox: {inbox}", file=sys.stderr)
    write_samples(inbox)
    for plan in sorted(Path(args.sample_dir, "plans").iterdir()):
        shutil.copyfile(plan, inbox / plan.name)
        print(summarize(_extract(str(plan))))
    wh = Warehouse.at(args.db)  # the default warehouse, so `parplan query` finds it
    report = ingest([inbox], wh, progress=BatchProgress())
    print(report.summary())
    counts = _build(wh)
    print("models: " + ", ".join(f"{k} {v}" for k, v in counts.items() if k in MARTS))
    con = wh.analyst()
    try:
        for title, sql in RUN_REPORT:
            cur = con.execute(sql)
            print(f"\n{title}")
            write_rows([d[0] for d in cur.description], cur.fetchall(), "table", sys.stdout)
    finally:
        con.close()
    print(
        f"\nwarehouse: {wh.published}  (try: parplan query "
        '"select status, count(*) from target_attainment group by 1")'
    )
    return 1 if report.count("quarantined") else 0


MARTS = (
    "target_attainment",
    "attainment_by_area",
    "attainment_trend",
    "task_schedule",
    "budget_by_agency",
    "agency_scorecard",
)
RUN_REPORT = (
    (
        "target attainment (measures by status)",
        "select plan_year, status, count(*) as n from target_attainment group by all order by all",
    ),
    (
        "attainment by area",
        "select plan_year, area_no, measures, met, not_met, no_data, "
        "share_met from attainment_by_area order by all",
    ),
    (
        "share of dossiers handled online (ratio of sums), by year",
        "select year, round(actual_value, 1) as actual, target_value as target, status "
        "from attainment_trend where indicator_code = 'dossier_online_share' and level = 'all' "
        "order by year",
    ),
)


def cmd_backfill(args: argparse.Namespace) -> int:
    """Historical plans and metric files through the Dagster assets, without the UI."""
    import dagster as dg

    from pipelines.backfill import backfill

    wh = Warehouse.at(args.db)
    home = os.environ.get("DAGSTER_HOME")
    instance = (
        dg.DagsterInstance.get()
        if home
        else dg.DagsterInstance.local_temp(
            str(wh.published.with_name(wh.published.stem + ".dagster"))
        )
    )

    def progress(i: int, n: int, path: Path, row: dict[str, object]) -> None:
        print(
            f"[{i}/{n}] {row.get('status', '?'):11} {row.get('kind', '?'):7} {path.name}"
            + (f"  ({row['error']})" if row.get("error") else ""),
            file=sys.stderr,
        )

    rows = backfill(args.paths, str(wh.published), instance, progress)
    counts = Counter(str(r.get("status")) for r in rows)
    print(
        f"{len(rows)} partitions: "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + "; models rebuilt"
    )
    return 1 if counts.get("quarantined") else 0


def cmd_review(args: argparse.Namespace) -> int:
    """Unmatched agency strings (with registry candidates) and measures without indicator."""
    agencies, indicators = load_agencies(), load_indicators()
    rows: list[tuple[str, str, str, str]] = []
    for f in args.files:
        plan = resolve_plan(extract_plan(read_document(f)), agencies, indicators)
        unmatched = Counter(
            a.name
            for t in (*plan.targets, *plan.tasks)
            for a in (*t.lead, *t.support)
            if a.code is None
        )
        resolver = Resolver(agencies, plan.document.province)
        for raw, n in unmatched.items():  # candidates for the few left over
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
        f"{len(rows)} to review: add aliases to {reference_dir()}/agencies.csv or "
        "indicators.csv and run again"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parplan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
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
    warehouse = argparse.ArgumentParser(add_help=False)  # what every warehouse command takes
    warehouse.add_argument("--db", help="warehouse file (default: $PARPLAN_DB or ./parplan.duckdb)")
    ig = sub.add_parser(
        "ingest",
        parents=[warehouse],
        help="load plans and metric files (files or folders) into "
        "the warehouse; exit 1 when any file was quarantined",
    )
    ig.add_argument("paths", nargs="+")
    ig.add_argument("--retry", action="store_true", help="try quarantined files again")
    ig.add_argument(
        "--sheet",
        help="worksheet to read from XLSX metric files (default: the first sheet); a "
        "workbook is stored once by content, so choose its sheet on the first load",
    )
    ig.add_argument("--build", action="store_true", help="rebuild the SQL models afterwards")
    ig.set_defaults(func=cmd_ingest)
    bd = sub.add_parser(
        "build", parents=[warehouse], help="rebuild the SQL models (sql/) and publish"
    )
    bd.set_defaults(func=cmd_build)
    rs = sub.add_parser(
        "resolve",
        parents=[warehouse],
        help="re-resolve stored agency/indicator strings after "
        "aliases were added; refresh the review queue",
    )
    rs.add_argument("--build", action="store_true", help="rebuild the SQL models afterwards")
    rs.set_defaults(func=cmd_resolve)
    qy = sub.add_parser(
        "query", parents=[warehouse], help="run SQL against the published (analyst) copy"
    )
    qy.add_argument("sql")
    qy.add_argument("--format", choices=["table", "csv", "json"], default="table")
    qy.set_defaults(func=cmd_query)
    xp = sub.add_parser(
        "export", parents=[warehouse], help="export a table or view to .parquet, .csv or .xlsx"
    )
    xp.add_argument("table")
    xp.add_argument("--to", required=True, help="output file; the format follows the suffix")
    xp.set_defaults(func=cmd_export)
    bf = sub.add_parser(
        "backfill",
        parents=[warehouse],
        help="register an archive of past plans and metric "
        "files as Dagster partitions and materialise them (no UI needed)",
    )
    bf.add_argument("paths", nargs="+")
    bf.set_defaults(func=cmd_backfill)
    rn = sub.add_parser(
        "run", parents=[warehouse], help="run the main job on the bundled sample data"
    )
    rn.add_argument("--sample-dir", default=str(SAMPLE_DIR))
    rn.add_argument(
        "--workdir",
        default="var/sample",
        help="where the sample inbox and warehouse go (default: var/sample)",
    )
    rn.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ExtractionError, UsageError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"error: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
