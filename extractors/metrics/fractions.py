"""Shares written as fractions of 1 in a percent column: 0,55 for 55%.

The warehouse keeps shares on the 0-100 scale. An agency that writes 0,55, 0,8 and 0,925
under ``Tỷ lệ (%)`` (or under ``Giá trị`` for an indicator the catalog keeps in percent)
means 55%, 80% and 92,5%; loaded as written they would be 0.55%, and the marts would say
every target was missed. Nothing on such a row can prove which it is, so the rows are
rejected, each naming the column and what to write instead - never multiplied by 100 on
a guess, never loaded as written in silence.

A column is read as fractions when every share in it without counts lies between 0 and 1
and at least one is a fraction (0 and 1 alone prove nothing). What proves a column holds
percents instead: one value above 1; a value written with its percent sign ("0,5%") or a
workbook cell shown as a percent; a row whose counts agree with its value (1 of 200 is
0,5). Rows with counts are judged by their counts (``reasons``: counts and value must
agree), never by this rule. A long file's value column is one column; each indicator
column of a wide file is its own.

>>> rows = pl.DataFrame({
...     "value": [0.55, 0.8, 0.925], "numerator": [None] * 3, "denominator": [None] * 3,
...     "percent": [True] * 3, "problem": [False] * 3, "value_marked": [False] * 3,
...     "indicator_key": [0, 0, 0]})
>>> fractions_of(rows, pl.Series([0.55, 0.8, 0.925]), "Tỷ lệ (%)", None).to_list()
['Tỷ lệ (%)', 'Tỷ lệ (%)', 'Tỷ lệ (%)']
>>> proven = rows.with_columns(value=pl.Series([0.55, 80.0, 0.925]))
>>> fractions_of(proven, pl.Series([0.55, 80.0, 0.925]), "Tỷ lệ (%)", None) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import polars as pl

from extractors.metrics.layout import Layout
from extractors.number_columns import readings

# a share a rule on the value column judges: a value, no counts of its own (its counts
# would judge it), and no other problem (fractions of 1 here; percent_marks)
SHARE_WITHOUT_COUNTS = (
    pl.col("percent")
    & pl.col("value").is_not_null()
    & (pl.col("numerator").is_null() | pl.col("denominator").is_null())
    & ~pl.col("problem")
).fill_null(False)
# a row whose value was refused for its number convention, though every reading it has is
# a fraction of 1 ("0.9" beside "0,95": 0,9 either way): it proves its column's scale as a
# fraction read would (``refused_fractions``)
REFUSED = "value_refused_fraction"
# a share whose counts agree with it (it has no problem): the column's scale is proven
_COUNTED = (
    pl.col("percent")
    & pl.col("value").is_not_null()
    & pl.col("numerator").is_not_null()
    & pl.col("denominator").is_not_null()
    & ~pl.col("problem")
).fill_null(False)


def value_columns(
    layout: Layout, indicators: Sequence[tuple[int, str | None, str | None, str | None]]
) -> tuple[str, dict[int, str] | None]:
    """The columns shares are read from: a long file's value column, or a wide file's
    indicator columns by indicator key (``indicators``: key, indicator, unit, code)."""
    long = layout.header[layout.roles["value"]] if "value" in layout.roles else ""
    if not layout.measures and not layout.groups:
        return long, None
    return long, {key: raw or "" for key, raw, _, _ in indicators}


def fractions_of(
    rows: pl.DataFrame,
    values: pl.Series,
    column: str,
    columns: dict[int, str] | None,
) -> pl.Series | None:
    """Per row, the column whose shares are written as fractions of 1 (null: not such a
    row); None when no row is (the usual case, decided on the distinct ``values`` alone).

    ``rows``: value, numerator, denominator, percent, problem, value_marked (written with
    "%" or shown as a percent), indicator_key. ``column``: a long file's value column;
    ``columns``: a wide file's indicator columns by indicator key (None: a long file)."""
    refused = REFUSED in rows.columns
    if not refused and not ((values > 0) & (values < 1)).any():
        return None
    value = pl.col("value")
    inside = ((value > 0) & (value < 1)).any()
    if refused:  # a fraction refused for its convention proves the column's scale too
        inside = inside | pl.col(REFUSED).any()
    judged, keys = _columns_where(rows, columns, value.is_between(0, 1).all() & inside, refused)
    if keys.len() == 0:
        return None
    flagged = judged["judged"] & judged["by"].is_in(keys.implode())
    return column_of_flagged(judged["by"], flagged, column, columns)


def _columns_where(
    rows: pl.DataFrame, columns: dict[int, str] | None, holds: pl.Expr, refused: bool = False
) -> tuple[pl.DataFrame, pl.Series]:
    """Per row, its column's key ``by`` (a wide file's indicator key; a long file's one
    value column: 0) and whether it is a share without counts (``judged``); and the keys of
    the columns whose shares (rows with counts included; with ``refused``, the rows whose
    value was refused as a fraction of 1 too, their value null) meet ``holds``, none of them
    written with "%" or shown as a percent, none with counts."""
    by = pl.col("indicator_key") if columns is not None else pl.lit(0, pl.Int64)
    extra = {REFUSED: pl.col(REFUSED)} if refused else {}
    judged = rows.select(
        by.alias("by"),
        "value",
        "value_marked",
        judged=SHARE_WITHOUT_COUNTS,
        counted=_COUNTED,
        **extra,
    )
    kept = pl.col("judged") | pl.col("counted")
    keys = (
        judged.filter(kept | pl.col(REFUSED) if refused else kept)
        .group_by("by")
        .agg(hit=holds & ~pl.col("value_marked").any() & ~pl.col("counted").any())
        .filter("hit")
    )
    return judged, keys["by"]


