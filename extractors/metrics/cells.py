"""Typed cells through a text pipeline: a number an XLSX or Parquet file stores as a number
travels as ``TYPED`` + its exact decimal text, so the judge reads it as the number it is
and never with a text convention (88.456 is not 88456). A formula without a value to
trust travels as ``UNCACHED``; a yes/no or error cell as ``ODD`` + its place + what it
shows. A number shown with a percent format travels on the 0-100 scale with its "%"
(whether it is a share or a count in a cell formatted as % is the judge's to say:
``percent_cells``).

>>> typed_number("\\x0088.456"), typed_number("\\x0055.3%"), typed_number("88,5") is None
(Decimal('88.456'), Decimal('55.3'), True)
>>> shown("\\x0055.3"), shown("\\x00formula"), shown("\\x00!E5\\tTRUE")
('55.3', '(formula without a cached value)', 'TRUE')
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl

from extractors.metrics.xlsx import XlsxSheet
from extractors.xlsx_workbook import CellMarks

TYPED = "\x00"  # no text cell starts with NUL: the marker of a number stored as a number
UNCACHED = TYPED + "formula"
ODD = TYPED + "!"  # + the cell's place, a tab and what it shows: TRUE, #REF!, #DIV/0!


def typed_number(raw: str) -> Decimal | None:
    """The number a typed cell holds (None: not a typed cell, or an uncached formula); a
    cell shown as a percent ends with "%" (already on the 0-100 scale)."""
    if not raw.startswith(TYPED) or raw == UNCACHED or raw.startswith(ODD):
        return None
    try:
        return Decimal(raw[1:].removesuffix("%"))
    except InvalidOperation:
        return None


def without_text_prefix(raw: str) -> str:
    """A text cell without Excel's text prefix: ``'1.234`` (typed so that a spreadsheet keeps
    it as written, and exported into a CSV with its apostrophe) is ``1.234``, read under its
    column's convention as any other; an apostrophe alone stays as it is.

    >>> without_text_prefix("'1.234"), without_text_prefix("'"), without_text_prefix("87,5")
    ('1.234', "'", '87,5')
    """
    return raw[1:] if raw.startswith("'") and len(raw) > 1 else raw


def short_number(x: float) -> str:
    """A number as a person writes it in a reason: at most two decimals, no trailing zeros.

    >>> short_number(170.0), short_number(82.456), short_number(0.5)
    ('170', '82.46', '0.5')
    """
    return f"{x:.2f}".rstrip("0").rstrip(".")


def shown(raw: str | None) -> str | None:
    """A value as a person reads it in the file (for reasons and raw records)."""
    if raw is None or not raw.startswith(TYPED):
        return raw
    if raw.startswith(ODD):
        return raw.partition("\t")[2]
    return "(formula without a cached value)" if raw == UNCACHED else raw[1:]


def raw_record(row: dict[str, Any]) -> dict[str, str]:
    """A rejected row as the agency wrote it (``metric_rejects.raw_record``): its role
    columns, each value as a person reads it in the file, as ``record_parts``."""
    return record_parts(
        {
            "province": row["province"],
            "agency": row["agency_raw"],
            "indicator": row["indicator_raw"],
            "period": row["period_raw"],
            "numerator": shown(row["numerator"]),
            "denominator": shown(row["denominator"]),
            "value": shown(row["value"]),
            "unit": row["unit"],
        }
    )


def record_parts(record: dict[str, Any]) -> dict[str, str]:
    """A row as read, each value as its JSON text: the warehouse keeps one column per key
    (values repeat down a column, a whole record rarely does) and ``metric_rejects`` joins
    them back into the record's JSON, ``record_json``. A key left out stays out."""
    return {key: json.dumps(value, ensure_ascii=False) for key, value in record.items()}


def record_json(parts: dict[str, str | None]) -> str:
    """The JSON of a row as read from its ``record_parts`` (as ``metric_rejects`` joins
    them; a key without a part is not in the record): ``json.dumps`` of the record.

    >>> record_json(record_parts({"agency": "Sở Y tế", "value": None}))
    '{"agency": "Sở Y tế", "value": null}'
    """
    pairs = (f"{json.dumps(k)}: {v}" for k, v in parts.items() if v is not None)
    return "{" + ", ".join(pairs) + "}"


