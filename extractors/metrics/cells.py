"""Typed cells through a text pipeline: a number an XLSX or Parquet file stores as a number
travels as ``TYPED`` + its exact decimal text, so the judge reads it as the number it is
and never with a text convention (88.456 is not 88456). A formula without a value to
trust travels as ``UNCACHED``.

>>> typed_number("\\x0088.456"), typed_number("\\x0055.3%"), typed_number("88,5") is None
(Decimal('88.456'), Decimal('55.3'), True)
>>> shown("\\x0055.3"), shown("\\x00formula")
('55.3', '(formula without a cached value)')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

import polars as pl

from extractors.metrics.xlsx import XlsxSheet
from extractors.xlsx_workbook import CellMarks

TYPED = "\x00"  # no text cell starts with NUL: the marker of a number stored as a number
UNCACHED = TYPED + "formula"


def typed_number(raw: str) -> Decimal | None:
    """The number a typed cell holds (None: not a typed cell, or an uncached formula); a
    cell shown as a percent ends with "%" (already on the 0-100 scale)."""
    if not raw.startswith(TYPED) or raw == UNCACHED:
        return None
    try:
        return Decimal(raw[1:].removesuffix("%"))
    except InvalidOperation:
        return None


def shown(raw: str | None) -> str | None:
    """A value as a person reads it in the file (for reasons and raw records)."""
    if raw is None or not raw.startswith(TYPED):
        return raw
    return "(formula without a cached value)" if raw == UNCACHED else raw[1:]


def typed_expr(number: pl.Expr, percent: bool) -> pl.Expr:
    """A number column as typed text; a percent-formatted one on the 0-100 scale with its
    "%" (0.553 shown as 55.3% is 55.3%, rounded to 9 places so 0.553 * 100 is not
    55.300000000000004): a cell shown as a percent says it is one, however small."""
    if percent:
        return pl.lit(TYPED) + (number * 100).round(9).cast(pl.String) + pl.lit("%")
    return pl.lit(TYPED) + number.cast(pl.String)


def typed_frame(sheet: XlsxSheet, numeric: list[int], marks: CellMarks) -> pl.DataFrame:
    """The sheet as text, its ``numeric`` columns' number cells as typed text (the cells
    shown as percents scaled, each on its own), their text cells left as text (for the
    convention their column proves, though calamine read '1.500' as 1.5) and their formulas
    without a cached value marked ``UNCACHED``."""
    text, numbers = sheet.text, sheet.numbers
    uncached, as_text, percent = (
        _by_column(sheet.uncached),
        _by_column(marks.text),
        _by_column(marks.percent),
    )
    columns = []
    for i, name in enumerate(text.columns):
        if i not in numeric or name not in numbers.columns:
            columns.append(text[name])
            continue
        number = numbers[name]
        if i in as_text:
            number = number.scatter(as_text[i], None)
        shown_percent = pl.repeat(False, text.height, eager=True)
        if i in percent:
            shown_percent = shown_percent.scatter(percent[i], True)
        merged = pl.select(
            pl.when(pl.lit(number).is_not_null())
            .then(
                pl.when(pl.lit(shown_percent))
                .then(typed_expr(pl.lit(number), True))
                .otherwise(typed_expr(pl.lit(number), False))
            )
            .otherwise(pl.lit(text[name]))
            .alias(name)
        ).to_series()
        if i in uncached:
            merged = merged.scatter(uncached[i], UNCACHED)
        columns.append(merged)
    return pl.DataFrame(columns)


def _by_column(cells: Sequence[tuple[int, int]]) -> dict[int, list[int]]:
    """Sheet (row, column) cells as frame rows per column (frame rows start at sheet row 1)."""
    out: dict[int, list[int]] = {}
    for row, col in cells:
        out.setdefault(col, []).append(row - 1)
    return out
