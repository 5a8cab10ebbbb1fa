"""A share written as a formula saved without its value, beside the counts it divides:
``Tỷ lệ (%)`` holding ``=E2/F2*100`` with no cached value, Tử số 45 and Mẫu số 50 on its
row. A script or a web export writes formulas and leaves their values to Excel, which
computes them when the file is opened; the counts beside the formula are what it shows.
Such a row loads its share from its counts (as a row of counts without a value does) and
the file is told which rows' formulas were not read. A formula without a value and no
counts beside it stays a reject (``cells.cell_problem``): nothing says what it shows.
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.cells import UNCACHED
from extractors.metrics.encode import distinct_values, own_categorical
from extractors.metrics.layout import Layout
from extractors.metrics.row_notes import rows_listed


def uncached_shares(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, str | None]:
    """The body with each uncached share formula beside two counts blanked (its share the
    counts'), and the warning naming those rows (None: there is none)."""
    if "value" not in body.columns or UNCACHED not in distinct_values(body["value"]).to_list():
        return body, None
    counted = pl.all_horizontal(
        pl.col(c).is_not_null() & (pl.col(c).cast(pl.String) != UNCACHED)
        for c in ("numerator", "denominator")
    )
    beside = (pl.col("value").cast(pl.String) == UNCACHED) & counted
    rows = body.filter(beside)["source_row"].unique().sort().to_list()
    if not rows:
        return body, None
    body = body.with_columns(
        value=pl.when(beside).then(None).otherwise(pl.col("value").cast(pl.String))
    ).with_columns(pl.col("value").cast(own_categorical()))
    where = f"'{layout.header[layout.roles['value']]}'" if "value" in layout.roles else "the share"
    return body, (
        f"{rows_listed(rows)}: {where} is a formula saved without its value: the share is "
        "computed from the counts beside it (Tử số, Mẫu số); open and save the file in "
        "Excel to keep the value it shows"
    )
