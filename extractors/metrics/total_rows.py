"""Total rows: the sum of the agencies' rows, written among them ("Tổng cộng", "Cộng các
huyện", "Cộng huyện Cần Giuộc" after its communes; ``catalog_checks.is_total``).

The marts add up the agencies' own rows, so a total row is never loaded: counted twice
otherwise. What a user is told depends on what it says of the rows it sums:

- it agrees with them (its Tử số and Mẫu số, or its value, are their sums; a share, the
  share their counts make or the mean of their shares) - or it sums shares written
  without counts, which do not add up, so nothing can disagree: no figure is lost. It is
  kept out of the marts with a note, no reject;
- it disagrees: a figure above it is wrong or missing. It is rejected naming its number
  and their sum;
- no agency's row is beside it: it is the only figure the file gives, rejected as a total
  row that names no agency (``catalog_checks``).

The rows a total sums are those of its province, indicator and period (a blank one in the
total row: any, as "Tổng cộng" in the Tỉnh column totals the whole column): all of them,
or those since the total row before it (a subtotal after its units), or those up to the
next (a subtotal above its units). Agencies write the label where it fits the sheet: a
total row whose agency cell is blank takes the label of its Tỉnh or STT cell
(``labelled_totals``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from extractors.metrics.catalog_checks import is_total
from extractors.metrics.cells import short_number
from extractors.metrics.committee_sums import COLUMN as COMMITTEE_SUM
from extractors.metrics.committee_sums import committee_sums
from extractors.metrics.encode import distinct_values, own_categorical
from extractors.metrics.fractions import flagged
from extractors.metrics.row_notes import quoted, rows_listed
from extractors.normalize import fold

COLUMN = "total_off"  # per total row: why it disagrees with the rows it sums (or null)
LABEL = "row_label"  # the body's STT cell, where it holds a letter (a total's label)
KEPT = ""  # a total row's verdict when it is kept out (agrees, or cannot disagree)
_EPSILON = 1e-6  # counts equal as written (a sum of decimals is not exact in binary)


_NUMBERING = ("stt", "tt", "so tt", "so thu tu")  # an STT column's headers, folded


def label_cell(header: list[str], roles: dict[str, int]) -> pl.Expr:
    """The STT cell of a row where it holds a letter (a label: "Tổng cộng"), else null; a
    null column when the file has no STT column."""
    i = next(
        (i for i, h in enumerate(header) if i not in roles.values() and fold(h) in _NUMBERING),
        None,
    )
    if i is None:
        return pl.lit(None, pl.String).alias(LABEL)
    cell = pl.col(f"c{i}")
    return pl.when(cell.str.contains(r"\p{L}")).then(cell).alias(LABEL)


def labelled_totals(body: pl.DataFrame) -> pl.DataFrame:
    """The body with each total row's label in its agency cell: a row whose agency cell is
    blank and whose Tỉnh (or STT) cell labels a total takes that label as its agency (its
    province then comes from the title, the file name, or the configured one)."""
    label = body.get_column(LABEL) if LABEL in body.columns else None
    body = body.drop(LABEL, strict=False)
    sources = [("province", body["province"]), *([(LABEL, label)] if label is not None else [])]
    # each column's total labels, found among its distinct values (not row by row)
    labels = {name: [v for v in distinct_values(c) if is_total(v)] for name, c in sources}
    found = [(name, c) for name, c in sources if labels[name]]
    if not found:
        return body
    agency = body["agency_raw"].cast(pl.String)
    blank = agency.is_null() | (agency.str.strip_chars() == "")
    province = body["province"].cast(pl.String)
    for name, column in found:
        text = column.cast(pl.String)
        moved = blank & text.is_in(labels[name]).fill_null(False)
        agency = pl.select(pl.when(moved).then(text).otherwise(agency)).to_series()
        if name == "province":
            province = pl.select(pl.when(moved).then(None).otherwise(province)).to_series()
        blank = blank & ~moved
    return body.with_columns(
        agency_raw=agency.cast(own_categorical()), province=province.cast(own_categorical())
    )


@dataclass(frozen=True)
class _Total:
    """A total row as judged: where it is, what it totals (None: any) and its figures."""

    source_row: int
    province: str | None
    indicator_key: int | None
    period_key: int | None
    numerator: float | None
    denominator: float | None
    value: float | None
    tolerance: float  # half a unit of the value's last printed digit
    percent: bool


def total_verdicts(rows: pl.DataFrame, read: pl.DataFrame) -> pl.Series | None:
    """Per row: null (no total row, or one with no agency's row to sum), ``KEPT`` (a total
    row kept out) or why it disagrees with its rows; None when no row is a total.
    ``rows``: the judged rows (agency_total, problem, keys and numbers); ``read``: the
    body's same rows (province, indicator and period as written)."""
    if "agency_total" not in rows.columns or not rows["agency_total"].any():
        return None
    frame = rows.select(
        "source_row",
        "agency_total",
        "problem",
        "indicator_key",
        "period_key",
        "numerator",
        "denominator",
        "value",
        "value_tolerance",
        "percent",
    ).with_columns(
        province=read["province"].cast(pl.String),
        value_tolerance=pl.col("value_tolerance").fill_null(0.0),
        indicator_key=pl.when(read["indicator_raw"].is_not_null()).then("indicator_key"),
        period_key=pl.when(read["period_raw"].is_not_null()).then("period_key"),
    )
    members = frame.filter(~pl.col("agency_total") & ~pl.col("problem"))
    at = frame["agency_total"].arg_true()  # (a wide file's row: once per indicator column)
    fields = [*_Total.__dataclass_fields__]
    fields[fields.index("tolerance")] = "value_tolerance"
    totals = [_Total(*t) for t in frame[at].select(fields).iter_rows()]
    rows_at = sorted({t.source_row for t in totals})
    said = [_verdict(t, _candidates(t, members, rows_at)) for t in totals]
    none = pl.Series([None] * frame.height, dtype=pl.String)
    return none.scatter(at, pl.Series(said, dtype=pl.String))


