"""A task-progress file -> its rows (one per task reported) and its rejects (a row whose
status is not one of the five, whose date or percent is not one, or that names no task).

A file without a Kỳ báo cáo column reports the period its title rows name ("... KẾ HOẠCH CCHC
NĂM 2022 - TỈNH LONG AN"), else its file name, as a metric file does (``find_period``); its
province, the title's, else its file name's, else the configured one (``place``). A status its
percent contradicts is kept, with a note (``doubt``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from extractors.classify_document import Topic
from extractors.document import PlanFormat
from extractors.errors import ExtractionError
from extractors.metrics.formats import MetricFormat
from extractors.metrics.report_date import StatedDate, report_date
from extractors.metrics.version import FileVersion, file_version
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet
from extractors.parse_period import find_period, parse_period
from extractors.period import period_label
from extractors.progress.cells import table_rows
from extractors.progress.groups import grouped
from extractors.progress.layout import map_roles, progress_header_index, target_columns
from extractors.progress.percent import (
    PercentColumn,
    contradiction,
    percent_column,
    percent_value,
    read_from,
    status_of,
)
from extractors.progress.place import report_province
from extractors.progress.status import LABELS, Status, needs_reason, parse_status
from extractors.progress.topic import report_topic
from extractors.reference import Registry

# a completion date as reports write it: 15/06/2022, 15-6-2022, 15.06.2022
_DMY = re.compile(
    r"""^(?P<d>\d{1,2}) [/.-] (?P<m>\d{1,2}) [/.-] (?P<y>(?:19|20)\d{2})$  # day first""",
    re.VERBOSE,
)
# or ISO 2022-06-15; an Excel date cell reads as its date and time ("2022-09-30 00:00:00"),
# as does a date-time exported to CSV: the date is the day
_ISO = re.compile(
    r"""^(?P<y>(?:19|20)\d{2}) - (?P<m>\d{1,2}) - (?P<d>\d{1,2})
        (?:[ T] \d{1,2}:\d{2} (?::\d{2} (?:\.\d+)?)? )?$   # the time of a date cell
    """,
    re.VERBOSE,
)


NO_PERIOD = (
    "no period: no period column (Kỳ báo cáo), and neither a title row nor the file name "
    "names a period (Năm 2022, 6 tháng đầu năm 2022, Quý II/2022)"
)


@dataclass(frozen=True)
class ProgressRow:
    source_row: int  # row in the file (the header is row 1 of a CSV without a title)
    code: str | None  # Mã nhiệm vụ / STT as printed
    task: str | None  # Nhiệm vụ as written
    agency_raw: str | None  # the reporting agency as written
    status: Status
    reason: str | None  # why a task cannot be done
    result: str | None  # Kết quả thực hiện, when a separate column holds the status
    completed_on: date | None
    evidence: str | None  # Văn bản/sản phẩm: a document number
    period_raw: str | None
    period_start: date | None
    period_end: date | None
    province: str | None
    plan_topic: Topic | None = None  # the plan the report's title names (par, digital ...)
    percent_done: Decimal | None = None  # Tỷ lệ hoàn thành (%), 0-100
    doubt: str | None = None  # why the status is in doubt (its percent contradicts it)


@dataclass(frozen=True)
class ProgressReject:
    source_row: int
    reason: str  # names the file, the row and the value
    raw_record: str  # the row as JSON, header -> cell


@dataclass(frozen=True)
class ProgressFile:
    file_format: MetricFormat | PlanFormat  # a tabular file, or a report document
    header_row: int
    rows: tuple[ProgressRow, ...]
    rejects: tuple[ProgressReject, ...]
    # what the report states of itself (its title, a Lần gửi or Ngày báo cáo column), which
    # orders its submissions before their arrival, as a metric file's (``stated``)
    version: int | None = None
    reported_on: date | None = None
    warnings: tuple[str, ...] = ()  # a version or report-date cell that is not one


