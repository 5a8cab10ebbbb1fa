"""Timeframe cells ("Thời gian thực hiện") -> start/end dates and a kind.

Rules:

* Every explicit period in the text counts: quarters (``Quý II, III/2022``), months
  (``Tháng 01/2022``, ``01/2022``), part-years (``6 tháng đầu năm 2023``: January to June),
  dates (``22/12/2022``; ``trước ngày`` makes it an end bound) and
  years (``Năm 2022``). The timeframe spans from the earliest start to the latest end.
* A lone end bound (``Trước ngày 30/6/2022``) starts at the beginning of the plan year.
* Kind: ``conditional`` when the text makes the work depend on something (``khi có hướng
  dẫn``, ``nếu có``, ``sau khi``, ``theo kế hoạch của``); else ``recurring`` (``thường
  xuyên``, ``định kỳ``, ``đột xuất``); else ``period`` when any date or ``trong năm`` is
  given; else ``unspecified``.
* ``Trong năm`` and recurring work without dates cover the plan year; conditional work
  without dates gets none.
"""

from __future__ import annotations

import re
from datetime import date

from extractors import patterns as p
from extractors.dates import month_span, quarter_number, quarter_span
from extractors.normalize import squash
from extractors.records import Timeframe, TimeframeKind
from extractors.roman import is_roman


def parse_timeframe(text: str, plan_year: int | None) -> Timeframe:
    """Resolve a timeframe cell.

    >>> parse_timeframe("Quý II, III/2022", 2022).as_dict()
    {'text': 'Quý II, III/2022', 'start': '2022-04-01', 'end': '2022-09-30', 'kind': 'period'}
    >>> parse_timeframe("Thường xuyên", 2022).as_dict()["kind"]
    'recurring'
    """
    clean = squash(text).replace("\n", " ")
    spans, open_end = _spans(clean, plan_year)
    kind = _kind(clean, bool(spans) or open_end is not None)
    start: date | None = min((s for s, _ in spans), default=None)
    end: date | None = max((e for _, e in spans), default=None)
    if open_end is not None:
        end = max(end, open_end) if end else open_end
        if start is None and plan_year:
            start = date(plan_year, 1, 1)
    if start is None and end is None and plan_year and kind in ("period", "recurring"):
        start, end = date(plan_year, 1, 1), date(plan_year, 12, 31)
    if (
        start is None
        and end is None
        and plan_year
        and kind == "conditional"
        and p.IN_YEAR.search(clean)
    ):
        start, end = date(plan_year, 1, 1), date(plan_year, 12, 31)
    return Timeframe(text=clean, start=start, end=end, kind=kind)


def _kind(text: str, has_dates: bool) -> TimeframeKind:
    if p.CONDITIONAL.search(text):
        return "conditional"
    if p.RECURRING.search(text):
        return "recurring"
    if has_dates or p.IN_YEAR.search(text):
        return "period"
    return "unspecified"


def _spans(text: str, plan_year: int | None) -> tuple[list[tuple[date, date]], date | None]:
    """All (start, end) spans named in the text, and an end bound given without a start."""
    spans: list[tuple[date, date]] = []
    taken: list[tuple[int, int]] = []
    open_end: date | None = None

    for m in p.MONTHS_OF_YEAR.finditer(text):
        n, year = int(m["n"]), int(m["y"]) if m["y"] else plan_year
        if (m["which"] or m["y"]) and year and 1 <= n <= 12 and _plausible(year):
            first, last = (13 - n, 12) if (m["which"] or "").lower() == "cuối" else (1, n)
            spans.append(month_span(year, first, last))
            taken.append(m.span())

    def is_taken(m: re.Match[str]) -> bool:
        return any(a <= m.start() < b for a, b in taken)

    def add_date(m: re.Match[str], year: int | None) -> None:
        nonlocal open_end
        d = _date(year, int(m["m"]), int(m["d"])) if year else None
        if d is None:
            return
        taken.append(m.span())
        if (m["bound"] or "").lower().startswith(("trước", "đến")):
            open_end = max(open_end, d) if open_end else d
        else:
            spans.append((d, d))

    for m in p.DATE_WORDS.finditer(text):  # before months: "tháng 12 năm 2022" is in it
        add_date(m, int(m["y"]))
    for m in p.QUARTERS.finditer(text):
        if is_taken(m):
            continue
        year = int(m["y"]) if m["y"] else plan_year
        for q in _split_list(m["qs"]):
            quarter = quarter_number(q) if is_roman(q) else None  # (the pattern finds roman)
            if quarter is not None and year and _plausible(year):
                spans.append(quarter_span(year, quarter))
        taken.append(m.span())
    for m in p.MONTHS.finditer(text):
        if is_taken(m):
            continue
        year = int(m["y"])
        for mm in _split_list(m["ms"]):
            if mm.isdigit() and 1 <= int(mm) <= 12 and _plausible(year):
                spans.append(month_span(year, int(mm), int(mm)))
        taken.append(m.span())
    for m in p.DATE.finditer(text):
        if not is_taken(m):
            add_date(m, int(m["y"]))
    for m in p.MONTH_FIGURES.finditer(text):
        if not is_taken(m) and 1 <= int(m["m"]) <= 12 and _plausible(int(m["y"])):
            spans.append(month_span(int(m["y"]), int(m["m"]), int(m["m"])))
            taken.append(m.span())
    for m in p.DAY_MONTH.finditer(text):
        if not is_taken(m):
            later = p.FOUR_DIGIT_YEAR.search(text, m.end())
            add_date(m, int(later["y"]) if later else plan_year)
    for m in p.YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        year = int(m["y"])
        if _plausible(year):
            spans.append((date(year, 1, 1), date(year, 12, 31)))
    return spans, open_end


def _split_list(text: str) -> list[str]:
    text = re.sub(r"(?i)\b(?:quý|tháng)\s+", "", text)  # "Quý II và Quý III"
    for sep in ("và", "đến", "–", "-"):
        text = text.replace(sep, ",")
    return [t.strip() for t in text.split(",") if t.strip()]


def _plausible(year: int) -> bool:
    return 1990 <= year <= 2100


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if _plausible(y) else None
    except ValueError:
        return None
