"""A metric file with every decision about the whole file made (``judge.plan_judgement``):
its key tables, the reasons, and the pass that judges any slice of its rows. What is left
is per row - but for the repeated keys, which ``settle`` is given, and the checks on a
whole value column (fractions of 1), which only the whole file can make."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from extractors.metrics.catalog_checks import Meant
from extractors.metrics.encode import distinct_of, null_as_last, pair_key, pairs
from extractors.metrics.named_years import year_notes
from extractors.metrics.reasons import SHARE, reject_reasons
from extractors.metrics.same_keys import same_names

INDICATOR_COLUMNS = ("indicator_raw", "unit", "indicator_code")
FACT_COLUMNS = (
    "agency_key",
    "indicator_key",
    "period_key",
    "source_row",
    "numerator",
    "denominator",
    "value",
)
IndicatorRow = tuple[int, str | None, str | None, str | None]  # key, name, unit, code


@dataclass(frozen=True)
class Reasons:
    """What words a failing row's reason (``reasons.reject_reasons``' arguments)."""

    numbers: dict[str, dict[str, str]]  # per numeric role: why a value is not a number
    gone: dict[int, str]  # agency key -> why it is not in force at the row's period
    provinces: dict[str | None, str]  # a Tỉnh value naming no province -> why
    meant: Meant
    subtotals: dict[int, str]  # a collective's agency key -> why its rows go


@dataclass(frozen=True)
class Planned:
    """One metric file, its whole-file decisions made. ``query``: the per-row pass over a
    slice of ``codes`` and its source rows; ``whole_column``: a decision on the whole
    value column may be needed (values between 0 and 1, cells shown as percents), so the
    rows are judged whole."""

    body: pl.DataFrame
    codes: pl.DataFrame
    query: Callable[[pl.LazyFrame, pl.Series], pl.LazyFrame]
    agencies: pl.DataFrame
    periods: pl.DataFrame
    reasons: Reasons
    levels: dict[str, list[str]]
    ind_codes: dict[str, str | None]
    resolved: list[tuple[int, str | None, str | None, str | None]]
    province: str | None
    n: dict[str, int]
    notes: tuple[str, ...]
    whole_column: bool
    values: pl.Series  # the value column's distinct numbers
    # the province's committee's agency key -> its agencies' keys (``committee_sums``)
    committees: dict[int, list[int]] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return self.codes.height

    def rows(self, offset: int = 0, length: int | None = None) -> pl.DataFrame:
        """The per-row pass over rows ``offset`` .. ``offset + length`` (all by default)."""
        return self.lazy_rows(offset, length).collect()

    def lazy_rows(self, offset: int = 0, length: int | None = None) -> pl.LazyFrame:
        """The per-row pass, not yet run (what is not selected from it is not worked out)."""
        codes = self.codes.slice(offset, length) if offset or length is not None else self.codes
        source = self.body["source_row"].slice(offset, length).rechunk()
        return self.query(codes.lazy(), source)

    def year_notes(self) -> list[str]:
        """The warning for rows whose indicator names another year than their period."""
        return year_notes(
            self.codes, self.body["source_row"], self.levels["indicator_raw"], self.periods
        )

    def indicator_rows(self, keys: pl.Series) -> list[IndicatorRow]:
        """One key per (indicator, unit) pair the rows' ``keys`` hold; a blank indicator
        gets none (its rows are rejects, "indicator is blank", and no fact refers to it)."""
        written = pairs(keys, self.levels["indicator_raw"], self.levels["unit"])
        codes = self.ind_codes
        return [(k, raw, unit, codes.get(raw)) for k, raw, unit in written if raw is not None]

    def indicator_keys(self) -> pl.Series:
        """The distinct indicator keys of the rows (as the pass makes them), from the
        codes alone."""
        n = self.n
        code = null_as_last(pl.col("indicator_raw"), n["indicator_raw"])
        return distinct_of(self.codes, pair_key(code, pl.col("unit"), n["unit"]))

    def renamed(self, rows: pl.DataFrame, indicators: list[IndicatorRow]) -> pl.DataFrame:
        """The rows' keys moved to the first names written for the same resolved agency and
        indicator, so their rows repeat one key."""
        moved = self.moved(indicators)
        if moved is None:
            return rows
        return rows.lazy().with_columns(row_key=pl.col("row_key") + moved).collect()

    def moved(self, indicators: list[IndicatorRow]) -> pl.Expr | None:
        """What moves a row's key (``same_keys.same_names``); None: no key moves."""
        return same_names(self.resolved, self.province, indicators, self.n)


def settle(
    why: Reasons, rows: pl.DataFrame, read: pl.DataFrame, repeats: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Judged rows (``read``: the body's same rows; ``repeats``: rid, reason, conflict of
    the rows repeating a key, a rid the row's index in ``rows``) -> facts, rejects, and the
    identical repeats dropped (source_row, reason)."""
    facts, rows, failing, copied = sorted_out(rows, repeats)
    bad = failing_rows(rows, failing)
    return facts, worded(why, bad, read[failing], repeats), copied.select("source_row", "reason")


def sorted_out(
    rows: pl.DataFrame, repeats: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series, pl.DataFrame]:
    """Judged rows (``repeats``: rid and conflict of the rows repeating a key, as
    ``settle`` takes them or with no reason worded) -> facts, the rows with a conflicting
    key's failing too, the failing rows' indices (``failing_rows`` gathers them, a slice
    at a time if need be), and the identical repeats dropped (their ``repeats`` rows, with
    their source_row)."""
    conflicts = repeats["rid"].filter(repeats["conflict"])
    if conflicts.len():
        rows = rows.with_columns(rows["problem"].scatter(conflicts, True))
    # an identical repeat of a row is dropped with a note, not rejected (unless it fails a
    # check of its own, as its first does)
    copies = repeats.filter(~pl.col("conflict") & ~rows["problem"].gather(repeats["rid"]))
    failing = rows["problem"].arg_true().cast(pl.Int64).alias("rid")
    dropped = rows["problem"].clone().scatter(copies["rid"], True)
    good = rows.filter(~dropped) if dropped.any() else rows
    facts = good[list(FACT_COLUMNS)]  # by name: select() would copy the columns again
    copied = copies.with_columns(rows["source_row"].gather(copies["rid"]))
    return facts, rows, failing, copied


def failing_rows(rows: pl.DataFrame, failing: pl.Series) -> pl.DataFrame:
    """The rows at ``failing`` (``sorted_out``'s indices) with their ``rid`` and ``share``:
    what ``worded`` takes."""
    return rows[failing].with_columns(failing, share=SHARE)


def worded(
    why: Reasons, bad: pl.DataFrame, read: pl.DataFrame, repeats: pl.DataFrame
) -> pl.DataFrame:
    """Failing rows (``failing_rows``; ``read``: their body rows, in the same order) ->
    their rejects (``reasons.reject_reasons``)."""
    return reject_reasons(
        bad,
        read,
        repeats,
        why.numbers,
        why.gone,
        why.provinces,
        why.meant,
        why.subtotals,
    )