def parse_date(text: str) -> date | None:
    """15/06/2022 or 2022-06-15 -> a date; None when it is not one (31/02 included)."""
    m = _DMY.match(text.strip()) or _ISO.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def read_progress(
    data: bytes,
    path: str,
    sheet: str | None = None,
    xlsx_limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
    province: str | None = None,
    registry: Registry | None = None,
) -> ProgressFile:
    """Every data row under the header: a ProgressRow, or a reject saying why not.
    ``xlsx_limits``: read an XLSX in a child process within them; ``book``: its sheet
    already read. ``province``: the deployment's, for rows nothing else places (no Tỉnh
    column, title or file name: ``report_province``, the registry's provinces)."""
    fmt, table, told = table_rows(data, path, sheet, xlsx_limits, book)
    idx = progress_header_index(table)
    if idx is None:
        raise ExtractionError(
            path,
            "no header row with a status column (Tình trạng, Kết quả thực hiện) and a task "
            "column (Nhiệm vụ, Mã nhiệm vụ) in the first 15 rows",
        )
    title = [t for t in (" ".join(c for c in r if c) for r in table[:idx]) if t]
    first = idx + 2 if fmt != "parquet" else 1
    # group rows ("I | CẢI CÁCH THỂ CHẾ") qualify the numbers under them, as a document's do
    body = grouped(table[idx], list(enumerate(table[idx + 1 :], start=first)))
    joined = " ".join(title)
    named = next(filter(None, map(find_period, [*title, Path(path).stem])), None)
    label = period_label(named) if named else ""
    if not label and "period" not in map_roles(table[idx]):  # as a metric file is refused
        raise ExtractionError(path, NO_PERIOD)
    place = report_province(title, path, province, registry)
    got = read_rows(path, table[idx], body, place, label, report_topic(joined))
    if not got[0] and (targets := target_columns(table[idx])):  # no row states a status
        status = table[idx][map_roles(table[idx])["status"]]
        raise ExtractionError(
            path,
            f"looks like a table of the plan's targets ({', '.join(map(repr, targets))}), "
            f"not a task-progress report: no row states a status in '{status}' "
            "(Đã hoàn thành, Đang thực hiện ...); load the plan it belongs to, or send the "
            "report with its statuses",
        )
    if not got[0] and not got[1]:
        raise ExtractionError(path, f"no data rows under the header row {idx + 1}")
    version, day = stated(table[idx], [cells for _, cells in body], title)
    roles = map_roles(table[idx])  # percents alone: the statuses are theirs (said)
    alone = "status" not in roles and "percent" in roles
    said = [read_from(PercentColumn(table[idx][roles["percent"]], False))] if alone else []
    return ProgressFile(
        fmt,
        idx + 1 if fmt != "parquet" else 0,
        *got,
        version=version.number,
        reported_on=day.day,
        warnings=(*told, *said, *(f"{path}: {w}" for w in (*version.warnings, *day.warnings))),
    )


def stated(
    header: list[str], body: list[list[str]], title: list[str]
) -> tuple[FileVersion, StatedDate]:
    """The version and the report date a report states: its version and report-date
    columns' (one value each), else its title's - read as a metric file's are."""
    roles = map_roles(header)

    def column(role: str) -> tuple[pl.Series | None, str]:
        i = roles.get(role)
        if i is None:
            return None, ""
        return pl.Series([r[i] if i < len(r) else "" for r in body], dtype=pl.String), header[i]

    return file_version(*column("version"), title), report_date(*column("reported_on"), title)


def read_rows(
    path: str,
    header: list[str],
    body: list[tuple[int, list[str]]],
    province: str | None,
    title: str,
    topic: Topic | None = None,
) -> tuple[tuple[ProgressRow, ...], tuple[ProgressReject, ...]]:
    """The rows under a progress header (``body``: each with its row number), whatever they
    were read from: a tabular file, or a report document's appendix table. ``province`` and
    ``title`` (the period the title names) stand for what the rows do not say (no Tỉnh or
    Kỳ báo cáo column); ``topic`` is the plan the report's title names (``report_topic``)."""
    roles = map_roles(header)
    percent = None
    if "percent" in roles:
        cells = [r[roles["percent"]] for _, r in body if roles["percent"] < len(r)]
        percent = percent_column(header[roles["percent"]], [c.strip() for c in cells if c.strip()])
    context = _Context(path, header, roles, province, title, topic, percent)
    rows: list[ProgressRow] = []
    rejects: list[ProgressReject] = []
    for n, cells in body:
        if not any(cells):
            continue  # a blank line
        got = _row(context, n, cells)
        (rows if isinstance(got, ProgressRow) else rejects).append(got)  # type: ignore[arg-type]
    return tuple(rows), tuple(rejects)


