"""Short forms of periods in reports, read on ``fold``ed text for ``parse_period``: "6T",
"9T" (six and nine months; "3T", "12T" may be a month as well, so they are named, never
guessed), the same in words ("Sáu tháng đầu năm", "Chín tháng"), a bracket that says the
whole year or the final figure again ("Năm 2024 (cả năm)", "(chính thức)") and a Roman
numeral alone before a year ("II/2024": a quarter or a half, as its
column says, ``extractors.roman_periods``).

>>> spelled_months("6t dau nam 2024", "6T đầu năm 2024")
'6 thang dau nam 2024'
>>> spelled_months("sau thang dau nam 2024", ""), spelled_months("nam 2024 ca nam", "")
('6 thang dau nam 2024', 'nam 2024')
>>> spelled_months("sau thang 6 2024", "")  # "after June" is no six months
'sau thang 6 2024'
>>> bare_roman("II/2024"), bare_roman("Quý II/2024")
('II', None)
"""

from __future__ import annotations

import re

from extractors.dates import month_span
from extractors.normalize import fold
from extractors.period import Period, PeriodError, RomanKind
from extractors.roman import is_roman, roman_to_int

# "6t 2023", "9t dau nam 2023": a number of months abbreviated with "T"
_MONTHS_ABBREVIATED = re.compile(r"\b(?P<n>\d{1,2})t\b")
# "sáu tháng", "chín tháng": the months in words ("sau" before a month's number is "after")
_MONTHS_IN_WORDS = re.compile(r"\b(?P<n>sau|chin)\sthang\b(?!\s?\d)")
# words closing a period (in brackets, which ``fold`` drops) that say it again: the whole
# year, the final figure
_SAID_AGAIN = re.compile(r"(?<=\d)\s(?:ca\snam|(?:so\s(?:lieu\s)?)?chinh\sthuc)$")
# "ii 2023" (II/2023): a Roman numeral alone before a year
ROMAN_ALONE = re.compile(r"(?P<r>[ivxlc]+)\s(?P<y>(?:19|20)\d\d)")


def spelled_months(t: str, raw: str) -> str:
    """``t`` with "6t" as "6 thang" (six months; "9t" nine); any other "nT" a reject
    naming it: "12T" may be twelve months or month 12 (T12)."""

    def spelled(m: re.Match[str]) -> str:
        n = int(m["n"])
        if n in (6, 9):
            return f"{n} thang"
        year = re.search(r"(?:19|20)\d\d", raw)
        y = year[0] if year else "2024"
        instead = {3: f"'3 tháng đầu năm {y}' or ", 12: f"'Năm {y}' or "}.get(n, "")
        raise PeriodError(
            raw, f"'{n}T' may be {n} months or month {n} (T{n}): write {instead}'Tháng {n}/{y}'"
        )

    t = _MONTHS_IN_WORDS.sub(lambda m: "6 thang" if m["n"] == "sau" else "9 thang", t)
    return _MONTHS_ABBREVIATED.sub(spelled, _SAID_AGAIN.sub("", t))


def roman_alone(m: re.Match[str], raw: str, roman: RomanKind | None) -> Period:
    """I/2023 as its column reads it (``roman``): quarter I or the first half; refused,
    naming what to write, when nothing says which."""
    r, y = m["r"].upper(), int(m["y"])
    n = roman_to_int(r) if is_roman(r) else 0
    if roman == "quarter" and 1 <= n <= 4:
        return Period("quarter", *month_span(y, 3 * n - 2, 3 * n), y)
    if roman == "half" and n in (1, 2):
        return Period("half", *month_span(y, 6 * n - 5, 6 * n), y)
    if roman is not None:
        raise PeriodError(raw, f"{roman} {r} is not 1-{4 if roman == 'quarter' else 2}")
    if not 1 <= n <= 4:
        raise PeriodError(raw, f"'{r}' alone before a year names no quarter (I-IV) or half (I-II)")
    half = f" or '6 tháng {'đầu' if n == 1 else 'cuối'} năm {y}'" if n <= 2 else ""
    said = f"may be quarter {r} or half {r}" if half else "is a quarter only if its column says so"
    raise PeriodError(
        raw, f"'{r}' alone {said}: write 'Quý {r}/{y}'{half} (nothing in the column tells which)"
    )


def bare_roman(text: str) -> str | None:
    """The numeral of a Roman numeral alone before a year ("II/2024": "II"), else None."""
    m = ROMAN_ALONE.fullmatch(fold(str(text).replace("_", " ")))
    return m["r"].upper() if m else None
