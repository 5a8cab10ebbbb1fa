"""Periods written as a span: two days (``Từ 01/01/2022 đến 30/6/2022``) or quarters
joined (``Quý III và IV/2022``) or months as a range (``Tháng 1-6/2022``, ``Từ tháng 1 đến
tháng 3 năm 2022``). A span is the period it covers exactly - a year, a half,
a quarter, nine months, a month, a school year, or from 1 January to a month's end (a
cumulative period); any other span is a ``PeriodError`` naming the value, never the
period nearest to it. Text arrives ``fold``ed, as ``parse_period`` reads it ("Từ
01/01/2022 đến 30/6/2022" is "tu 01 01 2022 den 30 6 2022").

>>> span_period("tu 01 01 2022 den 30 6 2022", "Từ 01/01/2022 đến 30/6/2022")[:3]
('half', datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))
>>> span_period("quy iii va iv 2022", "Quý III và IV/2022")[:3]
('half', datetime.date(2022, 7, 1), datetime.date(2022, 12, 31))
>>> span_period("thang 1 9 2022", "Tháng 1-9/2022")[:3]
('nine_months', datetime.date(2022, 1, 1), datetime.date(2022, 9, 30))
>>> span_period("quy ii va iii 2022", "Quý II và III/2022")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
extractors.period.PeriodError: period 'Quý II và III/2022': quarters II, III make no ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from extractors.dates import month_end, month_span, quarter_number
from extractors.period import Period, PeriodError


def _day(n: str) -> str:
    """A day as folded text (d m y), its groups named ``<n>d``, ``<n>m``, ``<n>y``."""
    return rf"(?P<{n}d>\d{{1,2}})\s(?P<{n}m>\d{{1,2}})\s(?P<{n}y>(?:19|20)\d\d)"


# "tu 01 01 2022 den 30 6 2022", "tu ngay 01 01 2022 den het ngay 30 6 2022"
FROM_TO = re.compile(
    rf"""tu\s(?:ngay\s)?{_day("a")}           # from a day
        \s(?:den|toi)\s(?:het\s)?(?:ngay\s)?  # to
        {_day("b")}                           # the last day
    """,
    re.VERBOSE,
)
_Q = r"(?:[iv]+|\d)"  # one quarter's number, roman or arabic
# "quy iii va iv 2022", "quy iii iv nam 2022" (Quý III, IV/2022), "quy 1 2 va 3 2022"
QUARTERS = re.compile(
    rf"""(?:quy|qui|q)\s?
        (?P<qs>{_Q}(?:\s(?:va\s)?{_Q})+)    # two quarters or more, "và" or "," between
        \s(?:nam\s)?(?P<y>(?:19|20)\d\d)    # and their year
    """,
    re.VERBOSE,
)

# months as a range: "thang 1 6 2024" (Tháng 1-6/2024), "thang 4 6 nam 2024", "t1 9 2024",
# "tu thang 1 den thang 3 nam 2024" (Từ tháng 1 đến tháng 3 năm 2024)
MONTHS = re.compile(
    r"""(?:tu\s)?(?:thang\s?|t)(?P<a>\d{1,2})             # the first month
        \s(?:(?:den|toi)\s(?:het\s)?(?:thang\s)?)?       # to
        (?P<b>\d{1,2})                                   # the last month
        \s(?:nam\s)?(?P<y>(?:19|20)\d\d)                 # and their year
    """,
    re.VERBOSE,
)

# a title's period cut short ("năm 2024 (đến 30/11)", "tính đến ngày 30/11/2024", "đến hết
# tháng 11"); read only where no span of two days (FROM_TO) is written
CUT_OFF = re.compile(
    r"""(?:den|toi)\s(?:het\s)?(?:ngay\s)?
        (?:(?P<d>\d{1,2})\s(?P<m>\d{1,2})|thang\s(?P<month>\d{1,2}))
        (?:\s(?:nam\s)?(?P<y>(?:19|20)\d\d))?(?!\s?\d)
    """,
    re.VERBOSE,
)


def year_taken(year: int) -> date:
    """The day a year's figures are taken to in its official annual report: from 15
    December of the year before to 14 December (Nghị định 09/2019/NĐ-CP, Điều 12)."""
    return date(year, 12, 14)


def cut_off(t: str, raw: str, named: Period) -> Period:
    """The period of a title naming ``named`` (``t`` folded) whose figures may stop at a
    day: a year cut short runs from 1 January to that day; a day on or after the period's
    end is the day the figures were taken, so the period stands, as a year does from the
    day its official report is taken to (``year_taken``). Any other period cut short
    (November to the 25th) is no reporting period: a ``PeriodError``.

    >>> year = Period("year", date(2024, 1, 1), date(2024, 12, 31), 2024)
    >>> cut_off(" bao cao nam 2024 den 30 11 ", "…", year)[:3]
    ('cumulative', datetime.date(2024, 1, 1), datetime.date(2024, 11, 30))
    >>> cut_off(" nam 2024 so lieu den het thang 11 ", "…", year)[2]
    datetime.date(2024, 11, 30)
    >>> cut_off(" ke hoach den nam 2025 ", "…", year) == year
    True
    >>> cut_off(" nam 2024 tinh den 15 12 2024 ", "…", year) == year
    True
    """
    m = CUT_OFF.search(t)
    if m is None:
        return named
    y = int(m["y"] or named.year)
    try:
        last = month_end(y, int(m["month"])) if m["month"] else date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        raise PeriodError(raw, "figures cut off at a day that is not a date") from None
    if last >= named.end or (named.kind == "year" and last >= year_taken(named.year)):
        return named
    if named.kind == "year" and last.year == named.year:
        return Period("cumulative", named.start, last, named.year)
    raise PeriodError(raw, f"figures cut off on {last:%d/%m/%Y}, before the period ends")


# a period cell cut short: the period, "tính" or "số liệu" perhaps, then the cut-off ("nam
# 2024 den 30 11" for "Năm 2024 (đến 30/11)", "nam 2024 tinh den ngay 30 11 2024")
_CUT_SHORT = re.compile(
    rf"(?P<head>.+?)\s(?:(?:tinh|so\slieu)\s)?(?P<cut>{CUT_OFF.pattern})", re.VERBOSE
)


def cut_short(t: str, raw: str, read_head: Callable[[str, str], Period | None]) -> Period | None:
    """The period of a cell naming a period and the day its figures run to (``t`` folded):
    ``cut_off`` of the period ``read_head`` reads before it, as a title's is read (None:
    ``t`` is no period cut short).

    >>> def year(t, raw): return Period("year", date(2024, 1, 1), date(2024, 12, 31), 2024)
    >>> cut_short("nam 2024 den 30 11", "Năm 2024 (đến 30/11)", year)[:3]
    ('cumulative', datetime.date(2024, 1, 1), datetime.date(2024, 11, 30))
    """
    m = _CUT_SHORT.fullmatch(t)
    named = None if m is None else read_head(m["head"], raw)
    return None if m is None or named is None else cut_off(f" {m['cut']} ", raw, named)


def span_period(t: str, raw: str) -> Period | None:
    """The period a span names (None: ``t`` is no span; ``PeriodError``: a span of no
    period's)."""
    m = FROM_TO.fullmatch(t)
    if m:
        return _from_to(m, raw)
    m = QUARTERS.fullmatch(t)
    if m:
        return _quarters(m, raw)
    m = MONTHS.fullmatch(t)
    return _months(m, raw) if m else None


def find_span(t: str, raw: str) -> Period | None:
    """The first span of a period inside a title or file name (``t`` folded), if any."""
    builds = {FROM_TO: _from_to, QUARTERS: _quarters, MONTHS: _months}
    for pattern, build in builds.items():
        for m in re.finditer(rf"(?<!\S)(?:{pattern.pattern})(?!\S)", t, re.VERBOSE):
            try:
                return build(m, raw)
            except PeriodError:
                continue
    return None


def _from_to(m: re.Match[str], raw: str) -> Period:
    try:
        first = date(int(m["ay"]), int(m["am"]), int(m["ad"]))
        last = date(int(m["by"]), int(m["bm"]), int(m["bd"]))
    except ValueError:
        raise PeriodError(raw, "a span from a day that is not a date") from None
    if last < first:
        raise PeriodError(raw, "a span that ends before it begins")
    if (first.day, last.day) == (15, 14):  # an official reporting span: its months
        first, last = _reporting_months(first, last)
    if first.day != 1 or last != month_end(last.year, last.month):
        raise PeriodError(
            raw, "a span that does not run from the first of a month to the last of one"
        )
    return _covered(first, last, raw)


def _reporting_months(first: date, last: date) -> tuple[date, date]:
    """The months an official reporting span covers: a report's figures are taken from
    the 15th of the month before its period to the 14th of its last month (Nghị định
    09/2019/NĐ-CP, Điều 12: the year from 15 December of the year before to 14 December),
    so 15/12/2023-14/12/2024 is the year 2024, 15/6-14/9/2024 its third quarter.

    >>> _reporting_months(date(2023, 12, 15), date(2024, 12, 14))
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    start = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return start, month_end(last.year, last.month)


def _quarters(m: re.Match[str], raw: str) -> Period:
    written = m["qs"].replace("va ", "").split()
    numbers = [quarter_number(q) for q in written]
    if None in numbers:
        bad = next(q for q, n in zip(written, numbers, strict=True) if n is None)
        raise PeriodError(raw, f"quarter {bad.upper()} is not 1-4")
    qs = sorted(n for n in numbers if n is not None)
    if qs != list(range(qs[0], qs[-1] + 1)) or qs not in ([1, 2], [3, 4], [1, 2, 3], [1, 2, 3, 4]):
        named = ", ".join(q.upper() for q in written)
        raise PeriodError(
            raw,
            f"quarters {named} make no reporting period (a half is Quý I và II or Quý III và IV)",
        )
    return _covered(*month_span(int(m["y"]), 3 * qs[0] - 2, 3 * qs[-1]), raw)


def _months(m: re.Match[str], raw: str) -> Period:
    first, last = int(m["a"]), int(m["b"])
    if not (1 <= first <= 12 and 1 <= last <= 12):
        raise PeriodError(raw, f"months {first}-{last}: a month is 1-12")
    if last < first:
        raise PeriodError(raw, "a range of months that ends before it begins")
    return _covered(*month_span(int(m["y"]), first, last), raw)


def _covered(first: date, last: date, raw: str) -> Period:
    """The period from the first of a month to the end of a month, by the months it spans."""
    y, a, b = last.year, first.month, last.month
    if first.year != y:  # September to August: a school year; no other span of two years
        if (first.year + 1, a, b) == (y, 9, 8):
            return Period("school_year", first, last, y)
        raise PeriodError(raw, "a span over two years is no reporting period")
    if (a, b) == (1, 12):
        return Period("year", first, last, y)
    if (a, b) in ((1, 6), (7, 12)):
        return Period("half", first, last, y)
    if b - a == 2 and a % 3 == 1:
        return Period("quarter", first, last, y)
    if (a, b) == (1, 9):
        return Period("nine_months", first, last, y)
    if a == b:
        return Period("month", first, last, y)
    if a == 1:  # from the start of the year to a month's end
        return Period("cumulative", first, last, y)
    raise PeriodError(
        raw,
        f"months {a}-{b} of {y} make no reporting period (a year, half, quarter, 9 months, "
        "month, or from 1 January)",
    )


# words before a month that make it the day figures stop, folded: "đến hết tháng 11/2024"
_UNTIL_END = re.compile(r"\b(?:den|toi)\s(?:het\s)?$")
_YEAR_NAMED = re.compile(r"\bnam\s(?:19|20)\d\d\b")  # "năm 2024": the year stopping
# words before a part of a year that sum the year up to its end, folded: "lũy kế đến hết
# tháng 11/2024", "lũy kế từ đầu năm đến quý 3/2024"
_SUMMED_TO = re.compile(r"\bluy\ske\s(?:tu\sdau\snam\s)?(?:(?:den|toi)\s)?(?:het\s)?$")


def where_a_year_stops(t: str, at: int) -> bool:
    """Whether the month at ``at`` of folded ``t`` is where a year named before it stops
    ("năm 2024, số liệu đến hết tháng 11/2024"), not the period."""
    return bool(_UNTIL_END.search(t, 0, at) and _YEAR_NAMED.search(t, 0, at))


def summed_from_year_start(t: str, at: int, part: Period) -> Period:
    """``part``, named at ``at`` of folded ``t``, as the words before it take it: summed
    from 1 January to its end after "lũy kế (từ đầu năm) đến (hết)" - the cumulative period,
    as a cell's "Lũy kế đến ..." is read - else as it is (a school year too, which starts
    in September).

    >>> june = Period("month", date(2024, 6, 1), date(2024, 6, 30), 2024)
    >>> summed_from_year_start(" luy ke den het thang 6 2024 ", 16, june)[:3]
    ('cumulative', datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    >>> summed_from_year_start(" bao cao thang 6 2024 ", 9, june).kind
    'month'
    """
    if part.kind == "school_year" or not _SUMMED_TO.search(t, 0, at):
        return part
    return Period("cumulative", date(part.end.year, 1, 1), part.end, part.end.year)
