"""A cell shown as a percent is a share only where a share is reported.

Templates often format a whole table as %: a count of 45 units in such a cell is shown as
4500% but is 45 units, while 0.553 shown as 55.3% for a share is 55.3 on the warehouse's
0-100 scale. A cell shown as a percent reaches the judge on that scale (``cells``); the
judge knows each row's indicator: a row whose indicator resolves to one not in percent
(and whose unit says no %) reads back the number the cell holds, and the file gets a
warning; every other percent cell (a share, or an indicator not yet known) stays a share.
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.cells import percent_shown
from extractors.metrics.encode import by_code
from extractors.metrics.layout import Layout


def percent_flags(values: list[str], counted: list[bool]) -> dict[str, pl.Expr]:
    """Per row, whether its value cell is shown as a percent and whether its indicator
    resolves to one not in percent (read from the rows' codes). ``values``: the value
    column's distinct values; ``counted``: per distinct indicator. Nothing when no cell
    is shown as a percent (no pass over the rows)."""
    shown = pl.Series([percent_shown(v) for v in values], dtype=pl.Boolean)
    if not shown.any():
        return {}
    return {
        "percent_shown": by_code(shown, "value", null=False),
        "counted": by_code(pl.Series(counted, dtype=pl.Boolean), "indicator_raw", null=False),
    }


def percent_scale(flags: dict[str, pl.Expr]) -> dict[str, pl.Expr]:
    """The value (and its tolerance) of a cell shown as a percent whose row reports a count
    (an indicator not in percent, and no % unit: the judge's ``percent`` check) as the
    number the cell holds (a hundredth of its 0-100 reading; rounded to 9 places so 4550 /
    100 is not 45.49999...), and whether its percent format was ignored (from
    ``percent_flags``' columns)."""
    if not flags:
        return {}
    count = pl.col("percent_shown") & pl.col("counted") & ~pl.col("percent")

    def held(name: str) -> pl.Expr:
        return pl.when(count).then((pl.col(name) / 100).round(9)).otherwise(pl.col(name))

    return {
        "value": held("value"),
        "value_tolerance": held("value_tolerance"),
        "percent_ignored": count,
    }


def percent_notes(rows: pl.DataFrame, layout: Layout) -> list[str]:
    """The warning for a file whose count cells were shown as percents."""
    if "percent_ignored" not in rows.columns:
        return []
    n = int(rows["percent_ignored"].sum())
    if not n:
        return []
    where = (
        f"column '{layout.header[layout.roles['value']]}' (column {layout.roles['value'] + 1})"
        if "value" in layout.roles
        else "the indicator columns"
    )
    return [
        f"{where}: {n} cells shown as percents hold a count (an indicator not in %); "
        "the percent format was ignored and each cell read as the number it holds"
    ]
