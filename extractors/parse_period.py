"""Reporting periods of metric files -> (kind, start, end, year).

>>> parse_period("Quý II/2022")
Period(kind='quarter', start=datetime.date(2022, 4, 1), end=datetime.date(2022, 6, 30), year=2022)
>>> parse_period("6 tháng đầu năm 2022").kind
'half'
>>> parse_period("không rõ") is None
True
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, NamedTuple

from extractors.dates import month_span, quarter_number, quarter_span
from extractors.normalize import fold

PeriodKind = Literal["year", "half", "quarter", "months"]  # metric_period_keys.period_kind


class Period(NamedTuple):
    kind: PeriodKind
    start: date
    end: date
    year: int


_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "quy ii/2022", "quy 2 nam 2022", "q2/2022", "q2 2022"
    (
        re.compile(
            r"\b(?:quy|q)\s*(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|nam|-)?\s*(?P<y>(?:19|20)\d{2})\b"
        ),
        "quarter",
    ),
    # "2022-q3", "2022 q3", "2022/q3"
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})\s*[-/ ]?\s*q(?P<q>[1-4])\b"), "quarter"),
    # "6 thang dau nam 2022", "6 thang cuoi nam 2022", "9 thang 2022", "9 thang nam 2022"
    (
        re.compile(
            r"\b(?P<n>\d{1,2})\s*thang\s*(?P<which>dau|cuoi)?\s*(?:nam)?\s*(?P<y>(?:19|20)\d{2})\b"
        ),
        "months",
    ),
    # "nam 2022", "2022"
    (re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?![\d/.-])"), "year"),
)


def parse_period(text: str | None) -> Period | None:
    """Parse one period string (None when no period can be read from it)."""
    if not text:
        return None
    t = fold(str(text).replace("_", " ").replace("/", " / ")).replace(" / ", "/")
    for pattern, kind in _PATTERNS:
        m = pattern.search(t)
        if not m:
            continue
        year = int(m["y"])
        if kind == "quarter":
            quarter = quarter_number(m["q"])
            assert quarter is not None  # (the pattern takes only 1-4 and i-iv)
            return Period("quarter", *quarter_span(year, quarter), year)
        if kind == "months":
            n = int(m["n"])
            if not 1 <= n <= 12:
                continue
            first, last = (13 - n, 12) if m["which"] == "cuoi" else (1, n)
            kind_name: PeriodKind = "half" if n == 6 else "months"
            if n == 12:
                kind_name = "year"
            return Period(kind_name, *month_span(year, first, last), year)
        return Period("year", date(year, 1, 1), date(year, 12, 31), year)
    return None
