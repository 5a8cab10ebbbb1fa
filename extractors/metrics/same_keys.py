"""One key per figure however its names and period are written: rows whose period, agency
or indicator is written two ways ("Quý II năm 2023" and "Q2/2023"; "Sở Y tế" and "SYT")
are moved onto the first spelling's key, so that they repeat one key (a duplicate, or a
conflict) instead of loading as two figures."""

from __future__ import annotations

from datetime import date

import polars as pl

from extractors.metrics.encode import by_code, lookup
from extractors.period import Period


def period_order(p: Period | None, raw: str) -> tuple[date, date, str]:
    """A period's place in time (the text where it is no period, after every period)."""
    return (p.start, p.end, raw) if p else (date.max, date.max, raw)


PERIODS = pl.Schema(
    {
        "key": pl.Int64,
        "period_raw": pl.String,
        "period_kind": pl.String,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "year": pl.Int32,
    }
)


def period_table(written: list[str], parsed: list[Period | None]) -> pl.DataFrame:
    """The file's period key table: each distinct period as written (its code the key)
    and as parsed (no kind nor dates: no period)."""
    return pl.DataFrame(
        {
            "key": range(len(parsed)),
            "period_raw": written,
            "period_kind": [p.kind if p else None for p in parsed],
            "period_start": [p.start if p else None for p in parsed],
            "period_end": [p.end if p else None for p in parsed],
            "year": [p.year if p else None for p in parsed],
        },
        schema=PERIODS,
    )


def same_period(parsed: list[Period | None]) -> pl.Expr:
    """Per row, one code per period as parsed, not as written: "Quý II năm 2023" and
    "Q2/2023" are one period, so their rows repeat one key (``parsed``: each distinct
    period text's period, in code order; a text that is no period keeps its own code)."""
    first: dict[Period, int] = {}
    same = [i if p is None else first.setdefault(p, i) for i, p in enumerate(parsed)]
    if same == list(range(len(same))):  # every period written one way: the usual file
        return pl.col("period_raw")
    return by_code(pl.Series(same, dtype=pl.UInt32), "period_raw")


def same_names(
    agencies: list[tuple[int, str | None, str | None, str | None]],
    province: str | None,
    indicators: list[tuple[int, str | None, str | None, str | None]],
    n: dict[str, int],
) -> pl.Expr | None:
    """What moves each row's key to the key of the first names written for the same
    resolved agency (in its province) and indicator ("Sở Y tế" and "SYT"; a code and the
    indicator's name), so their rows repeat one key; None when every name resolves apart.
    ``agencies``: (agency key, province, name, code); ``indicators``: (indicator key, name,
    unit, code). A row key is ``(agency * (n_ind + 1) + indicator) * (n_period + 1) +
    period`` (the indicator as its name's code), so moving a side is adding a multiple."""
    per_indicator = n["period_raw"] + 1
    per_agency = (n["indicator_raw"] + 1) * per_indicator
    first: dict[tuple[str | None, str], int] = {}
    agency_moves = {}
    for key, prov, _, code in agencies:
        if code is not None:
            to = first.setdefault((prov or province, code), key)
            if to != key:
                agency_moves[key] = (to - key) * per_agency
    names: dict[str, int] = {}
    indicator_moves = {}
    for key, _, _, code in indicators:
        name = key // (n["unit"] + 1)  # the name's code (``pair_key`` of name and unit)
        if code is not None:
            to = names.setdefault(code, name)
            if to != name:
                indicator_moves[key] = (to - name) * per_indicator
    if not agency_moves and not indicator_moves:
        return None

    def moved(column: str, moves: dict[int, int]) -> pl.Expr:
        return lookup(pl.col(column), moves, 0, pl.Int64)

    return moved("agency_key", agency_moves) + moved("indicator_key", indicator_moves)
