"""A value column whose header names a year (``Giá trị năm 2023``) beside a period column:
a row whose period is not in that year says two things of one figure, and only the agency
can say which is meant, so the row is rejected naming both (a file without a period
column takes its period from the header: ``Layout.period_sources``)."""

from __future__ import annotations

import polars as pl

from extractors.metrics.cells import raw_record, reject_rows
from extractors.metrics.layout import Layout
from extractors.parse_period import parse_period


def outside_header_year(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The body without the rows whose period is not in the year the value column's header
    names, and those rows rejected (source_row, reason, raw_record as the judge writes
    them). A period that does not parse is left to the judge, which says why."""
    year, roles = layout.value_year, layout.roles
    figure = next((r for r in ("value", "numerator") if r in roles), None)
    if year is None or "period" not in roles or figure is None:
        return body, reject_rows([])
    periods = body["period_raw"].unique().drop_nulls().cast(pl.String).to_list()
    outside = [raw for raw in periods if _outside(raw, year)]
    if not outside:
        return body, reject_rows([])
    column, value = layout.header[roles["period"]], layout.header[roles[figure]]
    wrong = body["period_raw"].cast(pl.String).is_in(outside)
    out = [
        (
            src["source_row"],
            f"period '{src['period_raw']}' (column {column}) is not in the year of column "
            f"'{value}' ({year}): which of the two the figure is of, only the agency can say",
            raw_record(src),
        )
        for src in body.filter(wrong).iter_rows(named=True)
    ]
    return body.filter(~wrong), reject_rows(out)


def _outside(raw: str, year: int) -> bool:
    period = parse_period(raw)
    return period is not None and not period.start.year == year == period.end.year
