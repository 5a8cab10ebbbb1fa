"""A share column written as fractions of 1 whose counts prove it: ``Tỷ lệ`` 0,95 beside
Tử số 95 and Mẫu số 100 is 95%, not 0,95%.

A value column on its own cannot say whether 0,95 is 95% or 0,95% (``fractions``: such a
column is rejected, never multiplied on a guess). Counts on the same rows can: when every
row with counts states its share as their ratio (95/100 = 0,95), none as their percent,
and no value of the column is above 1 or written with "%", the column is read as
fractions of 1 - every value in it a hundred times over, with a note naming the column
and the proof. A column where one counted row agrees with the percent, or none has
counts, is left to the judge (and its rules on fractions and counts). Long files' text
cells only (a workbook's number cells carry their own format: ``percent_cells``).
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.cells import TYPED
from extractors.metrics.column_numbers import read_numbers
from extractors.metrics.encode import distinct_values, rewritten
from extractors.metrics.fractions import as_percent
from extractors.metrics.layout import Layout


def counted_scale(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, str | None]:
    """The body with a value column proven to hold fractions of 1 rewritten as percents,
    and the note saying so (None: the column is left as written)."""
    roles = ("numerator", "denominator", "value")
    if layout.measures or layout.groups or not all(r in layout.roles for r in roles):
        return body, None
    if "value" in layout.typed or "%" in layout.header[layout.roles["value"]]:
        return body, None  # typed, or "Tỷ lệ (%)": a header saying percents says 0,55 is 0,55%
    # the value column first (its distinct values only): most columns end the look here
    levels = {"value": distinct_values(body["value"]).to_list()}
    if any(v.startswith(TYPED) or v.rstrip().endswith("%") for v in levels["value"]):
        return body, None
    read = {"value": _numbers(levels["value"], False)}
    values = [v for v, _ in read["value"].values() if v is not None]
    if not values or max(values) > 1:
        return body, None
    for r in ("numerator", "denominator"):
        levels[r] = distinct_values(body[r]).to_list()
        read[r] = _numbers(levels[r], True)
    # the distinct (numerator, denominator, value) a row holds: hashed on the columns'
    # codes, and only those few written out as text
    counted = (
        body.select(roles)
        .filter(pl.all_horizontal(pl.col(r).is_not_null() for r in roles))
        .unique(maintain_order=True)
        .cast(pl.String)
    )
    proof = None
    for num_raw, den_raw, val_raw in counted.iter_rows():
        (num, _), (den, _), (val, half) = (
            read["numerator"][num_raw],
            read["denominator"][den_raw],
            read["value"][val_raw],
        )
        if num is None or den is None or val is None or half is None or not den or not num:
            continue
        ratio = num / den
        if abs(100 * ratio - val) <= 100 * half:  # a percent as written: nothing proven
            return body, None
        if abs(ratio - val) > half + 1e-12:  # disagrees either way: the judge says so
            return body, None
        proof = proof or (num_raw, den_raw, val_raw)
    if proof is None:
        return body, None
    column = layout.header[layout.roles["value"]]
    scaled = {raw: as_percent(raw, v) for raw, (v, _) in read["value"].items() if v is not None}
    body = rewritten(body, {"value": scaled})
    num_raw, den_raw, val_raw = proof
    return body, (
        f"column '{column}' holds shares as fractions of 1, as its counts prove "
        f"({num_raw}/{den_raw} = {val_raw}): read as percents ({val_raw} = "
        f"{scaled[val_raw]}%); write percents to be sure"
    )


def _numbers(levels: list[str], counts: bool) -> dict[str, tuple[float | None, float | None]]:
    """Each distinct value as written -> its number and half a unit of its last written
    digit ("0,95": 0.95, 0.005; None: not a number)."""
    numbers, _, _, halves = read_numbers(levels, False, counts)
    return dict(zip(levels, zip(numbers.to_list(), halves.to_list(), strict=True), strict=True))