def _candidates(total: _Total, members: pl.DataFrame, rows_at: list[int]) -> list[pl.DataFrame]:
    """The sets of rows a total may sum: all of its group's, those since the total row
    before it, those up to the next (each only when not empty)."""
    same = pl.lit(True)
    for column, key in (
        ("province", total.province),
        ("indicator_key", total.indicator_key),
        ("period_key", total.period_key),
    ):
        if key is not None:  # (None: a blank cell in the total row, which totals them all)
            same = same & (pl.col(column) == key)
    group = members.filter(same)
    row, at = total.source_row, pl.col("source_row")
    before = max((r for r in rows_at if r < row), default=0)
    after = min((r for r in rows_at if r > row), default=None)
    sets = [
        group,
        group.filter((at > before) & (at < row)),
        group.filter((at > row) & (at < after) if after is not None else at > row),
    ]
    return [s for s in sets if s.height]


def _verdict(total: _Total, sets: list[pl.DataFrame]) -> str | None:
    """``KEPT`` when the total agrees with a set or cannot disagree; else why it disagrees
    with the first (all the rows of its group); None with no set at all."""
    if not sets:
        return None
    off = [why for s in sets if (why := _disagrees(total, s)) is not None]
    return KEPT if len(off) < len(sets) else off[0]


