"""The report as one self-contained HTML file (Jinja2 template, charts inlined as SVG)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from extractors.normalize import fold
from warehouse.atomic import atomic_write
from warehouse.report import charts, words
from warehouse.report.completion import PROGRESS_VI, completion_chart
from warehouse.report.data import ReportData, gather_plans, plans_in_force
from warehouse.report.rows import Row

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE_WIDTH = 48  # characters a line of a chart title holds at its width
NOT_A_NAME_CHAR = re.compile(
    r"""
    [^a-z0-9]+   # a run of anything but plain letters and digits (spaces, punctuation)
    """,
    re.VERBOSE,
)


def headline(counts: dict[str, int]) -> str:
    """The sentence an official reads first.

    >>> headline({"met": 8, "not_met": 7, "no_data": 13, "not_measurable": 9})
    'Đạt 8/15 chỉ tiêu đo được (53%); 13 chưa có số liệu, 9 không đo được.'
    >>> headline({"no_data": 2})
    'Chưa chỉ tiêu nào đo được; 2 chưa có số liệu.'
    """
    met, measured = counts.get("met", 0), counts.get("met", 0) + counts.get("not_met", 0)
    first = (
        f"Đạt {met}/{measured} chỉ tiêu đo được ({round(100 * met / measured)}%)"
        if measured
        else "Chưa chỉ tiêu nào đo được"
    )
    rest = [
        f"{counts[s]} {words.STATUS_VI[s].lower()}"
        for s in ("pending", "no_data", "not_measurable")
        if counts.get(s)
    ]
    return first + ("; " + ", ".join(rest) if rest else "") + "."


def _trend_panels(trends: list[Row]) -> tuple[list[dict[str, Any]], list[str]]:
    """A chart per indicator and level with figures; the titles of those without any."""
    series: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in trends:
        series[(r["indicator_code"], r["level"])].append(r)
    panels, empty = [], []
    for (_code, level), rows in series.items():
        unit = f" ({rows[0]['unit']})" if rows[0]["unit"] else ""
        title = f"{rows[0]['indicator_name']}{unit} — {words.LEVEL_VI.get(level, level)}"
        years = sorted(int(r["year"]) for r in rows if r["actual_value"] is not None)
        if not years:
            empty.append(title)
            continue
        # from the first measured year to the series' last year (a plan year with no
        # figure after the last measured one is missing too, not just left off the end)
        last = max(int(r["year"]) for r in rows)
        missing = [y for y in range(years[0], last + 1) if y not in years]
        lines = textwrap.wrap(title, TITLE_WIDTH)
        svg = charts.trend_chart(rows, lines[:2] + (["…"] if len(lines) > 2 else []))
        panels.append({"svg": svg, "missing": missing, "title": title})
    return panels, empty


def _issue_summary(issues: list[Row]) -> tuple[list[Row], list[tuple[str, int]]]:
    """Errors and warnings one by one; repairs (info) counted by kind."""
    serious = [i for i in issues if i["severity"] != "info"]
    repairs = Counter(str(i["code"]) for i in issues if i["severity"] == "info")
    return serious, sorted(repairs.items(), key=lambda kv: (-kv[1], kv[0]))


def _plan_context(data: ReportData, index: int) -> dict[str, Any]:
    """What the sections of one plan show, beside its data; ``suffix`` keeps ids unique."""
    serious, repairs = _issue_summary(data.issues)
    trends, no_trend = _trend_panels(data.trends)
    return {
        "d": data,
        "suffix": "" if index == 0 else f"-{index + 1}",
        "label": words.plan_label(data.document),
        "headline": headline(data.counts),
        "areas_svg": charts.areas_chart(data.areas) if data.areas else "",
        "trends": trends,
        "no_trend": no_trend,
        "budget_svg": charts.budget_chart(data.budget)
        if any(b["budget"] for b in data.budget)
        else "",
        "budget_total": sum(b["budget"] or 0 for b in data.budget),
        "completion_svg": completion_chart(data.completion.areas)
        if data.completion and any(a["due"] for a in data.completion.areas)
        else "",
        "serious_issues": serious,
        "repairs": repairs,
    }


def render(plans: list[ReportData], generated: dt.datetime | None = None) -> str:
    """The report of the plans of one province and year, one block per plan in their order."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=words.number, signed=words.signed, date_vi=words.date_vi, issued_vi=words.issued_vi
    )
    return env.get_template("report.html.j2").render(
        d=plans[0],
        w=words,
        progress_vi=PROGRESS_VI,
        plans=[_plan_context(p, i) for i, p in enumerate(plans)],
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        generated=(generated or dt.datetime.now()).strftime("%d/%m/%Y %H:%M"),
    )


def write_report(
    con: duckdb.DuckDBPyConnection, province: str, year: int, to: Path, as_of: dt.date
) -> Path:
    return write_plans(gather_plans(con, province, year, as_of), to)


def write_plans(plans: list[ReportData], to: Path) -> Path:
    """The report of plans already gathered, written whole or not at all."""
    html = render(plans)
    atomic_write(to, lambda p: p.write_text(html, encoding="utf-8"))
    return to


def report_name(province: str, year: int) -> str:
    """The file name of a plan's report: plain letters, so any system and URL takes it.

    >>> report_name("Long An", 2022), report_name("Bà Rịa - Vũng Tàu", 2023)
    ('bao-cao-long-an-2022.html', 'bao-cao-ba-ria-vung-tau-2023.html')
    """
    slug = NOT_A_NAME_CHAR.sub("-", fold(province)).strip("-")
    return f"bao-cao-{slug}-{year}.html"


def write_reports(con: duckdb.DuckDBPyConnection, folder: Path, as_of: dt.date) -> list[Path]:
    """The report of every plan in force, one file each in ``folder``."""
    return [
        write_report(con, province, year, folder / report_name(province, year), as_of)
        for province, year in plans_in_force(con)
    ]
