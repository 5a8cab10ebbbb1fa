"""A tabular file's cells as text, row by row (progress files are small: read whole), with
the metric reader's format sniffing, CSV dialect and XLSX safeguards."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import fastexcel
import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.formats import MetricFormat, metric_format
from extractors.metrics.layout import csv_head
from extractors.metrics.xlsx import check_xlsx, xlsx_frame


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


def table_rows(
    data: bytes, path: str, sheet: str | None = None
) -> tuple[MetricFormat, list[list[str]]]:
    """The format and every row as text; a Parquet file's first row is its column names."""
    fmt = metric_format(data, path)
    if fmt == "csv":
        _, sep = csv_head(data, path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                path, f"not UTF-8 text (byte {exc.start} of the file; re-save the CSV as UTF-8)"
            ) from exc
        return fmt, [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=sep)]
    if fmt == "xlsx":
        frame = xlsx_frame(data, path, sheet)
        return fmt, [[cell_text(v) for v in r] for r in frame.iter_rows()]
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc
    return fmt, [list(frame.columns), *([cell_text(v) for v in r] for r in frame.iter_rows())]


HEAD_ROWS = 15  # rows looked at for a header (as the metric reader looks)


def head_rows(data: bytes, path: str, sheet: str | None = None) -> list[list[str]]:
    """The first rows as text, for recognising a file without reading it all: a CSV's head,
    an XLSX sheet's first rows (after the workbook's safeguards), a Parquet's column names."""
    fmt = metric_format(data, path)
    if fmt == "csv":
        return csv_head(data, path)[0][:HEAD_ROWS]
    if fmt == "parquet":
        try:
            return [list(pl.read_parquet_schema(io.BytesIO(data)))]
        except Exception:
            return []  # the metric reader says why it is unreadable
    check_xlsx(data, path)
    try:
        book = fastexcel.read_excel(data)
        name = sheet if sheet is not None else 0
        if sheet is not None and sheet not in book.sheet_names:
            return []  # the metric reader names the sheets there are
        head = book.load_sheet(name, header_row=None, n_rows=HEAD_ROWS).to_polars()
    except Exception:  # calamine raises its own error types; the reader reports them
        return []
    return [[cell_text(v) for v in r] for r in head.iter_rows()]
