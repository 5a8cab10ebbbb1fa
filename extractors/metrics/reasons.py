"""Why a row is rejected: the checks as one boolean expression, and the wording of a cell
that is not a number. The loader words every reason, the first that applies, and finds the
repeated keys (``warehouse.metric_rejects``, in DuckDB: a file of millions of rejects is
never gathered in memory)."""

from __future__ import annotations

import polars as pl

from extractors.metrics.cells import shown

# a row's figure: the value it reports, else the share its numerator is of its denominator
# (as metric_observations.value derives it in SQL)
SHARE = pl.coalesce("value", 100.0 * pl.col("numerator") / pl.col("denominator"))


# counts and a value on one row that do not agree: the share the counts make is further
# from the value than half a unit of the value's last written digit
DISAGREE = (pl.col("denominator") > 0) & (
    (100.0 * pl.col("numerator") / pl.col("denominator") - pl.col("value")).abs()
    > pl.col("value_tolerance") + 1e-9
)

CHECKS = (  # per row, what fails it by a cell of its own (``judge`` computes them)
    "agency_blank",
    "indicator_blank",
    "period_bad",
    "numerator_bad",
    "denominator_bad",
    "value_bad",
    "percent",  # not a failure: the figure is a share, which may not pass 100
)


def has_problem() -> pl.Expr:
    """Rows with a reason of their own (cheap: one boolean expression)."""
    num, den, val = (pl.col(c) for c in ("numerator", "denominator", "value"))
    return (
        pl.col("agency_blank")
        | pl.col("indicator_blank")
        | pl.col("period_bad")
        | pl.col("value_bad")
        | pl.col("numerator_bad")
        | pl.col("denominator_bad")
        | (val.is_null() & num.is_null())
        | (val < 0)
        | (num < 0)
        | (den < 0)
        | (den == 0)
        | (num > den)
        | (pl.col("percent") & (SHARE > 100))
        | DISAGREE
    ).fill_null(False)


def number_problem(why: dict[str, str], raw: str) -> str:
    """Why a cell is not a number, as the judge found it (naming the value)."""
    problem = why.get(raw)
    if problem is None:
        return f"'{shown(raw)}' is not a number"
    return problem if problem.startswith("'") else f"'{shown(raw)}': {problem}"
