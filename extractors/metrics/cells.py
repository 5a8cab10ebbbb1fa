"""Typed cells through a text pipeline: a number an XLSX or Parquet file stores as a number
travels as ``TYPED`` + its exact decimal text, so the judge reads it as the number it is
and never with a text convention (88.456 is not 88456). A formula without a value to
trust travels as ``UNCACHED``.

>>> typed_number("\\x0088.456"), typed_number("88,5") is None
(Decimal('88.456'), True)
>>> shown("\\x0055.3"), shown("\\x00formula")
('55.3', '(formula without a cached value)')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import polars as pl

from extractors.metrics.xlsx import XlsxSheet

TYPED = "\x00"  # no text cell starts with NUL: the marker of a number stored as a number
UNCACHED = TYPED + "formula"


def typed_number(raw: str) -> Decimal | None:
    """The number a typed cell holds (None: not a typed cell, or an uncached formula)."""
    if not raw.startswith(TYPED) or raw == UNCACHED:
        return None
    try:
        return Decimal(raw[1:])
    except InvalidOperation:
        return None


def shown(raw: str | None) -> str | None:
    """A value as a person reads it in the file (for reasons and raw records)."""
    if raw is None or not raw.startswith(TYPED):
        return raw
    return "(formula without a cached value)" if raw == UNCACHED else raw[1:]


def typed_expr(number: pl.Expr, percent: bool) -> pl.Expr:
    """A number column as typed text; a percent-formatted one on the 0-100 scale (0.553
    shown as 55.3% is 55.3; rounded to 9 places so 0.553 * 100 is not 55.300000000000004)."""
    value = (number * 100).round(9) if percent else number
    return pl.lit(TYPED) + value.cast(pl.String)


def column_is_percent(sheet: XlsxSheet, column: int, header_row: int) -> bool:
    """Whether the first numeric data cells of a column (under the header) show percents."""
    kinds = [
        cols[column]
        for row, cols in sorted(sheet.formats.items())
        if row > header_row and column in cols
    ]
    return bool(kinds) and all(k == "percent" for k in kinds)


def typed_frame(sheet: XlsxSheet, header_row: int, numeric: list[int]) -> pl.DataFrame:
    """The sheet as text, its ``numeric`` columns' number cells as typed text (percent
    columns scaled) and their formulas without a cached value marked ``UNCACHED``."""
    text, numbers = sheet.text, sheet.numbers
    uncached: dict[int, list[int]] = {}
    for row, col in sheet.uncached:
        uncached.setdefault(col, []).append(row - 1)  # frame rows start at sheet row 1
    columns = []
    for i, name in enumerate(text.columns):
        if i not in numeric or name not in numbers.columns:
            columns.append(text[name])
            continue
        merged = pl.select(
            pl.when(pl.lit(numbers[name]).is_not_null())
            .then(typed_expr(pl.lit(numbers[name]), column_is_percent(sheet, i, header_row)))
            .otherwise(pl.lit(text[name]))
            .alias(name)
        ).to_series()
        if i in uncached:
            merged = merged.scatter(uncached[i], UNCACHED)
        columns.append(merged)
    return pl.DataFrame(columns)
