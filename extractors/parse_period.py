"""Reporting periods of metric files: a strict grammar, every other value a named reject.

A period cell must be one of these, whole (case, diacritics and separators are free):

========================  ===============================================  ==============
kind                      as agencies write it                             covers
========================  ===============================================  ==============
``year``                  ``2023``, ``Năm 2023``, ``12 tháng năm 2023``     the year
``half``                  ``6 tháng đầu năm 2023``, ``6 tháng cuối năm``,   Jan-Jun/Jul-Dec
                          ``H1/2023``, ``2023-H2``, ``6T/2023``
``quarter``               ``Quý II/2023``, ``quý 4 năm 2023``, ``Q3/2023``,  three months
                          ``2023-Q3``, ``3 tháng đầu năm 2023``
``nine_months``           ``9 tháng 2023``, ``9 tháng đầu năm 2023``,       Jan-Sep
                          ``9T/2023``
``month``                 ``Tháng 12/2022``, ``T12/2022``, ``12/2023``,    one month
                          ``2023-12``, ``2023M12``, ``202312``; a date
                          (``2023-12-01``, a date
                          cell): the month it falls in
``school_year``           ``Năm học 2022-2023``                            Sep-Aug
a span                    ``Từ 01/01/2022 đến 30/6/2022``, ``Quý III và      what it covers
                          IV/2022`` (``period_spans``)
``cumulative``            ``Lũy kế đến tháng 6/2023``, ``lũy kế đến          Jan 1 to the
                          30/6/2023``, ``lũy kế 9 tháng 2023``,             end named
                          ``Năm 2023 (đến 30/11)`` (``period_spans``)
========================  ===============================================  ==============

A Roman numeral alone (``I/2023``) is a quarter or a half as its column says
(``extractors.roman_periods``), never alone. Anything else (``2023-13``, ``Quý 5 năm
2023``, ``Kế hoạch 2024``, ``2022-2023``) is not guessed: ``read_period`` raises
``PeriodError`` naming the value and why. An estimate (``Ước năm 2025``, ``Năm 2025
(ước)``, ``Dự kiến năm 2024``: ``extractors.estimate_words``) is named as one; a date
written as a day (``31/12/2024``) is named as a date, with the periods to write instead
(``extractors.period_days``): it may be the day the report was made as well as the day its
figures run to. A period's ``year`` is the calendar year it closes in (a school year
2022-2023 counts for 2023).

>>> parse_period("Quý II/2022")
Period(kind='quarter', start=datetime.date(2022, 4, 1), end=datetime.date(2022, 6, 30), year=2022)
>>> parse_period("Tháng 12/2022").kind, parse_period("6 tháng đầu năm 2022").kind
('month', 'half')
>>> read_period("2023-13")
Traceback (most recent call last):
...
extractors.period.PeriodError: period '2023-13': month 13 is not 1-12
>>> parse_period("Kế hoạch 2024") is None
True
>>> find_period("BÁO CÁO KẾT QUẢ CCHC QUÝ I NĂM 2023").kind
'quarter'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from extractors.dates import month_span
from extractors.estimate_words import FOLDED as ESTIMATE
from extractors.estimate_words import PRELIMINARY, estimate_reason, preliminary_reason
from extractors.normalize import fold
from extractors.period import Period, PeriodError, PeriodKind, RomanKind, period_label
from extractors.period_days import DATED, DAY, date_instead, date_month, date_month_or_none, day_end
from extractors.period_shorthand import ROMAN_ALONE, roman_alone, spelled_months
from extractors.period_spans import (
    FROM_TO,
    cut_off,
    cut_short,
    find_span,
    span_period,
    summed_from_year_start,
    where_a_year_stops,
)
from extractors.roman import is_roman, roman_to_int

# Patterns run on ``fold``ed text (lower case, no diacritics, "/", "-", "." as spaces), so
# "Quý II/2023" arrives as "quy ii 2023" and "2023-12" as "2023 12".
_Y = r"(?P<y>(?:19|20)\d\d)"
_NAM = r"(?:nam\s)?"  # an optional "năm" before the year
_PATTERNS: dict[str, re.Pattern[str]] = {
    # "2023", "nam 2023", "ca nam 2023", "12 thang nam 2023"
    "year": re.compile(rf"(?:(?:ca\s)?nam\s|12\sthang\s{_NAM})?{_Y}", re.VERBOSE),
    # "6 thang dau nam 2023", "6 thang cuoi nam 2023", "6 thang 2023" (the first half)
    "half_months": re.compile(rf"6\sthang\s(?P<which>dau\s|cuoi\s)?{_NAM}{_Y}", re.VERBOSE),
    # "h1 2023" (H1/2023)
    "half_h": re.compile(rf"h(?P<h>\d)\s{_Y}", re.VERBOSE),
    # "2023 h2" (2023-H2)
    "half_h_after": re.compile(rf"{_Y}\s?h(?P<h>\d)", re.VERBOSE),
    # "quy ii 2023", "quy 4 nam 2023", "q3 2023", "q 3 2023"; "qui 2 2023" (Quí, the older
    # spelling of Quý)
    "quarter": re.compile(rf"(?:quy|qui|q)\s?(?P<q>[iv]+|\d{{1,2}})\s{_NAM}{_Y}", re.VERBOSE),
    # "2023 q3", "2023q3"
    "quarter_after": re.compile(rf"{_Y}\s?q(?P<q>\d{{1,2}})", re.VERBOSE),
    # "3 thang dau nam 2023": the first quarter
    "first_quarter": re.compile(rf"3\sthang\sdau\s{_NAM}{_Y}", re.VERBOSE),
    # "9 thang 2023", "9 thang dau nam 2023", "9 thang nam 2023"
    "nine_months": re.compile(rf"9\sthang\s(?:dau\s)?{_NAM}{_Y}", re.VERBOSE),
    # "thang 12 2022", "thang 12 nam 2022", "t12 2022"
    "month_named": re.compile(rf"(?:thang\s|t)(?P<m>\d{{1,2}})\s{_NAM}{_Y}", re.VERBOSE),
    # "12 2023" (12/2023)
    "month_bare": re.compile(rf"(?P<m>\d{{1,2}})\s{_Y}", re.VERBOSE),
    # "2023 12" (2023-12)
    "month_iso": re.compile(rf"{_Y}\s(?P<m>\d{{1,2}})", re.VERBOSE),
    # "2023m12" (2023M12, as statistics offices code a month); "202312" (YYYYMM, a number
    # cell of an export)
    "month_code": re.compile(rf"{_Y}(?:\s?m(?P<mm>\d{{1,2}})|(?P<m>\d\d))", re.VERBOSE),
    # "nam hoc 2022 2023", "nam hoc 2022 23"
    "school_year": re.compile(rf"nam\shoc\s{_Y}\s(?P<y2>\d{{4}}|\d\d)", re.VERBOSE),
    # "2023 12 01" (2023-12-01, an ISO date; a date cell of a workbook, with its midnight
    # "00:00:00" or "T00:00:00.000"): the month the day falls in
    "date_iso": re.compile(
        rf"{_Y}\s(?P<m>\d{{1,2}})\s(?P<d>\d{{1,2}})(?:(?:\s|t)00\s00(?:\s00(?:\s0+)?)?)?",
        re.VERBOSE,
    ),
}
# "luy ke den thang 6 2023", "luy ke tu dau nam den het quy 2 2023", "luy ke 9 thang 2023"
_CUMULATIVE = re.compile(
    r"""luy\ske\s
        (?:tu\sdau\snam\s)?        # "from the start of the year" (the only start there is)
        (?:(?:den|toi)\s)?         # "up to"
        (?:(?:het|ngay)\s)?        # "the end of", "the day"
        (?P<rest>.+)""",
    re.VERBOSE,
)
# A planned figure is a target, not a report: never read as the year it names.
_PLAN = re.compile(r"\b(?:ke\shoach|chi\stieu\skh|kh)\b")
# "2023.0": a year a number cell held, saved as text with its decimal point (a numeric
# cell holding 2023.0 arrives as 2023 and is the year)
_DECIMAL_YEAR = re.compile(r"(?:19|20)\d\d  \.0+", re.VERBOSE)


def read_period(text: str, roman: RomanKind | None = None) -> Period:
    """The period a cell names; ``PeriodError`` naming the value when it names none.
    ``roman``: what a Roman numeral alone before the year is (its column says; None:
    nothing says, so it is refused).

    >>> read_period("Năm học 2022-2023")[:3]
    ('school_year', datetime.date(2022, 9, 1), datetime.date(2023, 8, 31))
    >>> read_period("Lũy kế đến tháng 6/2023")[1:]
    (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30), 2023)
    """
    raw = str(text)
    t = spelled_months(fold(raw.replace("_", " ")), raw)
    if not t:
        raise PeriodError(raw, "blank")
    if _PLAN.search(t):
        raise PeriodError(raw, "a plan (kế hoạch) is a target, not a reported period")
    cumulative = _CUMULATIVE.fullmatch(t)
    if cumulative:
        rest = cumulative["rest"]
        end = day_end(rest, raw) or _simple(rest, raw) or span_period(rest, raw)
        if end is None:
            raise PeriodError(raw, "a cumulative period must end at a month, quarter or date")
        return Period("cumulative", date(end.end.year, 1, 1), end.end, end.end.year)
    if _DECIMAL_YEAR.fullmatch(raw.strip()):
        raise PeriodError(raw, "a year written as a decimal number: write 'Năm " + raw[:4] + "'")
    found = _simple(t, raw) or span_period(t, raw)  # (a span: "Từ 01/01 đến 30/6/2023")
    if found is None and (alone := ROMAN_ALONE.fullmatch(t)):
        found = roman_alone(alone, raw, roman)
    if found is None:  # 01/12/2023 (not "ngày 01/12/2023"): the month, as 2023-12-01 is
        found = date_month_or_none(DAY.fullmatch(t), raw)
    if found is None:  # "Năm 2024 (đến 30/11)": from 1 January to that day
        found = cut_short(t, raw, _simple)
    if found is None and ESTIMATE.search(t):  # ("Ước năm 2025", "Dự kiến năm 2024")
        raise PeriodError(raw, estimate_reason(t, _label_or_none))
    if found is None and PRELIMINARY.search(t):  # ("Năm 2023 (Sơ bộ)": a Loại số liệu)
        raise PeriodError(raw, preliminary_reason(t, _label_or_none))
    if found is None and (day := DATED.fullmatch(t)):
        raise PeriodError(raw, date_instead(day, raw))
    if found is None and (part := _part_alone(t)):  # "Quý 1", "Tháng 5": which year's?
        after = "/" if part in ("quarter", "month") else " "
        raise PeriodError(
            raw,
            f"a {part} with no year: write it with its year (e.g. '{raw.strip()}{after}2023'), or "
            "name the year in a Năm column, the title or the file name",
        )
    if found is None:
        raise PeriodError(
            raw,
            "not a period (year, half, quarter, 9 months, month, school year or 'lũy kế đến ...')",
        )
    return found


# a part of a year written without its year (folded): "quy 1", "quy ii", "thang 5", "t5",
# "6 thang dau nam", "9 thang"
_PARTS_ALONE = {
    "quarter": re.compile(r"(?:quy|qui)\s?(?:[iv]+|[1-4])"),
    "month": re.compile(r"(?:thang\s?|t)(?:[1-9]|1[0-2])"),
    "half year": re.compile(r"6\sthang(?:\s(?:dau|cuoi)(?:\snam)?)?"),
    "nine-month period": re.compile(r"9\sthang(?:\sdau(?:\snam)?)?"),
}


def _part_alone(t: str) -> str | None:
    """What part of a year folded text names without its year (None: no such text).

    >>> _part_alone("quy ii"), _part_alone("thang 5"), _part_alone("quy 1 2023")
    ('quarter', 'month', None)
    """
    return next((part for part, p in _PARTS_ALONE.items() if p.fullmatch(t)), None)


def parse_period(text: str | None, roman: RomanKind | None = None) -> Period | None:
    """``read_period``, or None when the value is blank or not a period."""
    if text is None:
        return None
    try:
        return read_period(text, roman)
    except PeriodError:
        return None


def period_problem(text: str | None) -> str | None:
    """Why a value is not a period (None when it is one).

    >>> period_problem("Quý 5 năm 2023")
    'quarter 5 is not 1-4'
    """
    try:
        read_period("" if text is None else text)
    except PeriodError as err:
        return err.why
    return None


def find_period(text: str) -> Period | None:
    """The period a title or a file name names somewhere inside it (None: none or two).

    Forms without a keyword ("2023 12") are not read inside longer text: a file named
    ``bao_cao_2023_12`` names no period rather than the year 2023.

    >>> find_period("bao_cao_2023_q1").kind, find_period("bao_cao_2023_12") is None
    ('quarter', True)
    >>> find_period("Số liệu lũy kế đến hết tháng 11/2024")[:3]
    ('cumulative', datetime.date(2024, 1, 1), datetime.date(2024, 11, 30))
    """
    t = f" {fold(text.replace('_', ' '))} "
    span = find_span(t, text)
    if span is not None:  # (before the one year a span's two days name)
        return span
    if FROM_TO.search(t):  # two days spanning no reporting period (1 December to 30 November)
        return None
    named = _named_period(t, text)
    try:  # "năm 2024 (đến 30/11)": the figures may stop before the period ends
        return None if named is None else cut_off(t, text, named)
    except PeriodError:
        return None


def _named_period(t: str, text: str) -> Period | None:
    """``find_period`` of folded text ``t`` without a span: a part of a year, else its
    one year."""
    for name in (
        "school_year",
        "half_months",
        "first_quarter",
        "nine_months",
        "month_named",
        "quarter",
        "quarter_after",
        "half_h",
        "half_h_after",
    ):
        for m in re.finditer(rf"(?<=\s)(?:{_PATTERNS[name].pattern})(?=\s)", t, re.VERBOSE):
            if name == "month_named" and where_a_year_stops(t, m.start()):
                continue  # "năm 2024, số liệu đến hết tháng 11/2024": no month's figures
            try:
                found = _BUILD[name](m, text)
            except PeriodError:
                continue
            return summed_from_year_start(t, m.start(), found)
    years = set(re.findall(r"(?<=\s)(?<!\d\s)((?:19|20)\d\d)(?=\s)(?!\s\d)", t))
    if len(years) == 1:
        year = int(years.pop())
        return Period("year", date(year, 1, 1), date(year, 12, 31), year)
    return None


# --- builders: a match -> a Period, or a PeriodError naming what is out of range ----------


def _year(m: re.Match[str], _raw: str) -> Period:
    y = int(m["y"])
    return Period("year", date(y, 1, 1), date(y, 12, 31), y)


def _half(m: re.Match[str], _raw: str) -> Period:
    y = int(m["y"])
    second = m["which"] == "cuoi "
    return _span("half", y, 7 if second else 1, 12 if second else 6)


def _half_h(m: re.Match[str], raw: str) -> Period:
    h = int(m["h"])
    if h not in (1, 2):
        raise PeriodError(raw, f"half {h} is not 1-2")
    return _span("half", int(m["y"]), 6 * h - 5, 6 * h)


def _quarter(m: re.Match[str], raw: str) -> Period:
    q = m["q"]
    n = int(q) if q.isdigit() else roman_to_int(q) if is_roman(q) else 0
    if not 1 <= n <= 4:
        raise PeriodError(raw, f"quarter {q.upper() if not q.isdigit() else n} is not 1-4")
    return _span("quarter", int(m["y"]), 3 * n - 2, 3 * n)


def _first_quarter(m: re.Match[str], _raw: str) -> Period:
    return _span("quarter", int(m["y"]), 1, 3)


def _nine_months(m: re.Match[str], _raw: str) -> Period:
    return _span("nine_months", int(m["y"]), 1, 9)


def _month(m: re.Match[str], raw: str) -> Period:
    month = int(m["m"] or m.groupdict().get("mm") or 0)
    if not 1 <= month <= 12:
        raise PeriodError(raw, f"month {month} is not 1-12")
    return _span("month", int(m["y"]), month, month)


def _school_year(m: re.Match[str], raw: str) -> Period:
    first, second = int(m["y"]), m["y2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last != first + 1:
        raise PeriodError(raw, f"a school year runs over two consecutive years, not {first}-{last}")
    return Period("school_year", date(first, 9, 1), date(last, 8, 31), last)


_BUILD: dict[str, Callable[[re.Match[str], str], Period]] = {
    "year": _year,
    "half_months": _half,
    "half_h": _half_h,
    "half_h_after": _half_h,
    "quarter": _quarter,
    "quarter_after": _quarter,
    "first_quarter": _first_quarter,
    "nine_months": _nine_months,
    "month_named": _month,
    "month_bare": _month,
    "month_iso": _month,
    "month_code": _month,
    "school_year": _school_year,
    "date_iso": date_month,
}


def _simple(t: str, raw: str) -> Period | None:
    """The one pattern the whole folded text matches, built (None when none matches)."""
    for name, build in _BUILD.items():
        m = _PATTERNS[name].fullmatch(t)
        if m:
            return build(m, raw)
    return None


def _label_or_none(t: str) -> str | None:
    """The period folded text names, as ``period_label`` writes it (None: none)."""
    try:
        named = _simple(t, t)
    except PeriodError:
        return None
    return period_label(named) if named else None


def _span(kind: PeriodKind, year: int, first: int, last: int) -> Period:
    return Period(kind, *month_span(year, first, last), year)
