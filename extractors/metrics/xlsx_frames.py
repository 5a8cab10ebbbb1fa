"""A sheet as calamine reads it into frames: every cell as text and, where it is one, as a
number (columns ``c0``, ``c1`` ... from the sheet's first used column, rows from sheet row
1). calamine gives one type per column, so a sheet is read once when its head
(``xlsx_head``) says which columns are numbers, else twice (``read_once``, ``read_twice``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import fastexcel
import polars as pl

from extractors.xlsx_head import SheetHead, as_headed

_WHOLE = r"^-?\d+$"  # a plain whole number as text: exact as text and as a float


def read_twice(
    book: fastexcel.ExcelReader, index: int, as_text: Any = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every cell as text, and every cell as a number where it is one (``as_text``: the
    sheet's reading as text, ``first_parse``'s, when it is done already)."""
    if as_text is None:
        as_text = book.load_sheet(index, header_row=None, skip_rows=0, dtypes="string").to_arrow()
    text = _frame_of(as_text)
    numbers = _frame(book.load_sheet(index, header_row=None, skip_rows=0, dtypes="float"))
    return text, numbers


def read_once(
    book: fastexcel.ExcelReader,
    index: int,
    head: SheetHead,
    first_col: int,
    number_text: Callable[[], bool],
    parsed: tuple[Any, Any] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The text and numbers of ``read_twice``, from one reading when the sheet is as its
    head says: the head's number columns read as numbers (their header cells' text from
    the head, their text cells' from calamine's errors: ``said_texts``), the others as
    text (whose numbers are whole ones, exact as text). Else - a cell under a number
    column's head that is neither a number nor text (a spreadsheet error), a fraction in a
    text column, or text a float reading takes for a number ('1.500', ``number_text``)
    where a column is read as numbers - the columns are read again the other way (the
    number columns as text, the others as numbers), and the sheet is read as
    ``read_twice`` reads it.
    ``parsed``: calamine's reading of the sheet as its head says (``as_headed``), when it
    is done already."""
    batch, errors = as_headed(book, index, head, first_col) if parsed is None else parsed
    frame = _frame_of(batch)
    kinds = [frame[c].dtype for c in frame.columns]  # (a column past the head: calamine's)
    if any(k not in (pl.Float64, pl.String) for k in kinds):
        return read_twice(book, index)
    untold = [  # a number column's cells calamine could not read so, but its header's
        e
        for e in (errors.errors if errors else [])
        if (e.position[0] + 1, e.position[1] + first_col) not in head.text
    ]
    said = said_texts(untold)  # their text as calamine quotes it (None: not all text)
    distinct = {c: frame[c].unique() for c in frame.columns if frame[c].dtype == pl.String}
    if (
        said is None
        or any(_fraction_like(values) for values in distinct.values())
        or (pl.Float64 in kinds and number_text())
    ):
        flipped: dict[int | str, fastexcel.DType] = {
            i: "string" if k == pl.Float64 else "float" for i, k in enumerate(kinds)
        }
        other = _frame(book.load_sheet(index, header_row=None, skip_rows=0, dtypes=flipped))
        return (
            pl.DataFrame(
                frame[c] if k == pl.String else other[c]
                for c, k in zip(frame.columns, kinds, strict=True)
            ),
            pl.DataFrame(
                frame[c] if k == pl.Float64 else other[c]
                for c, k in zip(frame.columns, kinds, strict=True)
            ),
        )
    fills: dict[str, tuple[list[int], list[str]]] = {}
    # the header's text cells (with a '1.500' a float reading took), then the text cells
    # under it
    told = {(row - 1, col - first_col): cell for (row, col), cell in head.text.items()}
    for (row, col), cell in (told | said).items():
        name = f"c{col}"
        if name in frame.columns and frame[name].dtype == pl.Float64:
            rows, values = fills.setdefault(name, ([], []))
            rows.append(row)
            values.append(cell)
    text, numbers = [], []
    for name in frame.columns:
        column = frame[name]
        if column.dtype == pl.Float64:
            shown = shown_numbers(column)
            text.append(shown.scatter(*fills[name]) if name in fills else shown)
            numbers.append(column)
        else:
            text.append(column)
            numbers.append(whole_numbers(column, distinct[name]))
    return pl.DataFrame(text), pl.DataFrame(numbers)


# calamine's word for a text cell a column of numbers cannot hold: the text in Rust's
# debug quoting (a quote, a backslash and control characters escaped, a combining accent
# as \u{301})
_SAID = re.compile(
    r"Expected float but got 'String\(\""
    r"""((?:[^"\\]|\\[tnr0\\"']|\\u\{[0-9a-f]{1,6}\})*)"""
    r"\"\)'"
)
_ESCAPED = re.compile(r"\\(?:u\{([0-9a-f]+)\}|(.))")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "0": "\0"}


def said_texts(errors: list[Any]) -> dict[tuple[int, int], str] | None:
    """The text of the cells calamine could not read as numbers ((frame row, column) ->
    text), from its errors; None when one of them is not a text cell (a spreadsheet error,
    a date) or is not quoted as expected: the caller then reads the sheet the other way."""
    out = {}
    for e in errors:
        m = _SAID.fullmatch(e.detail)
        if m is None:
            return None
        out[e.position] = _ESCAPED.sub(
            lambda x: chr(int(x[1], 16)) if x[1] else _ESCAPES.get(x[2], x[2]), m[1]
        )
    return out


def whole_numbers(text: pl.Series, distinct: pl.Series | None = None) -> pl.Series:
    """The cells of a text column that are plain whole numbers ('-12') as numbers, the
    others null. Its distinct values (``distinct``, when the caller has them) are looked
    at first: a column of names holds none, and is not gone over cell by cell."""
    values = text.unique() if distinct is None else distinct
    if not values.str.contains(_WHOLE).any():
        return pl.repeat(None, text.len(), dtype=pl.Float64, eager=True).alias(text.name)
    whole = text.str.contains(_WHOLE)
    return pl.select(
        pl.when(whole).then(text.cast(pl.Float64, strict=False)).alias(text.name)
    ).to_series()


def _fraction_like(values: pl.Series) -> bool:
    """Whether a text column's distinct ``values`` (a text column repeats its names) hold
    one a float reading takes for a number other than a whole one."""
    whole = values.str.contains(_WHOLE)
    return bool((values.cast(pl.Float64, strict=False).is_not_null() & ~whole).any())


def shown_numbers(number: pl.Series) -> pl.Series:
    """Numbers as text, a whole one without its '.0' (as calamine gives it); a column of
    whole numbers (counts, the usual number column) is not written as floats at all."""
    whole = number.is_finite() & (number == number.round(0)) & (number.abs() < 1e15)
    as_whole = number.cast(pl.Int64, strict=False).cast(pl.String)
    if (whole | number.is_null()).all():
        return as_whole.alias(number.name)
    return pl.select(
        pl.when(whole).then(as_whole).otherwise(number.cast(pl.String)).alias(number.name)
    ).to_series()


def _frame(sheet: object) -> pl.DataFrame:
    return _frame_of(sheet.to_arrow())  # type: ignore[attr-defined]


def _frame_of(batch: Any) -> pl.DataFrame:
    frame = pl.DataFrame(batch)
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
