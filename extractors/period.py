"""A reporting period: its kind, first and last day and the year it counts for, and how it
is written back (``period_label``). The grammar that reads one from an agency's cell is
``extractors.parse_period``."""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

# metric_period_keys.period_kind
PeriodKind = Literal["year", "half", "quarter", "nine_months", "month", "school_year", "cumulative"]
# what a Roman numeral alone before a year (I/2023) is, as its column says
RomanKind = Literal["quarter", "half"]


class Period(NamedTuple):
    kind: PeriodKind
    start: date
    end: date
    year: int  # the calendar year the period closes in


class PeriodError(ValueError):
    """A value that is not a period: the message names the value and what is wrong."""

    def __init__(self, raw: str, why: str) -> None:
        super().__init__(f"period '{raw}': {why}")
        self.raw, self.why = raw, why


def period_label(p: Period) -> str:
    """The period written the way ``read_period`` reads back (for a period found in a title).

    >>> from extractors.parse_period import read_period
    >>> all(read_period(period_label(p)) == p for p in map(read_period, [
    ...     "2023", "H2/2023", "Quý III/2023", "9 tháng 2023", "2023-02", "Năm học 2022-2023",
    ...     "Lũy kế đến 30/6/2023"]))
    True
    """
    y, first = p.end.year, p.start.month
    labels = {
        "year": f"Năm {y}",
        "half": f"6 tháng {'cuối' if first == 7 else 'đầu'} năm {y}",
        "quarter": f"Quý {p.end.month // 3}/{y}",
        "nine_months": f"9 tháng {y}",
        "month": f"Tháng {first}/{y}",
        "school_year": f"Năm học {p.start.year}-{y}",
        "cumulative": f"Lũy kế đến {p.end.day}/{p.end.month}/{y}",
    }
    return labels[p.kind]