def refused_fractions(levels: list[str], bad: pl.Series) -> pl.Series | None:
    """Per distinct value of a value column, whether it was refused (``bad``) though every
    way it reads is a fraction of 1, strictly between 0 and 1: "0.9" and "0,95" in one
    column mix two number conventions and are refused, but each can only be a fraction, so
    a "1" beside them is 100%, not 1%. None when no value is.

    >>> bad = pl.Series([True, True, False, True])
    >>> refused_fractions(["0.9", "0,95", "1", "90.5"], bad).to_list()
    [True, True, False, False]
    """
    if not bad.any():
        return None
    flags = pl.Series(
        [b and _only_fractions(raw) for raw, b in zip(levels, bad, strict=True)],
        dtype=pl.Boolean,
    )
    return flags if flags.any() else None


def _only_fractions(raw: str) -> bool:
    read = [r for r in readings(raw) or () if r is not None]
    return bool(read) and all(0 < r < 1 for r in read)


def column_of_flagged(
    by: pl.Series, flagged: pl.Series, column: str, columns: dict[int, str] | None
) -> pl.Series:
    """Per row, the column its share was read from where ``flagged`` (null elsewhere): a
    long file's value ``column``, or a wide file's indicator column by the row's key
    (``by``)."""
    names = (
        by.replace_strict(columns, default=None, return_dtype=pl.String)
        if columns is not None
        else pl.repeat(column, by.len(), dtype=pl.String, eager=True)
    )
    return pl.select(pl.when(flagged).then(names)).to_series()


def as_percent(raw: str, value: float) -> str:
    """A fraction of 1 a hundred times over, with the decimal mark ``raw`` was written with.

    >>> as_percent("0,925", 0.925), as_percent("0.95", 0.95)
    ('92,5', '95')
    """
    percent = format((Decimal(repr(value)) * 100).normalize(), "f")
    return percent.replace(".", ",") if "," in raw else percent


def fraction_reason(raw: str, value: float, column: str) -> str:
    """Why a share written as a fraction of 1 is rejected, and what to write instead: the
    value a hundred times over, with the decimal mark the agency wrote.

    >>> fraction_reason("0,925", 0.925, "Tỷ lệ (%)")[:87]
    "value 0,925 in column 'Tỷ lệ (%)' is a share written as a fraction of 1 (0,925 = 92,5%)"
    """
    percent = as_percent(raw, value)
    return (
        f"value {raw} in column '{column}' is a share written as a fraction of 1 ({raw} = "
        f"{percent}%): every share of the column lies between 0 and 1, so none reads as a "
        f"percent; write {percent}, give Tử số and Mẫu số, or write '{raw}%' if the share "
        "really is under 1%"
    )


def undecided_of(
    rows: pl.DataFrame, column: str, columns: dict[int, str] | None
) -> pl.Series | None:
    """Per row, the column whose shares are all 0 or 1 (null: not such a row); None when
    no row is. Such a column cannot say whether 1 is 100% (a fraction of 1) or 1%: nothing
    proves it (no value over 1 or strictly between 0 and 1, no counts, no percent sign or
    format, no "%" in its header or in the row's Đơn vị tính), so its rows are rejected
    rather than guessed - numbers stored as numbers, and text written by hand ("1") alike:
    an agency's "1" under ``Giá trị`` for a share is no more a percent than a cell holding
    1. ``rows``, ``column``, ``columns``: as ``fractions_of`` takes them."""
    if not rows["value"].is_in([0.0, 1.0]).any():
        return None
    judged, keys = _columns_where(rows, columns, pl.col("value").is_in([0.0, 1.0]).all())
    named = [k for k in keys if "%" not in (columns or {}).get(k, column)]
    if not named:
        return None
    flagged = judged["judged"] & judged["by"].is_in(named)
    if "unit_percent" in rows.columns:  # its Đơn vị tính says "%" as such a header does
        flagged = flagged & ~rows["unit_percent"]
    return column_of_flagged(judged["by"], flagged, column, columns)


def undecided_reason(raw: str, column: str) -> str:
    """Why a share in a typed column of only 0 and 1 is rejected, and what to write.

    >>> undecided_reason("1.0", "ty_le")[:50]
    "value 1.0 in column 'ty_le' holds only 0 and 1: 1 "
    """
    return (
        f"value {raw} in column '{column}' holds only 0 and 1: 1 may be 100% (a fraction "
        f"of 1) or 1%, and nothing in the column proves which; write the shares as percents "
        f"(100 for 100%), name the column with '%' (e.g. 'Tỷ lệ (%)') if 1 is 1%, or give "
        "Tử số and Mẫu số"
    )


def flagged(rows: pl.DataFrame, column: str, columns_of: pl.Series | None) -> pl.DataFrame:
    """``rows`` with ``column``: per row, the file's column a whole-column check rejects it
    for (null: not rejected by it), the row then a problem; unchanged where the check
    flagged no row (None)."""
    if columns_of is None:
        return rows
    return rows.with_columns(
        columns_of.alias(column), problem=rows["problem"] | columns_of.is_not_null()
    )
