"""An indicator that names a year other than its row's period: a warning naming the rows.

Agencies copy last year's sheet and change the figures: "Tỷ lệ ... năm 2022" in a row of
period 2023. The period column says which year the figure is for, so the row loads for its
period - but an analyst should know the two disagree, so the file gets one warning naming
the first rows (in ``extraction_issues`` and the ingest summary), never a silent resolve.
The check runs on the distinct indicators: a file whose indicators name no year costs no
pass over its rows.

>>> named_year("Tỷ lệ hài lòng năm 2022"), named_year("Tỷ lệ 2021-2025"), named_year("x")
(2022, None, None)
"""

from __future__ import annotations

import re

import polars as pl

from extractors.metrics.encode import by_code

# a year on its own in an indicator's name ("năm 2022", "(2022)"), not part of a range
# ("2021-2025"), a date ("31/12/2022") or a document number ("45/2025")
_YEAR = re.compile(
    r"""(?<![\d/.\-–])     # not after a digit, a date's or a range's separator
        ((?:19|20)\d\d)     # the year
        (?![\d/.\-–])       # not before one""",
    re.VERBOSE,
)


def named_year(indicator: str | None) -> int | None:
    """The one year an indicator's name names (None: none, or several)."""
    years = set(_YEAR.findall(indicator or ""))
    return int(years.pop()) if len(years) == 1 else None


def year_notes(
    codes: pl.DataFrame,
    source_rows: pl.Series,
    indicators: list[str],
    periods: pl.DataFrame,
    shown: int = 10,
) -> list[str]:
    """The warning for rows whose indicator names another year than their period's.
    ``codes``: the rows' codes of indicator_raw and period_raw; ``indicators``: the
    distinct indicators (by code); ``periods``: key, period_raw, year (by code)."""
    named = pl.Series([named_year(raw) for raw in indicators], dtype=pl.Int32)
    if named.is_null().all():
        return []
    rows = (
        codes.lazy()
        .select(
            pl.lit(source_rows).alias("source_row"),
            named=by_code(named, "indicator_raw"),
            year=by_code(periods["year"], "period_raw"),
            indicator=by_code(pl.Series(indicators, dtype=pl.String), "indicator_raw"),
            period=by_code(periods["period_raw"], "period_raw"),
        )
        .filter(pl.col("named") != pl.col("year"))
        .collect()
    )
    if rows.height == 0:
        return []
    listed = ", ".join(
        f"row {r} (indicator '{ind}' names {y}, period '{p}')"
        for r, y, ind, p in rows.head(shown)
        .select("source_row", "named", "indicator", "period")
        .iter_rows()
    )
    more = f" and {rows.height - shown} more" if rows.height > shown else ""
    return [
        f"{rows.height} row{'' if rows.height == 1 else 's'} whose indicator names another "
        f"year than the row's period, loaded for the period's year: {listed}{more}; check "
        "which year each figure is for"
    ]
