"""An XLSX sheet read as the agency sees it (``extractors.xlsx_view`` finds what to see):

* a hidden column is no part of the report as shown: it is left out of the layout (with a
  warning naming it), so a visible column of the same role is the one read;
* a hidden row is not loaded unseen: it is rejected, naming it (it may be a row an
  autofilter hid, or an old figure the agency hid; only the agency can say which), and
  the visible rows are judged without it;
* a merged range below the header holds its first cell's value in every cell it covers
  (agencies merge a province, an indicator or an agency down its rows); a blank cell
  outside a merge stays blank;
* a yes/no or error cell in a number column is no number: it is marked (``cells.ODD``) so
  its row is rejected, naming the cell;
* a period typed as a date and shown by its year alone (``yyyy``) is that year, as the
  agency sees it (calamine gives the date; its first of January would read as January);
* a count (Tử số, Mẫu số) in a cell shown as a percent is the number it holds: the
  percent format is ignored, with a warning naming the column.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import polars as pl

from extractors.metrics.cells import ODD, raw_record, reject_rows
from extractors.metrics.xlsx import XlsxSheet
from extractors.xlsx_view import SheetView
from extractors.xlsx_workbook import CellMarks, column_letters

if TYPE_CHECKING:  # (the layout reads the sheet through this module)
    from extractors.metrics.layout import Layout


def visible_columns(book: XlsxSheet, view: SheetView) -> XlsxSheet:
    """The sheet without its hidden columns' cells (the frames keep their columns)."""
    hidden = [f"c{c - book.first_col}" for c in view.hidden_columns if c >= book.first_col]
    hidden = [c for c in hidden if c in book.text.columns]
    if not hidden:
        return book

    def blank(frame: pl.DataFrame) -> pl.DataFrame:
        present = [c for c in hidden if c in frame.columns]
        return frame.with_columns(pl.lit(None, frame[c].dtype).alias(c) for c in present)

    return replace(book, text=blank(book.text), numbers=blank(book.numbers))


def hidden_column_notes(book: XlsxSheet, view: SheetView, header_row: int) -> list[str]:
    """A warning per hidden column holding anything from the header row down."""
    notes = []
    for c in sorted(view.hidden_columns):
        name = f"c{c - book.first_col}"
        if c < book.first_col or name not in book.text.columns:
            continue
        cells = book.text[name].slice(max(header_row - 1, 0)).drop_nulls()
        if cells.len():
            notes.append(
                f"column '{cells[0]}' (column {c - book.first_col + 1}) is hidden in the "
                "workbook; its cells are not loaded"
            )
    return notes


def counts_not_percent(marks: CellMarks, layout: Layout) -> tuple[CellMarks, list[str]]:
    """The percent marks without the count columns' (Tử số, Mẫu số), and a warning per
    count column that had any."""
    counts = {layout.roles[r]: r for r in ("numerator", "denominator") if r in layout.roles}
    for _, cols in layout.groups:
        counts.update({cols[r]: r for r in ("numerator", "denominator") if r in cols})
    found = sorted({c for _, c in marks.percent if c in counts})
    notes = [
        f"column '{layout.header[c]}' (column {c + 1}): the percent format of its cells was "
        "ignored; a count is the number its cell holds"
        for c in found
    ]
    kept = [(r, c) for r, c in marks.percent if c not in counts]
    return CellMarks(marks.text, kept), notes


def as_shown(
    cells: pl.DataFrame, view: SheetView | None, numeric: list[int], first_col: int, body: int
) -> pl.DataFrame:
    """The typed frame with its yes/no and error cells in ``numeric`` columns marked, and
    the merged ranges that start below the header (``body``: the first body row, 0-based
    in the frame) filled with their first cell."""
    if view is None:
        return cells
    updates: dict[str, pl.Series] = {}

    def column(name: str) -> pl.Series:
        return updates.get(name, cells[name])

    for row, col, value in view.odd_cells:
        name = f"c{col - first_col}"
        if col - first_col in numeric and name in cells.columns and row - 1 < cells.height:
            ref = f"{column_letters(col)}{row}"
            updates[name] = column(name).scatter(row - 1, f"{ODD}{ref}\t{value}")
    for r1, c1, r2, c2 in view.merged:
        top = f"c{c1 - first_col}"
        if r1 - 1 < body or r2 == r1 or r1 > cells.height or top not in cells.columns:
            continue  # in the header, across one row only, or past the sheet's cells
        first = column(top)[r1 - 1]
        rows = list(range(r1 - 1, min(r2, cells.height)))
        for c in range(c1, c2 + 1):
            name = f"c{c - first_col}"
            if name in cells.columns:
                updates[name] = column(name).scatter(rows, first)
    return cells.with_columns(updates.values()) if updates else cells


def years_as_shown(cells: pl.DataFrame, column: str, rows: list[int]) -> pl.DataFrame:
    """The frame with the date cells of ``column`` in the sheet ``rows`` (cells shown as a
    year alone) written as their year: '2023-01-01 00:00:00' is '2023'."""
    rows = [r - 1 for r in rows if r - 1 < cells.height]
    if not rows or column not in cells.columns:
        return cells
    text = cells[column]
    year = text.gather(rows).str.extract(r"^((?:19|20)\d\d)-\d\d-\d\d(?:[ T][\d:.]+)?$")
    shown = pl.Series(rows, dtype=pl.UInt32)
    keep = year.is_not_null()
    return cells.with_columns(text.scatter(shown.filter(keep), year.filter(keep)))


def hidden_rows(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The body without its hidden rows, and those rows rejected (source_row, reason,
    raw_record as the judge writes them)."""
    rows = layout.view.hidden_rows if layout.view else ()
    if not rows:
        return body, reject_rows([])
    hidden = body["source_row"].is_in(list(rows))
    out = []
    for src in body.filter(hidden).iter_rows(named=True):
        reason = (
            f"row {src['source_row']} is hidden in the workbook: a hidden row is not loaded "
            "unseen (unhide it to load it, or delete it)"
        )
        out.append((src["source_row"], reason, raw_record(src)))
    return body.filter(~hidden), reject_rows(out)