@dataclass(frozen=True)
class _Context:
    path: str
    header: list[str]
    roles: dict[str, int]
    province: str | None  # from the title rows
    title: str
    topic: Topic | None
    percent: PercentColumn | None  # the percent column, judged on its values


def _row(c: _Context, n: int, cells: list[str]) -> ProgressRow | ProgressReject:
    def get(role: str) -> str | None:
        i = c.roles.get(role)
        value = cells[i].strip() if i is not None and i < len(cells) else ""
        return value or None

    def reject(why: str) -> ProgressReject:
        raw = json.dumps(dict(zip(c.header, cells, strict=False)), ensure_ascii=False)
        return ProgressReject(n, f"{c.path} row {n}: {why}", raw)

    code, task = get("code"), get("task")
    if code is None and task is None:
        return reject("names no task (Mã nhiệm vụ, STT or Nhiệm vụ)")
    status_raw = get("status")
    if "status" not in c.roles and c.percent is not None:  # percents alone: theirs
        said = percent_value(get("percent") or "", c.percent) if get("percent") else None
        if not isinstance(said, Decimal):
            blank = f"no status: the Tình trạng column is none, and {c.percent.header!r} is blank"
            return reject(said or blank)
        status_raw = LABELS[status_of(said)]
    if status_raw is None:
        return reject("status is blank")
    parsed = parse_status(status_raw)
    if parsed is None:
        return reject(f"status {status_raw!r} is not one of " + ", ".join(LABELS.values()))
    status, reason = parsed
    reason = get("reason") or reason or (get("note") if status == Status.CANNOT_DO else None)
    if needs_reason(status_raw) and reason is None:
        return reject(
            f"status {status_raw!r} gives no reason: write 'Không thực hiện được: <lý do>' "
            "(or the reason in a Lý do column) if it cannot be done, 'Chưa thực hiện' if it "
            "is yet to begin"
        )
    percent_raw, percent = get("percent"), None
    if percent_raw is not None and c.percent is not None:
        read = percent_value(percent_raw, c.percent)
        if isinstance(read, str):
            return reject(read)
        percent = read
    completed_raw = get("completed")
    completed = parse_date(completed_raw) if completed_raw else None
    if completed_raw and completed is None:
        return reject(f"completion date {completed_raw!r} is not a date")
    period_raw = get("period") or (c.title or None)
    if period_raw is None:  # (a blank Kỳ báo cáo cell, or a document naming no period)
        return reject(
            "no reporting period: the Kỳ báo cáo cell is blank, and neither a title row nor "
            "the file name names a period"
        )
    period = parse_period(period_raw)
    if period is None:
        return reject(f"reporting period {period_raw!r} is not a period")
    return ProgressRow(
        n,
        code,
        task,
        get("agency"),
        status,
        reason,
        get("result") if "result" in c.roles and c.roles["result"] != c.roles["status"] else None,
        completed,
        get("evidence"),
        get("period") or (period_raw if period else None),
        period.start if period else None,
        period.end if period else None,
        get("province") or c.province,
        c.topic,
        percent,
        _doubt(c, n, status_raw, status, percent),
    )


def _doubt(
    c: _Context, n: int, status_raw: str, status: Status, percent: Decimal | None
) -> str | None:
    """The note on a status its percent contradicts (the status is what counts), naming the
    row (its file: the note's, the issue's ``source_sha256``)."""
    if percent is None or c.percent is None or not contradiction(status, percent):
        return None
    shown = format(percent.normalize(), "f")
    return (
        f"row {n}: status {status_raw!r} contradicts {shown}% in "
        f"{c.percent.header!r}; the status counts: correct the one that is wrong and send "
        "the report again"
    )
