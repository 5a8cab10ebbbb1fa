"""A tabular file's cells as text, row by row (progress files are small: read whole), with
the metric reader's format sniffing, CSV dialect and XLSX safeguards."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.formats import MetricFormat, as_utf8, metric_format, read_parquet
from extractors.metrics.layout import csv_head
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet, read_sheet_within
from extractors.utf8_twice import NOTE, resaved_utf8
from extractors.windows_1258 import READ_AS_WINDOWS_1258, as_windows_1258
from extractors.xlsx_workbook import cell_marks, percent_styles


def cell_text(value: object) -> str:
    """A cell as text: a whole float as an integer (XLSX stores 1 as 1.0), a date as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def xlsx_rows(
    data: bytes,
    path: str,
    sheet: str | None,
    limits: XlsxLimits | None,
    book: XlsxSheet | None = None,
    rows: int | None = None,
) -> list[list[str]]:
    """A sheet's rows as text (the first ``rows``, else all; a cell shown as a percent as
    it is shown, 0.5 as '50%'), read as the metric reader reads it (``limits``: in a child
    process, so a workbook that kills calamine is refused, not a crash), unless ``book`` is
    the sheet already read."""
    if book is None:
        book = read_sheet_within(data, path, sheet, limits)
    text = book.text if rows is None else book.text.head(rows)
    out = [[cell_text(v) for v in r] for r in text.iter_rows()]
    if rows is None:  # (a head is read for its header's text only)
        for row, col in _percent_cells(data, book):
            number = book.numbers[f"c{col}"][row] if f"c{col}" in book.numbers.columns else None
            if row < len(out) and isinstance(number, float):
                out[row][col] = shown_percent(number)
    return out


def _percent_cells(data: bytes, book: XlsxSheet) -> list[tuple[int, int]]:
    """(row, column) in the frames of the cells shown as percents."""
    styles = set(percent_styles(data) if book.percent_styles is None else book.percent_styles)
    columns = [int(c[1:]) + book.first_col for c in book.text.columns]
    found = cell_marks(data, book.part, columns, False, styles).percent
    return [(r - 1, c - book.first_col) for r, c in found]


def shown_percent(number: float) -> str:
    """A number shown with a percent format, as the agency sees it: 0.5 is '50%'.

    >>> shown_percent(1.0), shown_percent(0.5), shown_percent(0.875), shown_percent(0.0)
    ('100%', '50%', '87.5%', '0%')
    """
    return format(round(number * 100, 9), "f").rstrip("0").rstrip(".") + "%"


def table_rows(
    data: bytes,
    path: str,
    sheet: str | None = None,
    limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> tuple[MetricFormat, list[list[str]], tuple[str, ...]]:
    """The format, every row as text (a Parquet file's first row is its column names) and
    what the file is told of how it was read (a CSV read as Windows-1258). ``book``: an
    XLSX file's sheet already read."""
    fmt = metric_format(data, path)
    if fmt == "csv":
        _, sep = csv_head(data, path)
        text, told = csv_text(data, path)
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=sep)]
        return fmt, rows, told
    if fmt == "xlsx":
        return fmt, xlsx_rows(data, path, sheet, limits, book), ()
    frame = read_parquet(pl.read_parquet, data, path)
    return fmt, [list(frame.columns), *([cell_text(v) for v in r] for r in frame.iter_rows())], ()


def csv_text(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """A CSV's text: UTF-8 (or UTF-16, read as such), else Vietnamese text saved as
    Windows-1258 by old office software (``as_windows_1258``: only on evidence), with a
    note saying so; UTF-8 read as Windows-1252 and saved again converted back, with a note
    (``resaved_utf8``); else refused, naming the byte."""
    try:
        text = as_utf8(data, path).decode("utf-8-sig")
        twice = resaved_utf8(text)  # UTF-8 read as Windows-1252 and saved again
        return (text, ()) if twice is None else (twice, (NOTE,))
    except UnicodeDecodeError as exc:
        legacy = as_windows_1258(data)
        if legacy is not None:
            return legacy, (READ_AS_WINDOWS_1258,)
        raise ExtractionError(
            path,
            f"not UTF-8 text (byte {exc.start} of the file), nor Vietnamese text in "
            "Windows-1258; re-save the CSV as UTF-8",
        ) from exc


HEAD_ROWS = 15  # rows looked at for a header (as the metric reader looks)


def head_rows(
    data: bytes,
    path: str,
    sheet: str | None = None,
    limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> list[list[str]]:
    """The first rows as text, for recognising a file without reading it all: a CSV's head,
    an XLSX sheet's first rows (after the workbook's safeguards; ``book``: the sheet already
    read), a Parquet's column names."""
    fmt = metric_format(data, path)
    if fmt == "csv":
        return csv_head(data, path)[0][:HEAD_ROWS]
    if fmt == "parquet":
        try:
            return [list(pl.read_parquet_schema(io.BytesIO(data)))]
        except Exception:
            return []  # the metric reader says why it is unreadable
    try:
        return xlsx_rows(data, path, sheet, limits, book, HEAD_ROWS)
    except ExtractionError:
        return []  # the metric reader says why the workbook is refused