def _disagrees(total: _Total, rows: pl.DataFrame) -> str | None:
    """Why a total row is not the sum of ``rows`` (None: it is, or it cannot be told)."""
    n = rows.height
    counted = rows["numerator"].null_count() == 0 and rows["denominator"].null_count() == 0
    num, den = float(rows["numerator"].sum() or 0), float(rows["denominator"].sum() or 0)
    if total.numerator is not None and total.denominator is not None:
        if not counted:
            return None  # its rows give shares alone: their counts are not known
        sums = (("Tử số", total.numerator, num), ("Mẫu số", total.denominator, den))
        wrong = [(k, x, s) for k, x, s in sums if abs(x - s) > _EPSILON * max(1.0, abs(s))]
        if not wrong:
            return None
        said = [f"{k} {short_number(x)}" for k, x, _ in wrong]
        return _reason(n, said, [short_number(s) for _, _, s in wrong])
    value, tolerance = total.value, total.tolerance + 1e-9
    if value is None:
        return None
    if total.percent:
        if not counted or den == 0:
            return None  # shares alone: a share weighted by counts not given cannot disagree
        ratio = 100.0 * num / den
        shares = rows["value"].drop_nulls()  # (the mean of the shares, as some agencies write)
        mean = float(shares.mean()) if shares.len() == n else None  # type: ignore[arg-type]
        if any(x is not None and abs(x - value) <= tolerance for x in (ratio, mean)):
            return None
        return _reason(
            n, [f"the share {short_number(value)}"], [f"{short_number(ratio)} (their counts)"]
        )
    if rows["value"].null_count():
        return None  # (a row with counts alone: no value to add up)
    expected = float(rows["value"].sum())
    if abs(expected - value) <= tolerance:
        return None
    return _reason(n, [f"the value {short_number(value)}"], [short_number(expected)])


def _reason(rows: int, said: Iterable[str], sums: Iterable[str]) -> str:
    return (
        f"is a total row that does not agree with the {rows} row{'s' * (rows > 1)} it sums: "
        f"{' and '.join(said)}, where they add up to {' and '.join(sums)}; a figure of "
        "theirs is wrong or missing (the marts add up the agencies' rows, never the total): "
        "correct the one that is wrong and send the file again"
    )


def kept_out_note(rows: list[tuple[int, str]], unchecked: bool) -> str:
    """The note on the total rows kept out (row, label as written)."""
    where, said = rows_listed([r for r, _ in rows]), quoted(label for _, label in rows)
    what = "total rows" if len(rows) > 1 else "a total row"
    why = (
        "shares without Tử số and Mẫu số, which do not add up: not checked"
        if unchecked
        else "the sum of the agencies' rows in the file"
    )
    return (
        f"{where}: {what} ({said}), {why}: kept out of the marts, which add up the "
        "agencies' own rows"
    )


@dataclass(frozen=True)
class KeptTotals:
    """The total rows kept out of a file: how many, and the note naming them."""

    rows: int = 0
    notes: tuple[str, ...] = ()


def sum_rows(
    rows: pl.DataFrame, read: pl.DataFrame, committees: dict[int, list[int]]
) -> tuple[pl.DataFrame, pl.DataFrame, KeptTotals]:
    """The judged rows and their body rows (``read``) with the rows that are sums of
    others judged: the province's committee's row that is its agencies' sum flagged
    (``committee_sums``), a total row that disagrees with its rows given ``COLUMN`` (why,
    for its reject), and the total rows kept out taken out of both."""
    rows = flagged(rows, COMMITTEE_SUM, committee_sums(rows, committees))
    verdicts = total_verdicts(rows, read)
    if verdicts is None:
        return rows, read, KeptTotals()
    kept = (verdicts == KEPT).fill_null(False)
    off = pl.select(pl.when(kept).then(None).otherwise(verdicts)).to_series()
    rows = rows.with_columns(off.alias(COLUMN))
    if not kept.any():
        return rows, read, KeptTotals()
    labels = read.filter(kept).select("source_row", pl.col("agency_raw").cast(pl.String))
    shown = list(labels.unique("source_row", keep="first", maintain_order=True).iter_rows())
    # shares with no counts anywhere in the file: the totals kept out were not checked
    unchecked = bool(rows.filter(kept)["percent"].all()) and not _counted(rows)
    note = kept_out_note(shown, unchecked)
    return rows.filter(~kept), read.filter(~kept), KeptTotals(len(shown), (note,))


def _counted(rows: pl.DataFrame) -> bool:
    return bool(rows["numerator"].is_not_null().any())
