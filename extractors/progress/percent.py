"""A task's percent done (``Tỷ lệ hoàn thành (%)``), on the 0-100 scale, and whether its
status says the same.

A cell is a number from 0 to 100, with or without its percent sign, with a decimal comma or
point (87,5 / 87.5 / 100%). Anything else is the row's reject, naming the column and the
value: text, a number over 100, and a share under 1 written without its sign among percents
(0,5 beside 100 and 40: 0,5% or 50%? nothing on the row tells). A column whose every value
lies between 0 and 1, one of them strictly (0,6 and 1), is written as fractions of 1: each of
its rows is rejected saying what to write, as a metric file's ``Tỷ lệ (%)`` column is
(``extractors.metrics.fractions``), never multiplied by 100 on a guess.

A status contradicts its percent when the two cannot both be true: done (on time or late) at
under 100%, in progress, not started or cannot-be-done at 100%, not started above 0%. The
row is kept with its status (which the marts count) and the contradiction is said
(``contradiction``), naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.metrics.fractions import fraction_reason
from extractors.progress.status import Status

_PERCENT = re.compile(
    r"""^\s*
        (?P<number>\d{1,3}(?:[.,]\d+)?)   # 0 to 999 with a decimal comma or point: 87,5
        \s*(?P<sign>%)?                    # its percent sign, if written
        \s*$""",
    re.VERBOSE,
)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PercentColumn:
    """The percent column of a file: its header and whether it is written as fractions."""

    header: str
    fractions: bool


def read_percent(raw: str) -> tuple[Decimal, bool] | None:
    """A cell's number and whether it carries its percent sign; None when it is not one.

    >>> read_percent("87,5"), read_percent("100%"), read_percent("khá")
    ((Decimal('87.5'), False), (Decimal('100'), True), None)
    """
    m = _PERCENT.match(raw)
    if m is None:
        return None
    return Decimal(m["number"].replace(",", ".")), m["sign"] is not None


def percent_column(header: str, cells: list[str]) -> PercentColumn:
    """The column judged on its values: fractions when every number in it lies between 0 and
    1, at least one strictly, and none carries a percent sign."""
    read = [p for p in map(read_percent, cells) if p is not None]
    fractions = (
        bool(read)
        and all(0 <= n <= 1 and not sign for n, sign in read)
        and any(0 < n < 1 for n, _ in read)
    )
    return PercentColumn(header, fractions)


def percent_value(raw: str, column: PercentColumn) -> Decimal | str:
    """The percent a cell holds (0-100), or why it is none (the reject's reason)."""
    read = read_percent(raw)
    where = f"column {column.header!r}"
    if read is None:
        return f"{where}: {raw!r} is not a percent (a number from 0 to 100)"
    number, sign = read
    if column.fractions:
        return fraction_reason(raw, float(number), column.header)
    if number > HUNDRED:
        return f"{where}: {raw!r} is over 100"
    if 0 < number < 1 and not sign:
        times = format((number * HUNDRED).normalize(), "f")
        times = times.replace(".", ",") if "," in raw else times
        return (
            f"{raw!r} in {where} is under 1 where the others are percents: write {times} if "
            f"it is a fraction of 1, or '{raw}%' if it really is under 1%"
        )
    return number


def contradiction(status: Status, percent: Decimal) -> bool:
    """The status and the percent cannot both be true."""
    if status in (Status.DONE, Status.DONE_LATE):
        return percent < HUNDRED
    if status == Status.NOT_STARTED:
        return percent > 0
    return percent == HUNDRED  # in progress, or cannot be done, yet all done


def status_of(percent: Decimal) -> Status:
    """The status a percent done says, where a report gives no status: all done, not begun,
    or under way (done on time or late is not said: done).

    >>> [status_of(Decimal(p)).value for p in ("100", "0", "45.5")]
    ['done', 'not_started', 'in_progress']
    """
    if percent >= HUNDRED:
        return Status.DONE
    return Status.NOT_STARTED if percent == 0 else Status.IN_PROGRESS


def read_from(column: PercentColumn) -> str:
    """The warning on a report whose statuses its percents say (no status column)."""
    return (
        f"statuses read from {column.header!r} (the file has no Tình trạng column): 100 is "
        "Đã hoàn thành, 0 Chưa thực hiện, any other Đang thực hiện; a task done late is not "
        "told apart - add a Tình trạng column to say it"
    )
