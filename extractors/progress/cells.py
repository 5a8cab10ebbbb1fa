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
    """A sheet's rows as text (the first ``rows``, else all), read as the metric reader
    reads it (``limits``: in a child process, so a workbook that kills calamine is refused,
    not a crash), unless ``book`` is the sheet already read."""
    if book is None:
        book = read_sheet_within(data, path, sheet, limits)
    text = book.text if rows is None else book.text.head(rows)
    return [[cell_text(v) for v in r] for r in text.iter_rows()]


def table_rows(
    data: bytes,
    path: str,
    sheet: str | None = None,
    limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> tuple[MetricFormat, list[list[str]]]:
    """The format and every row as text; a Parquet file's first row is its column names.
    ``book``: an XLSX file's sheet already read."""
    fmt = metric_format(data, path)
    if fmt == "csv":
        _, sep = csv_head(data, path)
        try:
            text = as_utf8(data, path).decode("utf-8-sig")  # (UTF-16 text read as such)
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                path, f"not UTF-8 text (byte {exc.start} of the file; re-save the CSV as UTF-8)"
            ) from exc
        return fmt, [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=sep)]
    if fmt == "xlsx":
        return fmt, xlsx_rows(data, path, sheet, limits, book)
    frame = read_parquet(pl.read_parquet, data, path)
    return fmt, [list(frame.columns), *([cell_text(v) for v in r] for r in frame.iter_rows())]


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
