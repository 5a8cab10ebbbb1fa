"""A flat frame as a workbook an official can open: Vietnamese column titles, number
formats by meaning (years plain, shares ``0.0``), frozen header, filters, columns fitted,
statuses coloured. Every text cell is written as text (never as a formula)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from parplan.labels import column_labels
from parplan.output import UsageError

MAX_ROWS = 1_048_575  # an Excel sheet's rows, less the header
MAX_WIDTH = 60  # characters; longer text wraps in the cell instead

# Status colours (Excel's own "good / bad / neutral" fills), by the marts' status codes.
STATUS_FILLS = {
    "met": ("#C6EFCE", "#006100"),
    "not_met": ("#FFC7CE", "#9C0006"),
    "pending": ("#FFEB9C", "#9C5700"),
    "no_data": ("#EDEDED", "#3F3F3F"),
}


def number_format(column: str, dtype: pl.DataType) -> str | None:
    """The display format a column's meaning asks for.

    >>> [number_format(c, pl.Int32()) for c in ("plan_year", "target_no", "tasks")]
    ['0', '0', '#,##0']
    >>> [number_format(c, pl.Float64()) for c in ("share_met_pct", "share_met", "gap")]
    ['0.0', '0.0', '#,##0.0##']
    """
    if dtype.is_integer():
        is_id = column.endswith(("year", "_no", "_row", "line", "page"))
        return "0" if is_id else "#,##0"
    if dtype.is_float() or dtype.is_decimal():
        return "0.0" if column.endswith("_pct") or column.startswith("share") else "#,##0.0##"
    if dtype == pl.Date:
        return "yyyy-mm-dd"
    if dtype == pl.Datetime:
        return "yyyy-mm-dd hh:mm:ss"
    return None


def _sheet_name(relation: str | None) -> str:
    name = relation or "ket_qua"
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31]


def _write_cell(ws: Any, row: int, col: int, value: Any, fmt: Any, text_fmt: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(row, col, float(value), fmt)
    elif isinstance(value, dt.datetime | dt.date):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), text_fmt)


def write_xlsx(frame: pl.DataFrame, path: Path, relation: str | None) -> None:
    """Write a flat frame (no nested columns) to ``path`` as one worksheet."""
    if frame.height > MAX_ROWS:
        raise UsageError(
            f"{frame.height} rows do not fit an Excel sheet ({MAX_ROWS}): "
            "export to .csv or .parquet, or narrow the query"
        )
    titles = column_labels(relation, frame.columns)
    with xlsxwriter.Workbook(str(path), {"remove_timezone": True}) as wb:
        ws = wb.add_worksheet(_sheet_name(relation))
        header = wb.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "bottom": 1}
        )
        # quote_prefix: Excel shows the text as written and never turns it into a formula
        text = wb.add_format({"quote_prefix": True, "valign": "top"})
        formats = []
        for name, dtype in frame.schema.items():
            code = number_format(name, dtype)
            formats.append(wb.add_format({"num_format": code, "valign": "top"}) if code else None)
        ws.write_row(0, 0, titles, header)
        for r, values in enumerate(frame.iter_rows(), start=1):
            for c, value in enumerate(values):
                _write_cell(ws, r, c, value, formats[c], text)
        last = max(frame.height, 1)
        for c, name in enumerate(frame.columns):
            if name == "status":
                for status, (bg, fg) in STATUS_FILLS.items():
                    fill = wb.add_format({"bg_color": bg, "font_color": fg})
                    ws.conditional_format(
                        1,
                        c,
                        last,
                        c,
                        {"type": "cell", "criteria": "==", "value": f'"{status}"', "format": fill},
                    )
        ws.freeze_panes(1, 0)
        if frame.width:
            ws.autofilter(0, 0, last, frame.width - 1)
        ws.autofit(max_width=MAX_WIDTH * 7)  # xlsxwriter measures in pixels (~7 a character)
