"""The layout of a metric file: title rows, the header row (the first of 15 that names an
agency column) and each column's role; a file with an indicator column is *long*, one with a
column per indicator *wide*."""

from __future__ import annotations

import csv
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.metric_headers import read_header, role_of
from extractors.metrics.as_shown import hidden_column_notes, visible_columns
from extractors.metrics.counted_headers import counted_pair
from extractors.metrics.cumulative_columns import cumulative_columns, read_as
from extractors.metrics.estimate_notes import file_estimate
from extractors.metrics.formats import MetricFormat, metric_format, read_parquet
from extractors.metrics.header_scale import scaled_columns, title_scaled, units_row
from extractors.metrics.period_columns import period_columns, yearless_reason
from extractors.metrics.period_parts import part_word, two_parts
from extractors.metrics.sideways import agencies_across, sideways
from extractors.metrics.vocabulary import (
    NUMERIC_ROLES,
    header_index,
    header_rows,
    numbering_row,
    planned_columns,
    wide_groups,
)
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet, read_sheet_within
from extractors.parse_period import find_period
from extractors.province_name import issuer_province, named_province
from extractors.sniff import separator, separator_hint, utf16_codec
from extractors.utf8_twice import resaved_utf8
from extractors.windows_1258 import as_windows_1258
from extractors.xlsx_view import SheetView, sheet_view


@dataclass
class Layout:
    file_format: MetricFormat
    title: list[str]
    header: list[str]
    header_row: int  # 1-based row of the header in the file (0: no header row, Parquet)
    roles: dict[str, int]  # role -> column index
    measures: list[int]  # wide layout: indicator columns
    sep: str = ","
    typed: set[str] = field(default_factory=set)  # numeric roles stored as numbers
    warnings: list[str] = field(default_factory=list)  # columns matched loosely or not at all
    # wide layout: merged groups, each an indicator with its sub-columns by numeric role
    groups: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    numbering: int = 0  # rows under the header that number its columns or give their units
    notes: list[str] = field(default_factory=list)  # rows not read as data, and why
    # a workbook's other sheets with a header row this reader understands: figures not read
    unread_sheets: list[str] = field(default_factory=list)
    view: SheetView | None = None  # XLSX: merges, hidden columns and rows, odd cells
    value_year: int | None = None  # the year the value column's header names (Giá trị 2023)
    periods: dict[int, str] = field(default_factory=dict)  # a column per period: its label
    period_part: int | None = None  # the column of the period's part (Quý), ``period_parts``
    # cumulative figures beside the period's: role -> column (``cumulative_columns``)
    cumulative: dict[str, int] = field(default_factory=dict)
    sectioned: bool = False  # no indicator column: each indicator a heading row over its rows
    part_year: int | None = None  # its year, when no column gives it: the title's, the name's
    sheet: str = ""  # XLSX: the sheet read, whose name may be its period (``sheet_period``)
    estimate: str | None = None  # the kind of figure the whole file states (``file_estimate``)
    below: list[str] = field(default_factory=list)  # notes under it cutting the year short

    @property
    def body_row(self) -> int:
        """The rows before the first data row (title, header, a numbering row)."""
        return self.header_row + self.numbering

    @property
    def period_sources(self) -> list[str]:
        """Where a file without a period column names its period, first first: the value
        column's header ("Giá trị năm 2023"), then the title rows."""
        return [f"Năm {self.value_year}"] * (self.value_year is not None) + self.title

    @property
    def layout(self) -> str:
        return "wide" if self.measures or self.groups else "long"

    @property
    def figures(self) -> list[int]:
        """The columns of figures (``figure_columns``)."""
        figures = figure_columns(self.roles, self.measures, self.groups) + list(self.periods)
        return figures + list(self.cumulative.values())


def figure_columns(
    roles: dict[str, int], measures: list[int], groups: list[tuple[str, dict[str, int]]]
) -> list[int]:
    """The columns that hold figures: a long file's counts and value, a wide file's
    indicator columns and the sub-columns of its merged groups."""
    figures = [roles[r] for r in NUMERIC_ROLES if r in roles] + measures
    return figures + [i for _, cols in groups for i in cols.values()]


