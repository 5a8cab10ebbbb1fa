"""A Roman numeral alone before a year (``I/2024``, ``II/2024``): quarter I or the first
half? The cell does not say; its column may. A header naming the part (``Quý``, ``6
tháng``), a III or IV beside it (no half has one), or another value naming its kind
(``Quý III/2023``, ``6 tháng cuối năm 2023``) decides; a column that says neither, or both,
leaves every such value a reject naming it (``parse_period``): never a guess.

A column headed ``Năm học`` says the same of its bare spans of two years: ``2023-2024``
there is the school year (September to August), as ``Năm học 2023-2024`` is anywhere.

>>> read_periods(["I/2024", "II/2024", "III/2024"], "Kỳ báo cáo")("II/2024").kind
'quarter'
>>> read_periods(["I/2024", "II/2024"], "Kỳ báo cáo")("II/2024") is None
True
>>> read_periods(["2023-2024"], "Năm học")("2023-2024").kind
'school_year'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial

from extractors.normalize import fold
from extractors.parse_period import parse_period
from extractors.period import Period, RomanKind
from extractors.period_shorthand import bare_roman
from extractors.roman import is_roman, roman_to_int

# a header naming the part of the year its column holds, folded
_HEADER_SAYS: dict[RomanKind, re.Pattern[str]] = {
    "quarter": re.compile(r"\b(?:quy|qui|quarter)\b"),
    "half": re.compile(r"\b(?:6 thang|nua nam|ban nien|half)\b"),
}


def roman_kind(values: Iterable[str], header: str) -> RomanKind | None:
    """What the column's Roman numerals alone are, when its header and other values say
    one thing (None: they say nothing, or both)."""
    said = {kind for kind, named in _HEADER_SAYS.items() if named.search(fold(header))}
    for value in values:
        numeral = bare_roman(value)
        if numeral is not None:
            said |= {"quarter"} if is_roman(numeral) and roman_to_int(numeral) in (3, 4) else set()
        elif (p := parse_period(value)) is not None and p.kind in ("quarter", "half"):
            said.add("quarter" if p.kind == "quarter" else "half")
    return said.pop() if len(said) == 1 else None


# a header naming school years, folded; and a bare span of two years a cell of it holds
_SCHOOL_YEARS = re.compile(r"nam hoc\b.*")
_TWO_YEARS = re.compile(r"\s*\d{4}\s*[-–/]\s*\d{2,4}\s*")


def read_periods(values: list[str], header: str) -> Callable[[str], Period | None]:
    """``parse_period`` for the values of one column (its header ``header``)."""
    if _SCHOOL_YEARS.fullmatch(fold(header)):
        return _school_year
    if not any(bare_roman(v) is not None for v in values):
        return parse_period
    return partial(parse_period, roman=roman_kind(values, header))


def _school_year(value: str) -> Period | None:
    """A value of a ``Năm học`` column: "2023-2024" the school year, as its header says."""
    return parse_period(f"Năm học {value}" if _TWO_YEARS.fullmatch(value) else value)
