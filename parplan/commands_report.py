"""``parplan report``: the attainment report of one province's plan year, as HTML."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from parplan.output import UsageError
from parplan.settings import Settings
from warehouse.database import Warehouse


def iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD option (argparse says what is wrong with any other)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def default_plan(wh: Warehouse) -> tuple[str, int]:
    """The latest plan in force, when the command names none."""
    with wh.analyst() as con:
        row = con.execute(
            "select province, plan_year from documents where is_current "
            "order by plan_year desc, province limit 1"
        ).fetchone()
    if row is None:
        raise UsageError(f"{wh.published}: no plan loaded yet (parplan ingest PLAN first)")
    return str(row[0]), int(row[1])


def make_report(
    wh: Warehouse,
    to: Path,
    province: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> Path:
    # (imported here: the report's charts and page - altair, vl-convert, jinja2 - load only
    # for a report, not in every command-line process: `parplan ingest` has no use for them)
    from warehouse.report.data import NoPlan
    from warehouse.report.render import write_report

    if province is None or year is None:
        latest = default_plan(wh)
        province, year = province or latest[0], year or latest[1]
    try:
        with wh.analyst() as con:
            return write_report(con, province, year, to, as_of or dt.date.today())
    except NoPlan as exc:
        raise UsageError(str(exc)) from None


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    wh = settings.warehouse(args.db)
    path = make_report(wh, Path(args.to), args.province, args.year, args.as_of)
    print(f"report: {path}")
    return 0


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], warehouse: argparse.ArgumentParser
) -> None:
    """``warehouse``: the options every warehouse command takes (``--db``)."""
    rp = sub.add_parser(
        "report",
        parents=[warehouse],
        help="write the attainment report of a province's plan year as one HTML file "
        "(Vietnamese, offline, printable)",
    )
    rp.add_argument("--province", help="e.g. 'Long An' (default: the latest plan's)")
    rp.add_argument("--year", type=int, help="plan year (default: the latest plan's)")
    rp.add_argument("--to", required=True, help="the HTML file to write")
    rp.add_argument(
        "--as-of", type=iso_date, help="date tasks are judged due or overdue (default: today)"
    )
    rp.set_defaults(func=cmd_report)
