"""A file judged whole, its failing rows left unworded until they are written: the loader
takes them a slice at a time (``Failing.slices``), each slice worded
(``reasons.reject_reasons``) with its rows as read only then, so that a file rejecting
millions of rows never holds all its rejects, nor their records, at once - as a large
file's slices never do (``batches``).

The rows repeating a key are found over the whole file first (``repeated_keys``) by their
key's first row, without wording: a conflicting key's rows point at the file's one reason
for them, which the warehouse words with the key's rows when it is read (as it does for a
file loaded in slices), numbered by the loader (``slices``' ``listing``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from extractors.metrics.batches import worded_repeats
from extractors.metrics.encode import count_distinct_keys
from extractors.metrics.planned import Reasons, worded
from extractors.metrics.reasons import RID

SLICE_ROWS = 500_000  # failing rows worded and written at a time, unless told otherwise
FOUND = {"rid": pl.Int64, "first_row": pl.Int64, "conflict": pl.Boolean}


def repeated_keys(rows: pl.DataFrame) -> pl.DataFrame:
    """rid, first_row (its key's), conflict of the rows repeating a (province, agency,
    indicator, period) - their ``row_key`` - as ``reasons.repeated_rows`` finds them: a
    row identical to an earlier one is a duplicate of its key's first row, a key with
    conflicting values keeps none of its rows (``conflict``); sorted by rid. A clean file
    costs one count of distinct keys."""
    key = rows["row_key"]
    if count_distinct_keys(key) == rows.height:
        return pl.DataFrame(schema=FOUND)
    keyed = rows.select(RID, "source_row", "numerator", "denominator", "value")
    keyed = keyed.with_columns(key=key).filter(pl.col("key").is_duplicated())
    per_key = keyed.group_by("key").agg(
        variants=pl.struct("numerator", "denominator", "value").n_unique(),
        first_row=pl.col("source_row").min(),
    )
    conflict = pl.col("variants") > 1
    return (
        keyed.join(per_key, on="key")
        .filter(conflict | (pl.col("source_row") != pl.col("first_row")))
        .select("rid", "first_row", conflict.alias("conflict"))
        .sort("rid")
        .cast(FOUND)  # type: ignore[arg-type]
    )


def unnumbered(found: pl.DataFrame) -> pl.DataFrame:
    """``repeated_keys``' rows as ``planned.settle`` takes them (``batches.worded_repeats``),
    a conflicting key's reason not numbered yet (``Failing.slices`` numbers it)."""
    return worded_repeats(found.with_columns(reason_id=pl.lit(None, pl.Int64)))


@dataclass(frozen=True)
class Failing:
    """A whole file's failing rows (``planned.sorted_out``: rid, their index in ``read``),
    its body rows as judged (``read``), its repeated keys' rows (``unnumbered``) and what
    words a reason; ``size``: the rows worded and written at a time."""

    why: Reasons
    bad: pl.DataFrame
    read: pl.DataFrame
    repeats: pl.DataFrame
    size: int = SLICE_ROWS

    @property
    def height(self) -> int:
        return self.bad.height

    @property
    def conflicts(self) -> bool:
        """Whether a key's rows conflict: their reason is to be stored (``slices``)."""
        return bool(self.repeats["conflict"].any())

    def slices(self, listing: int | None) -> Iterator[pl.DataFrame]:
        """The rejects (``cells.REJECTS``), at most ``size`` at a time, each slice worded as
        it is asked for; ``listing``: the number of the stored reason of a conflicting key's
        rows (``reasons.CONFLICTING``, worded with its rows where it is read)."""
        rids = self.repeats["rid"]
        for offset in range(0, self.bad.height, max(self.size, 1)):
            bad = self.bad.slice(offset, self.size)
            first, last = bad["rid"][0], bad["rid"][-1]
            start = int(rids.search_sorted(first, "left"))
            stop = int(rids.search_sorted(last, "right"))
            repeats = self.repeats.slice(start, stop - start).with_columns(
                reason_id=pl.when("conflict").then(pl.lit(listing, pl.Int64))
            )
            yield worded(self.why, bad, self.read[bad["rid"]], repeats)