def title_province(title: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN TỈNH LONG AN" (or "... tỉnh Long An") in a title row -> "Long An"."""
    return issuer_province(title) or next(filter(None, map(named_province, title)), None)


def _layout(
    file_format: MetricFormat,
    rows: list[list[str]],
    path: str,
    sep: str = ",",
    typed_cols: set[int] | None = None,
) -> Layout:
    idx = header_index(rows)
    if idx is None:
        across = agencies_across(rows)  # agencies across a row: written sideways, no corner
        raise ExtractionError(
            path,
            "no header row with an agency column in the first 15 rows "
            "(looked for Cơ quan, Đơn vị, agency)" + (f"; {across}" if across else ""),
        )
    if why := sideways(rows, idx):  # the column names down a column: written transposed
        raise ExtractionError(path, why)
    header, height = header_rows(rows, idx)
    roles_header, groups = wide_groups(header)
    # planned figures beside reported ones, and in a wide file counts naming no indicator:
    # known, said, never loaded as a figure (nor "Chỉ tiêu (%)" taken for the indicator)
    planned = planned_columns(roles_header, wide=False)
    unplanned = ["" if i in planned else h for i, h in enumerate(roles_header)]
    if not any(role_of(h)[0] == "indicator" for h in unplanned):
        planned |= planned_columns(unplanned, wide=True)
    roles_header = ["" if i in planned else h for i, h in enumerate(roles_header)]
    reading = read_header(roles_header)
    if reading.problems:
        raise ExtractionError(path, "; ".join(reading.problems))
    roles = reading.roles
    # a year and its part in two columns (Năm, Quý), or a part column alone: one period
    parts = [i for i in reading.others if part_word(header[i])]
    if len(parts) > 1:
        raise ExtractionError(path, two_parts(header, parts))
    if parts and "period" not in roles:
        roles["period"] = parts[0]  # the period column: "I/2024", "Quý II/2024"
    others = [i for i in reading.others if i not in parts]
    title = [t for t in (" ".join(c.strip() for c in r if c.strip()) for r in rows[:idx]) if t]
    # a part column alone ("Tháng": 1, 2 ...): its year the title's or the file name's
    alone = bool(parts) and roles["period"] == parts[0]
    named = next(filter(None, map(find_period, [*title, Path(path).stem])), None) if alone else None
    warnings = [n.why for n in reading.near] + list(planned.values())
    counted = (  # "Số hồ sơ trực tuyến | Tổng số hồ sơ": a part and its total, the counts
        counted_pair(roles_header, others)
        if "indicator" in roles and not {"numerator", "denominator"} & set(roles)
        else None
    )
    if counted is not None:
        roles.update(numerator=counted.numerator, denominator=counted.denominator)
        others = [i for i in others if i not in (counted.numerator, counted.denominator)]
        warnings.append(counted.note)
    measures: list[int] = []
    # no value, count or period column: the figures may stand in a column per period (a
    # part of a year, its year the header's, the title's or the file name's; or a year)
    by_period = "indicator" in roles and not {"value", "numerator", "period"} & set(roles)
    periods = period_columns(header, others, [*title, Path(path).stem]) if by_period else {}
    periods.update((i, f"Năm {y}") for i, y in reading.years.items())
    cumulative: dict[str, int] = {}
    sectioned = False
    if "indicator" in roles and not periods:  # "Lũy kế từ đầu năm" beside the period's figures
        cumulative = cumulative_columns(header, others)
        others = [i for i in others if i not in cumulative.values()]
        warnings += read_as(header, cumulative)
    if "indicator" in roles:
        if not any(r in roles for r in ("value", "numerator")) and not periods:
            raise ExtractionError(
                path,
                yearless_reason(header, others)
                or "long layout without a value column (looked for Giá trị, Tỷ lệ (%), Tử số, "
                "value)",
            )
        warnings += [
            f"column '{header[i]}' (column {i + 1}) not understood; its cells are not loaded"
            for i in others
            if i not in periods
        ]
    else:
        measures = list(others)
        # no Chỉ tiêu column, no column per indicator, but counts or a value: each
        # indicator's name a row above its agencies (``indicator_sections``)
        sectioned = not measures and not groups and bool({"value", "numerator"} & set(roles))
        if not measures and not groups and not sectioned:
            raise ExtractionError(
                path,
                "no indicator columns: neither a long layout (Chỉ tiêu "
                "+ Giá trị) nor a wide one (one column per indicator)",
            )
        warnings += [  # a count or value with no indicator to report: never dropped unsaid
            f"column '{header[roles[r]]}' (column {roles[r] + 1}) was taken for the {r}, "
            "but a wide file has no Chỉ tiêu column to say which indicator it reports; "
            "its cells are not loaded"
            for r in NUMERIC_ROLES
            if r in roles and not sectioned
        ]
    typed = {r for r in NUMERIC_ROLES if r in roles and roles[r] in (typed_cols or set())}
    if measures and all(i in (typed_cols or set()) for i in measures):
        typed.add("value")
    if periods and all(i in (typed_cols or set()) for i in periods):
        typed.add("value")
    header_row = idx + height if file_format != "parquet" else 0
    under = rows[header_row] if file_format != "parquet" and header_row < len(rows) else []
    figures = figure_columns(roles, measures, groups) + list(periods)
    scaled = title_scaled(rows[:idx]) + scaled_columns(header, figures, under, header_row + 1)
    if scaled:  # thousands or millions: not the counts the warehouse keeps
        raise ExtractionError(path, "; ".join(scaled))
    stated = file_estimate(title, [header[i] for i in figures])
    numbered = numbering_row(under)
    units = not numbered and units_row(under, figures)  # "hồ sơ", "%" under the header
    said = ", ".join(c.strip() for c in under if c.strip())
    notes = [
        f"row {header_row + 1} numbers the columns ({said}), as statistical tables do: "
        "skipped, not read as data"
    ] * numbered + [
        f"row {header_row + 1} gives the columns' units ({said}): skipped, not read as data"
    ] * units
    notes += [stated[1]] if stated else []  # the title or a header: every figure an estimate
    return Layout(
        file_format, title, header, header_row, roles, measures, sep, typed, warnings, groups,
        numbering=int(numbered or units), notes=notes, value_year=reading.value_year,
        periods=periods, period_part=parts[0] if parts else None,
        part_year=named.year if named else None, cumulative=cumulative, sectioned=sectioned,
        estimate=stated[0] if stated else None,
    )  # fmt: skip


def _holds_figures(rows: tuple[tuple[str, ...], ...], path: str) -> bool:
    """Whether a sheet's first rows have a header row this reader understands."""
    try:
        _layout("xlsx", [list(r) for r in rows], path)
    except ExtractionError:
        return False
    return True


def unread_sheet_message(path: str, sheet: str) -> str:
    """What a user is told of a sheet with figures the ingest did not read, and how to."""
    return (
        f"sheet {sheet!r} also has a header row of figures and was not read; "
        f"load it with: parplan ingest {shlex.quote(path)} --sheet {shlex.quote(sheet)}"
    )


def csv_head(data: bytes, path: str) -> tuple[list[list[str]], str]:
    """A CSV's first rows, split by the separator they prove (``sniff.separator``)."""
    lines = csv_lines(data, path)
    sep = separator(lines)
    return list(csv.reader(lines, delimiter=sep)), sep


def csv_lines(data: bytes, path: str) -> list[str]:
    """A CSV's first 20 lines as text (UTF-8, or UTF-16 or Windows-1258 read as such; UTF-8
    read as Windows-1252 and saved again, converted back)."""
    codec = utf16_codec(data)
    if codec:  # (the head only: a character cut at its end is dropped)
        data = data[:131072].decode(codec, "ignore").encode("utf-8")
    head = data[3:65539] if data.startswith(b"\xef\xbb\xbf") else data[:65536]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = as_windows_1258(head)  # (its reader converts the whole file: metrics.read)
        if legacy is not None:
            text = legacy
        elif exc.start < len(head) - 4:  # not merely a character cut at the sample's end
            line = head[: exc.start].count(b"\n") + 1
            raise ExtractionError(
                path,
                f"not UTF-8 text (line {line}, byte {exc.start} of the file), nor Vietnamese "
                "text in Windows-1258; re-save the CSV as UTF-8",
            ) from exc
        else:
            text = head[: exc.start].decode("utf-8")
    lines = text.splitlines()[:20]
    for whole in (lines, lines[:-1]):  # (its last line may be cut at the sample's end)
        twice = resaved_utf8("\n".join(whole))  # (its reader converts the whole file, too)
        if twice is not None:
            return twice.splitlines()
    return lines


def read_layout(
    data: bytes,
    path: str,
    sheet: str | None = None,
    xlsx_limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> tuple[Layout, XlsxSheet | None]:
    """The layout, plus the XLSX sheet read (None for CSV and Parquet, whose body
    ``read_body`` reads itself). ``xlsx_limits``: read an XLSX in a child process with these
    limits (else in this one); ``book``: the sheet already read (not read again)."""
    file_format = metric_format(data, path)
    if file_format == "csv":
        rows, sep = csv_head(data, path)
        try:
            return _layout("csv", rows, path, sep), None
        except ExtractionError as exc:  # say so when "|" was seen but not proven
            hint = separator_hint(csv_lines(data, path))
            if hint is None:
                raise
            raise ExtractionError(path, f"{exc.reason}; {hint}") from exc
    if file_format == "xlsx":
        if book is None:
            book = read_sheet_within(data, path, sheet, xlsx_limits)
        # what the agency sees: no hidden column (read beside the sheet, or here)
        view = book.view if book.view is not None else sheet_view(data, book.part)
        seen = visible_columns(book, view)
        head = [["" if v is None else str(v) for v in r] for r in seen.text.head(15).iter_rows()]
        try:
            layout = _layout("xlsx", head, path)
            if sheet is None:  # a sheet chosen by name: the others are the user's choice
                layout.unread_sheets = [
                    name for name, rows in book.other_heads if _holds_figures(rows, path)
                ]
            layout.view, layout.sheet = view, book.name
            layout.warnings += hidden_column_notes(book, view, layout.header_row)
            return layout, seen
        except ExtractionError as exc:
            if sheet is None and book.others:  # an instructions sheet first, say
                hint = ", ".join(repr(s) for s in book.others)
                raise ExtractionError(
                    path,
                    f"{exc.reason} in sheet {book.name!r}; the workbook also has "
                    f"{hint}: choose one with --sheet",
                ) from exc
            raise
    schema = read_parquet(pl.read_parquet_schema, data, path)
    typed = {i for i, t in enumerate(schema.values()) if t.is_numeric()}
    return _layout("parquet", [list(schema)], path, typed_cols=typed), None
