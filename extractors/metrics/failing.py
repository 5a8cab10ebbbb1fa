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
from extractors.metrics.reasons import DUPLICATE, RID, SHARE, own_problem, repeat_rejects

SLICE_ROWS = 500_000  # failing rows worded and written at a time, unless told otherwise
FOUND = {"rid": pl.Int64, "first_row": pl.Int64, "conflict": pl.Boolean}


def repeated_keys(rows: pl.DataFrame) -> pl.DataFrame:
    """rid, first_row (its key's), conflict of the rows repeating a (province, agency,
    indicator, period) - their ``row_key`` - as ``reasons.repeated_rows`` finds them: a
    row identical to an earlier one is a duplicate of its key's first row, a key with
    conflicting values keeps none of its rows (``conflict``); in rid order. A clean file
    costs one count of distinct keys; otherwise each key's figures are compared by their
    least and greatest (as ``warehouse.metric_batches`` compares them), so that no row's
    figures are gathered with its key's."""
    key = rows["row_key"]
    if count_distinct_keys(key) == rows.height:
        return pl.DataFrame(schema=FOUND)
    col = pl.col
    # a figure differs within a key when it is blank on some of its rows only, or its
    # values differ (blanks alike, as n_unique has them)
    differs = [
        (col(c).null_count() % pl.len() != 0) | (col(c).min() != col(c).max()).fill_null(False)
        for c in ("numerator", "denominator", "value")
    ]
    per_key = (
        rows.lazy()
        .group_by("row_key")
        .agg(first_row=col("source_row").min(), conflict=pl.any_horizontal(differs), n=pl.len())
        .filter(col("n") > 1)
        .drop("n")
    )
    return (
        rows.lazy()
        .select(RID, "row_key", "source_row")
        .join(per_key, on="row_key", how="inner", maintain_order="left")
        .filter(col("conflict") | (col("source_row") != col("first_row")))
        .select("rid", "first_row", "conflict")
        .collect()
        .cast(FOUND)  # type: ignore[arg-type]
    )


def duplicates(copied: pl.DataFrame) -> pl.DataFrame:
    """The identical repeats dropped (``planned.sorted_out``'s, ``repeated_keys``' rows)
    -> source_row, reason: what ``reasons.duplicates_note`` takes."""
    # (worded on the series: ``pl.format`` over a frame filtered from millions of rows
    # panicked in polars 2.1)
    head, tail = DUPLICATE.split("{}")
    first = copied["first_row"].rechunk().cast(pl.String)
    source = copied["source_row"].rechunk()
    return pl.DataFrame({"source_row": source, "reason": head + first + tail})


@dataclass(frozen=True)
class Failing:
    """A whole file's failing rows, unworded: ``failing``, their indices in its judged rows
    (``planned.sorted_out``'s); ``own``, per failing row, whether it fails for a reason of
    its own (``reasons.own_problem``); ``rows``, the judged rows those are worded from, at
    ``where`` (one index per such row); ``read``, its body rows as judged; ``repeats``,
    its repeated keys' rows (``repeated_keys``), which word the rows failing for their key
    alone - from their cells as read, so that none of them is held judged; ``size``: the
    rows worded and written at a time."""

    why: Reasons
    rows: pl.DataFrame
    where: pl.Series
    failing: pl.Series
    own: pl.Series
    read: pl.DataFrame
    repeats: pl.DataFrame
    size: int = SLICE_ROWS

    @property
    def height(self) -> int:
        return self.failing.len()

    @property
    def conflicts(self) -> bool:
        """Whether a key's rows conflict: their reason is to be stored (``slices``)."""
        return bool(self.repeats["conflict"].any())

    def slices(self, listing: int | None) -> Iterator[pl.DataFrame]:
        """The rejects (``cells.REJECTS``), at most ``size`` at a time, each slice worded as
        it is asked for; ``listing``: the number of the stored reason of a conflicting key's
        rows (``reasons.CONFLICTING``, worded with its rows where it is read)."""
        done = 0  # the rows with a reason of their own worded so far
        for offset in range(0, self.height, max(self.size, 1)):
            failing = self.failing.slice(offset, self.size)
            own = self.own.slice(offset, self.size)
            repeats = worded_repeats(
                self._repeats(failing).with_columns(
                    reason_id=pl.when("conflict").then(pl.lit(listing, pl.Int64))
                )
            )
            parts = []
            if own.any():
                rid = failing.filter(own)
                bad = self.rows[self.where.slice(done, rid.len())].with_columns(rid, share=SHARE)
                mine = repeats.filter(pl.col("rid").is_in(rid.implode()))
                parts.append(worded(self.why, bad, self.read[rid], mine))
                done += rid.len()
            if not own.all():
                rid = failing.filter(~own)
                read = self.read[rid]
                parts.append(repeat_rejects(read.select(rid, "source_row"), read, repeats))
            rejects = pl.concat(parts)
            if not rejects["source_row"].is_sorted():
                rejects = rejects.sort("source_row", maintain_order=True)
            yield rejects

    def _repeats(self, failing: pl.Series) -> pl.DataFrame:
        """The repeated keys' rows among the rids from ``failing``'s first to its last."""
        rids = self.repeats["rid"]
        start = int(rids.search_sorted(failing[0], "left"))
        stop = int(rids.search_sorted(failing[-1], "right"))
        return self.repeats.slice(start, stop - start)


# the rows with a reason of their own are gathered from the judged rows when fewer than
# this share of them (else the judged rows are kept, each slice's gathered as it is worded)
GATHERED = 0.5


def failing_of(
    why: Reasons,
    rows: pl.DataFrame,
    failing: pl.Series,
    read: pl.DataFrame,
    repeats: pl.DataFrame,
    size: int = SLICE_ROWS,
) -> Failing:
    """A whole file's judged rows (``planned.sorted_out``'s), the indices of those failing,
    its body rows as judged and its repeated keys' rows (``repeated_keys``) -> what is held
    of them until the rejects are written: a file with no failing row lets its rows go."""
    # (a slice of rows at a time: the checks' figures are not worked out for all at once)
    step = max(size, 1)
    own = pl.concat(
        [own_problem(rows.slice(at, step), why.meant) for at in range(0, rows.height, step)]
        or [pl.Series("own", [], pl.Boolean)]
    ).gather(failing)
    rid = failing.filter(own)
    if rid.len() >= GATHERED * rows.height:
        where = rid
    else:
        rows, where = rows[rid], pl.int_range(rid.len(), dtype=pl.Int64, eager=True)
    if not failing.len():
        read = read.clear()
    return Failing(why, rows, where, failing, own, read, repeats, size)
