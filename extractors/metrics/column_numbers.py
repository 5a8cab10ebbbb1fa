"""A numeric column's distinct values read (the judge's table per column, indexed by each
value's code): numbers stored as numbers as they are (``cells.TYPED``; a typed Parquet
column's text), text with the convention the column's text proves
(``extractors.number_columns``; counts are whole numbers, which proves ``1,100`` is eleven
hundred).

A value of bare digits ("100", "3452") reads the same in either convention, proves none
and is never ambiguous: it is read on its own, and only the other values are weighed for
the column's convention (the usual column is mostly such values). A number in accounting
brackets ("(2,5)") is a negative one, rejected as such: no count or share is negative."""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from extractors.metrics.cells import TYPED, cell_problem, shown, typed_number
from extractors.metrics.magnitude import held, stored_number, too_large
from extractors.number_columns import read_column

# characters with no width that a number copied from a web page or Word carries ("95\u200b,5"):
# no part of the number as written on screen
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# bare digits, few enough that the float holds the number exactly
_DIGITS = re.compile(r"[0-9]{1,15}")
# a negative number as accountants write it, in brackets: "(2,5)", "( 3 )", "(1.250)"
_ACCOUNTING = re.compile(r"\(\s*(?P<n>[0-9][0-9.,\s]*?)\s*\)")


def read_numbers(
    levels: list[str], typed: bool, counts: bool
) -> tuple[pl.Series, pl.Series, dict[str, str], pl.Series]:
    """The numbers, whether each is bad, the reasons (per value as written), and half a
    unit of each number's last written digit (how far a share it states may be from its
    counts). ``typed``: the column's cells are numbers stored as numbers; ``counts``: the
    column holds counts (whole numbers)."""
    values: list[float | None] = [None] * len(levels)
    half_unit: list[float | None] = [None] * len(levels)
    bad = [False] * len(levels)
    why: dict[str, str] = {}
    text = []
    for i, raw in enumerate(levels):
        if (problem := cell_problem(raw)) is not None:  # no cached value, TRUE, #REF!
            bad[i], why[raw] = True, problem
        elif raw.startswith(TYPED) or typed:  # to the digits a double holds; 1e+20 refused
            num = held(typed_number(raw) if raw.startswith(TYPED) else stored_number(raw))
            values[i], bad[i], half_unit[i] = _read(num)
            if (huge := too_large(num, shown(raw))) is not None:
                values[i], bad[i], why[raw] = None, True, huge
        elif _DIGITS.fullmatch(seen := _INVISIBLE.sub("", raw)):
            values[i], half_unit[i] = float(int(seen)), 0.5  # a unit: its last digit's place
        elif negative := _ACCOUNTING.fullmatch(seen.strip()):  # never a count nor a share
            bad[i] = True
            why[raw] = (
                f"'{shown(raw)}' is -{negative['n']} written in accounting brackets: "
                "a negative figure, which no count or share is"
            )
        else:
            text.append(i)
    column = read_column([_INVISIBLE.sub("", levels[i]) for i in text], integers=counts)
    for i, num, problem in zip(text, column.numbers, column.problems, strict=True):
        values[i], _, half_unit[i] = _read(num)
        if problem := problem or too_large(num, levels[i]):
            values[i], bad[i], why[levels[i]] = None, True, problem
    return (
        pl.Series(values, dtype=pl.Float64),
        pl.Series(bad, dtype=pl.Boolean),
        why,
        pl.Series(half_unit, dtype=pl.Float64),
    )


def _read(num: Decimal | None) -> tuple[float | None, bool, float | None]:
    """A number read: its float, whether it is bad (none), half a unit of its last digit."""
    if num is None:
        return None, True, None
    return float(num), False, 0.5 * 10.0 ** _exponent(num)


def _exponent(d: Decimal) -> int:
    """The place of a number's last written digit (33,3 -> -1; 50 -> 0)."""
    exp = d.as_tuple().exponent
    return exp if isinstance(exp, int) else 0
