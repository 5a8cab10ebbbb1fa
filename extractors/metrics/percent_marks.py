"""A share written as a fraction of 1 beside shares written as percents: 0,45 beside 45%,
or 0,553 beside 88,5 (with counts of its own or not: 82 beside 820/1000 is a percent too).

A column whose shares are percents - some carry their sign ("45%", "0,5%"), or some are
over 1, which no fraction of 1 is - and one share without its sign strictly between 0
and 1 ("0,45") has not said which that one is: 45% written as a fraction of 1, or 0,45%.
Loaded as written it would be 0.45 next to 45, and the marts would sum or average the
two. Such a fraction (no sign, a share without counts of its own) is rejected naming the
value; a whole number ("55") reads the same either way on a column of percents, and a row
with counts is judged by its counts. A long file's value column is one column; each
indicator column of a wide file is its own, and each indicator of a long file too (the
catalog's shares differ: a satisfaction rate beside a rate of late dossiers).

>>> rows = pl.DataFrame({
...     "value": [45.0, 0.45, 55.0], "numerator": [None] * 3, "denominator": [None] * 3,
...     "percent": [True] * 3, "problem": [False] * 3,
...     "value_marked": [True, False, False], "indicator_key": [0, 0, 0]})
>>> unmarked_fractions(rows, "Giá trị", None).to_list()
[None, 'Giá trị', None]
>>> unmarked_fractions(rows.with_columns(value_marked=False), "Giá trị", None).to_list()
[None, 'Giá trị', None]
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.fractions import SHARE_WITHOUT_COUNTS, column_of_flagged


def unmarked_fractions(
    rows: pl.DataFrame, column: str, columns: dict[int, str] | None
) -> pl.Series | None:
    """Per row, the column where its share is a fraction written without "%" beside shares
    of its indicator proven percents (null: not such a row); None when no row is (no value
    strictly between 0 and 1: the usual case, one look at the value column). ``rows``:
    value, numerator, denominator, percent, problem, value_marked, indicator_key;
    ``column``, ``columns``: as ``fractions.fractions_of`` takes them."""
    value = rows["value"]
    if not ((value > 0) & (value < 1)).any():  # the usual case: no pass but this one
        return None
    judged = rows.select(
        pl.col("indicator_key").alias("by"),
        "value",
        "value_marked",
        judged=SHARE_WITHOUT_COUNTS,
        share=(pl.col("percent") & pl.col("value").is_not_null() & ~pl.col("problem")).fill_null(
            False
        ),
    )
    # percents proven: a share with its sign, or over 1 (no fraction of 1 is) - with counts
    # of its own or not (82 beside 820/1000 proves the column's scale, as 82 alone does)
    proven = pl.col("share") & (pl.col("value_marked") | (pl.col("value") > 1))
    signed = judged.filter(proven).get_column("by").unique()
    flagged = (
        judged["judged"]
        & ~judged["value_marked"]
        & (judged["value"] > 0)
        & (judged["value"] < 1)
        & judged["by"].is_in(signed.implode())
    )
    if not flagged.any():
        return None
    return column_of_flagged(judged["by"], flagged, column, columns)


def unmarked_reason(raw: str, column: str) -> str:
    """Why a fraction without "%" beside shares with it is rejected, and what to write.

    >>> unmarked_reason("0,45", "Giá trị")[:60]
    "value 0,45 in column 'Giá trị' has no '%' while other shares"
    """
    return (
        f"value {raw} in column '{column}' has no '%' while other shares of the column are "
        f"percents (written with '%', or over 1): {raw} may be a share written as a fraction "
        f"of 1 or {raw}%; write it with its sign ('{raw}%'), as a percent, or give Tử số "
        "and Mẫu số"
    )