_RECORD = (  # raw_record's keys, each with the body column it is read from
    ("province", "province"),
    ("agency", "agency_raw"),
    ("indicator", "indicator_raw"),
    ("period", "period_raw"),
    ("numerator", "numerator"),
    ("denominator", "denominator"),
    ("value", "value"),
    ("unit", "unit"),
)
RECORD = pl.Struct({key: pl.String for key, _ in _RECORD})  # a raw_record's parts
# a frame of rejected rows: reason_id is the loader's number for a reason it worded
# itself (a repeated key's, over a file's slices: ``warehouse.metric_batches``), else null;
# key_row: the first row of the row's key when the loader's reason for that key lists the
# key's rows (the warehouse lists them when they are read), else null
REJECTS = pl.Schema(
    [
        ("source_row", pl.Int64()),
        ("reason", pl.String()),
        ("reason_id", pl.Int64()),
        ("raw_record", RECORD),
        ("key_row", pl.Int64()),
    ]
)
_SHOWN = ("numerator", "denominator", "value")  # cells read as a person reads them
# what JSON escapes (a quote, a backslash, a control character - TYPED among them): text
# without any is written as it is, quoted, and a typed cell is never taken for it
NEEDS_JSON = r'["\\\x00-\x1f]'


def raw_records(read: pl.DataFrame) -> pl.Series:
    """``raw_record`` of every row of ``read`` (the body's rows), built on columns: each
    distinct value of a column is written as JSON once (a Categorical column's values are
    looked up by their codes, the rows never read as text), so rejecting millions of rows
    holds no Python object per row."""
    columns = {}
    for key, column in _RECORD:
        cells = read[column]
        show = shown if column in _SHOWN else None
        if isinstance(cells.dtype, pl.Categorical):
            codes = cells.to_physical()
            used = codes.drop_nulls().unique()
            names = cells.dtype.categories.to_series()
            table = pl.repeat(None, names.len(), dtype=pl.String, eager=True)
            table = table.scatter(used, json_texts(names.gather(used), show))
            texts = table.gather(codes)
        else:
            texts = json_texts(cells.cast(pl.String), show)
        columns[key] = texts.fill_null("null").alias(key)
    return pl.DataFrame(columns).select(pl.struct(*columns).alias("raw_record")).to_series()


def json_texts(text: pl.Series, show: Callable[[str], str | None] | None) -> pl.Series:
    """Each value as its JSON text (``show``: how a person reads it, else as it is): a
    value JSON writes as it is is quoted on the column, each other distinct one written
    by ``json``; a null stays null."""
    plain = ~text.str.contains(NEEDS_JSON)  # null for a null cell
    odd = text.filter(plain.not_()).unique().to_list()
    literal = {v: json.dumps(show(v) if show else v, ensure_ascii=False) for v in odd}
    return pl.select(
        pl.when(plain)
        .then(pl.lit('"') + text + pl.lit('"'))
        .otherwise(text.replace_strict(literal, default=None, return_dtype=pl.String))
    ).to_series()


def reject_rows(out: list[tuple[int, str, dict[str, str]]]) -> pl.DataFrame:
    """Rejected rows (source_row, reason, raw_record) as the warehouse's metric_rejects
    takes them (``REJECTS``: no reason_id, the reasons are worded here)."""
    rows = [(row, reason, None, record, None) for row, reason, record in out]
    return pl.DataFrame(rows, schema=REJECTS, orient="row")


def cell_problem(raw: str) -> str | None:
    """Why a typed cell is no number (None: it is one, or it is not a typed cell).

    >>> cell_problem("\\x00!E5\\tTRUE")
    "'TRUE' (cell E5) is a yes/no value, not a number"
    """
    if raw == UNCACHED:
        return "a formula without a cached value (open and save the file)"
    if not raw.startswith(ODD):
        return None
    place, _, value = raw[2:].partition("\t")
    what = "a yes/no value" if value in ("TRUE", "FALSE") else "a spreadsheet error"
    return f"'{value}' (cell {place}) is {what}, not a number"


def percent_shown(raw: str) -> bool:
    """Whether a typed cell is shown with a percent format (its number already x 100)."""
    return raw.startswith(TYPED) and raw.endswith("%")


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
        _by_column(sheet.uncached, text.height),
        _by_column(marks.text, text.height),
        _by_column(marks.percent, text.height),
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


def _by_column(cells: Sequence[tuple[int, int]], height: int) -> dict[int, list[int]]:
    """Sheet (row, column) cells as frame rows per column (frame rows start at sheet row 1);
    a cell below the frame's ``height`` is dropped: the frame ends at the last value, and a
    range formatted past the table leaves styled cells with none."""
    out: dict[int, list[int]] = {}
    for row, col in cells:
        if row <= height:
            out.setdefault(col, []).append(row - 1)
    return out
