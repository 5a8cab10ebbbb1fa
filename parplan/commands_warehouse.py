"""Commands on the warehouse: ingest, build, docs, resolve, query, export."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from extractors.versions import PARSER_VERSIONS
from parplan.commands_report import iso_date
from parplan.export import export, single_statement
from parplan.load_help import PATHS_HELP, load_command
from parplan.output import ROW_FORMATS, UsageError, write_rows
from parplan.progress import BatchProgress
from parplan.settings import Settings
from pipelines.dbt_project import build, write_docs
from warehouse.database import Warehouse
from warehouse.ingest import ingest
from warehouse.manifest import BatchReport, Outcome
from warehouse.reprocess import reprocess
from warehouse.resolve import refresh_references


def build_models(wh: Warehouse) -> dict[str, int]:
    """``dbt build`` of sql/ (models, then their tests) and publish: rows per mart."""
    return build(wh).rows


def existing(paths: list[str]) -> list[str]:
    """The paths given, each one there: a path that is not is a usage error naming it,
    before anything is read or written (a typo is not a file to quarantine)."""
    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"{p}: no such file or folder")
    return paths


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    existing(args.paths)
    wh = settings.warehouse(args.db)
    report = ingest(
        args.paths,
        wh,
        progress=BatchProgress(),
        retry_quarantined=args.retry,
        sheet=args.sheet,
        limits=replace(settings.limits, province=args.province or settings.province),
    )
    if args.build and report.published:
        build_models(wh)
    print_batch(report, warnings=True)
    return report.exit_code()


def cmd_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    wh = settings.warehouse(args.db)
    report = reprocess(wh, args.kind, progress=BatchProgress(), limits=settings.limits)
    print_batch(report, warnings=False)
    return report.exit_code()


def print_batch(report: BatchReport, warnings: bool) -> None:
    """A batch's summary line, then a line per file quarantined, loaded with extraction
    errors or loaded as a plan fragment (and, with ``warnings``, per warning)."""
    print(report.summary())
    for r in report.results:
        if r.status == Outcome.QUARANTINED:
            print(f"quarantined: {r.error}")
        elif r.extraction_errors:
            print(f"extraction errors: {r.path}: {r.extraction_errors} (see extraction_issues)")
        if r.fragment:
            print(f"fragment: {r.path}: {r.fragment}; loaded as a related document")
        for warning in (*r.warnings, *r.unread_sheets) if warnings else ():
            print(f"warning: {r.path}: {warning}")
        for note in (*r.duplicates, *r.notes):
            print(f"note: {r.path}: {note}")


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    result = build(settings.warehouse(args.db), args.as_of)
    for name, n in result.rows.items():
        print(f"{name:24} {n:>10} rows")
    print(f"{result.tests_passed} dbt tests passed")
    return 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    path = write_docs(settings.warehouse(args.db), Path(args.to))
    print(f"wrote {path} (the data dictionary: open it in a browser, no network needed)")
    return 0


def cmd_resolve(args: argparse.Namespace, settings: Settings) -> int:
    wh = settings.warehouse(args.db)
    updated, open_items = refresh_references(wh)
    if args.build:
        build_models(wh)
    print(f"{updated} rows resolved; {open_items} strings still to review")
    return 0


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    con = settings.warehouse(args.db).analyst()
    try:
        cur = con.execute(single_statement(con, args.sql))
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall()
    finally:
        con.close()
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    con = settings.warehouse(args.db).analyst()
    try:
        path, rows = export(con, Path(args.to), table=args.table, sql=args.sql)
    finally:
        con.close()
    print(f"wrote {path} ({rows} rows)")
    return 0


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], warehouse: argparse.ArgumentParser
) -> None:
    """``warehouse``: the options every warehouse command takes (``--db``)."""
    ig = load_command(
        sub,
        "ingest",
        [warehouse],
        "load plans, metric files and progress reports (files or folders) into the "
        "warehouse; exit 1 when a file was quarantined, 3 when rows were rejected or "
        "figures are kept out of the marts",
    )
    ig.add_argument("paths", nargs="+", help=PATHS_HELP)
    ig.add_argument("--retry", action="store_true", help="try quarantined files again")
    ig.add_argument(
        "--sheet",
        help="worksheet to read from XLSX metric files (default: the visible active sheet, "
        "the one Excel opens on); a workbook is stored once by content: another sheet of "
        "a loaded workbook is loaded with --sheet on its own",
    )
    ig.add_argument("--build", action="store_true", help="rebuild the SQL models afterwards")
    ig.add_argument(
        "--province",
        help="the province of metric rows that name none (no Tỉnh column, title or file "
        "name; default: $PARPLAN_PROVINCE); a name or alias of reference/provinces.csv",
    )
    ig.set_defaults(func=cmd_ingest)
    rp = load_command(
        sub,
        "reprocess",
        [warehouse],
        "re-read stored files that an older version of their reader read (from the "
        "raw store, through the same load path); exit codes as ingest",
    )
    rp.add_argument("--kind", choices=sorted(PARSER_VERSIONS), help="only files of this kind")
    rp.set_defaults(func=cmd_reprocess)
    bd = sub.add_parser(
        "build",
        parents=[warehouse],
        help="build the dbt project sql/ (models, then their tests) and publish",
    )
    bd.add_argument(
        "--as-of",
        type=iso_date,
        help="date task progress is judged at: reports of periods ended by then, tasks due "
        "by then (default: today)",
    )
    bd.set_defaults(func=cmd_build)
    dc = sub.add_parser(
        "docs",
        parents=[warehouse],
        help="write the data dictionary (dbt's documentation site, with lineage) "
        "as one offline file, DIR/index.html",
    )
    dc.add_argument("--to", required=True, help="folder to write index.html into")
    dc.set_defaults(func=cmd_docs)
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
    qy.add_argument("sql", help="one SQL statement (several, or none, are refused)")
    qy.add_argument(
        "--format",
        choices=ROW_FORMATS,
        default="table",
        help="how the rows are printed on stdout (default: table)",
    )
    qy.set_defaults(func=cmd_query)
    xp = sub.add_parser(
        "export",
        parents=[warehouse],
        help="export a table, a view or a query's result to .csv, .xlsx or .parquet",
    )
    xp.add_argument("table", nargs="?", help="a table or view of the published copy")
    xp.add_argument("--sql", help="one SQL query instead of a TABLE (run on the analyst copy)")
    xp.add_argument("--to", required=True, help="output file; the format follows the suffix")
    xp.set_defaults(func=cmd_export)
