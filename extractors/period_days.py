"""A day written where a period goes, read on ``fold``ed text for ``parse_period``.

The first of a month stands for its month (a spreadsheet keeps "12/2023" typed into a cell
as 1 December 2023 and writes it out as 2023-12-01 or 01/12/2023); a day ends a cumulative
period ("Lũy kế đến 30/6/2023"); any other day alone ("31/12/2024", "ngày 30/6/2024") is
refused, naming the periods to write instead: it may be the day the report was made as well
as the day its figures run to.

>>> date_month_or_none(DAY.fullmatch("01 12 2023"), "01/12/2023").kind
'month'
>>> date_instead(DATED.fullmatch("ngay 30 6 2024"), "ngày 30/6/2024")[:48]
'a date, not a period: write the period it report'
"""

from __future__ import annotations

import re
from datetime import date

from extractors.dates import month_span
from extractors.period import Period, PeriodError

# "30 6 2023" (30/6/2023)
DAY = re.compile(r"(?P<d>\d{1,2})\s(?P<m>\d{1,2})\s(?P<y>(?:19|20)\d\d)")
# a date on its own, with "ngày" (the day) before it or without
DATED = re.compile(rf"(?:ngay\s)?{DAY.pattern}")


def date_month(m: re.Match[str], raw: str) -> Period:
    """The month of a date on the first of a month (a date cell and its text alike); any
    other day is a day, not a period: refused, as a cell or as text."""
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise PeriodError(raw, f"{m['y']}-{m['m']}-{m['d']} is not a date") from None
    if day.day != 1:
        raise PeriodError(raw, date_instead(m, raw))
    return Period("month", *month_span(day.year, day.month, day.month), day.year)


def date_month_or_none(m: re.Match[str] | None, raw: str) -> Period | None:
    """A d/m/y date on the first of a month: its month (else None: refused as a date)."""
    return date_month(m, raw) if m is not None and int(m["d"]) == 1 else None


def day_end(t: str, raw: str) -> Period | None:
    """The day a cumulative period runs to (None: ``t`` is no day)."""
    m = DAY.fullmatch(t)
    if not m:
        return None
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise PeriodError(raw, f"{m['d']}/{m['m']}/{m['y']} is not a date") from None
    return Period("cumulative", d, d, d.year)


def date_instead(m: re.Match[str] | None, raw: str) -> str:
    """Why a date is not a period, and the periods to write instead (named after it)."""
    assert m is not None
    d, mo, y = int(m["d"]), int(m["m"]), m["y"]
    try:
        date(int(y), mo, d)
    except ValueError:
        return f"{d}/{mo}/{y} is not a date"
    return (
        "a date, not a period: write the period it reports, e.g. "
        f"'Năm {y}', 'Tháng {mo}/{y}' or 'Lũy kế đến {d}/{mo}/{y}'"
    )
