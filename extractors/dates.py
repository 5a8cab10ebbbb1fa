"""Calendar arithmetic the period and timeframe parsers share: month ends, quarters."""

from __future__ import annotations

import calendar
from datetime import date

from extractors.roman import is_roman, roman_to_int


def month_end(year: int, month: int) -> date:
    """
    >>> month_end(2024, 2), month_end(2023, 2), month_end(2022, 12)
    (datetime.date(2024, 2, 29), datetime.date(2023, 2, 28), datetime.date(2022, 12, 31))
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, first: int, last: int) -> tuple[date, date]:
    """The first day of month ``first`` to the last of month ``last``."""
    return date(year, first, 1), month_end(year, last)


def quarter_number(text: str) -> int | None:
    """A quarter written as a roman or arabic numeral, 1 to 4 (None: not a quarter).

    >>> [quarter_number(t) for t in ("II", "iv", "3", "V", "0", "x")]
    [2, 4, 3, None, None, None]
    """
    n = int(text) if text.isdigit() else roman_to_int(text) if is_roman(text) else None
    return n if n is not None and 1 <= n <= 4 else None


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """
    >>> quarter_span(2022, 2)
    (datetime.date(2022, 4, 1), datetime.date(2022, 6, 30))
    """
    return month_span(year, 3 * quarter - 2, 3 * quarter)
