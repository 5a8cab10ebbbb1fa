"""A large metric file judged in slices of rows, so that its per-row frames, facts and
rejects are never all held at once: the whole-file decisions are made first
(``judge.plan_judgement``), then each slice is judged and written by the loader
(``warehouse.metric_batches``). The one thing a slice cannot know - which of its keys
another slice repeats - the loader finds over every slice's keys and hands back (each
repeating row with its key's first row), worded here (``worded_repeats``) as
``reasons.repeated_rows`` words them; a conflicting key's rows are listed by the warehouse.

A file whose value column needs a decision on its whole (``Planned.whole_column``) is
judged whole, as are its slices when another province's figures must be taken out of them
(``whole``): the answer is the same either way."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

from extractors.metrics.catalog_checks import is_total
from extractors.metrics.planned import IndicatorRow, Planned, settle
from extractors.metrics.reasons import DUPLICATE, RID, repeated_rows

# a row's key and figures, for the repeated-key rule over every slice
NO_REPEATS = pl.DataFrame(schema={"rid": pl.Int64, "reason": pl.String, "conflict": pl.Boolean})
KEYED_COLUMNS = ("source_row", "row_key", "numerator", "denominator", "value")
REPEATS = pl.Schema(
    [*NO_REPEATS.schema.items(), ("reason_id", pl.Int64()), ("key_row", pl.Int64())]
)


def worded_repeats(found: pl.DataFrame) -> pl.DataFrame:
    """The loader's repeats (rid, first_row: the key's first row, conflict, reason_id: the
    number of the file's conflict reason, which the loader stores once, worded as
    ``reasons.repeated_rows`` words it with a place for the key's rows) -> rid, reason (a
    duplicate's, worded as ``reasons.repeated_rows`` words it; none for a conflict: its
    rows point at the loader's), conflict, reason_id, key_row (a conflicting key's first
    row: what the warehouse lists the key's rows by)."""
    conflict = pl.col("conflict")
    reason = pl.when(~conflict).then(pl.format(DUPLICATE, pl.col("first_row")))
    key_row = pl.when(conflict).then(pl.col("first_row"))
    return found.select(
        "rid", reason.alias("reason"), "conflict", "reason_id", key_row.alias("key_row")
    ).cast(REPEATS)


@dataclass(frozen=True)
class RowBatches:
    """The slices of a planned file (``size`` rows each) and its indicator keys."""

    plan: Planned
    size: int
    indicators: tuple[IndicatorRow, ...]

    def offsets(self) -> range:
        return range(0, self.plan.height, self.size)

    @cached_property
    def moved(self) -> pl.Expr | None:
        """What moves a row's key (``Planned.moved``), worked out once for every slice."""
        return self.plan.moved(list(self.indicators))

    def rows(self, offset: int) -> pl.DataFrame:
        """The slice at ``offset`` judged, each row's key moved as the whole file's are."""
        rows = self.plan.lazy_rows(offset, self.size)
        if self.moved is not None:
            rows = rows.with_columns(row_key=pl.col("row_key") + self.moved)
        return rows.collect()

    def row_keys(self, offset: int) -> pl.Series:
        """The slice's row keys alone, moved as the whole file's are (only what the key
        needs of the pass is worked out): what tells whether a key repeats."""
        rows = self.plan.lazy_rows(offset, self.size)
        key = pl.col("row_key") if self.moved is None else pl.col("row_key") + self.moved
        return rows.select(key).collect().to_series()

    def keyed(self, offset: int) -> pl.DataFrame:
        """The slice's rows by their index in the file (``rid``): key and figures (only
        what they need of the pass is worked out)."""
        rows = self.plan.lazy_rows(offset, self.size)
        if self.moved is not None:
            rows = rows.with_columns(row_key=pl.col("row_key") + self.moved)
        return rows.select((RID + offset).alias("rid"), *KEYED_COLUMNS).collect()

    def settled(
        self, offset: int, rows: pl.DataFrame, repeats: pl.DataFrame
    ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """A judged slice's facts, rejects and dropped copies (``planned.settle``);
        ``repeats``: its rows repeating a key anywhere in the file, rid within the slice."""
        read = self.plan.body.slice(offset, self.size)
        return settle(self.plan.reasons, rows, read, repeats)

    def none(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        """No facts and no rejects, as the slices' frames are typed."""
        facts, rejects, _ = self.settled(0, self.plan.rows(0, 0), NO_REPEATS)
        return facts, rejects

    def whole(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """Facts, rejects and dropped copies of every row, judged at once."""
        rows = self.plan.renamed(self.plan.rows(), list(self.indicators))
        return settle(self.plan.reasons, rows, self.plan.body, repeated_rows(rows))


def row_batches(plan: Planned, size: int) -> RowBatches | None:
    """The file's slices of ``size`` rows; None when it must be judged whole."""
    # (a total row is checked against the rows it sums, wherever they are in the file)
    if plan.whole_column or size < 1 or any(map(is_total, plan.levels["agency_raw"])):
        return None
    return RowBatches(plan, size, tuple(plan.indicator_rows(plan.indicator_keys())))
