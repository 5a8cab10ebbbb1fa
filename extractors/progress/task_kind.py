"""How often a recurring task is due, from its timeframe text: the plan's kind
(``parse_timeframe``: period, recurring, conditional, unspecified) says *whether* a task
recurs; this says *each what*, so the marts can tell which of its periods have ended.

* ``month``     "Hằng tháng", "Định kỳ hàng tháng"
* ``quarter``   "Hằng quý", "Báo cáo định kỳ quý"
* ``half_year`` "Định kỳ 6 tháng", "Hằng 6 tháng"
* ``year``      "Hằng năm", "Định kỳ năm theo quy định"
* ``continuous`` any other recurring text ("Thường xuyên", "Định kỳ, đột xuất"): the work
  goes on all year and is judged over it, as a yearly task is.

Several cadences in one text ("Hằng quý, 6 tháng và năm") give the shortest: the task is
due at the end of each of those periods. A task that does not recur has none.
"""

from __future__ import annotations

import re
from typing import Literal

from extractors.normalize import fold

Recurrence = Literal["month", "quarter", "half_year", "year", "continuous"]

# each cadence on the folded text, shortest first (the first that matches wins)
CADENCES: tuple[tuple[Recurrence, re.Pattern[str]], ...] = (
    ("month", re.compile(r"\b(?:hang|moi)\s+thang\b|\bdinh\s+ky\s+(?:hang\s+)?thang\b")),
    ("quarter", re.compile(r"\b(?:hang|moi)\s+quy\b|\bdinh\s+ky\s+(?:hang\s+)?quy\b")),
    (
        "half_year",
        re.compile(
            r"""\b(?:6|sau)\s+thang\b(?:\s+mot\s+lan)?          # 6 tháng (một lần)
              | \bnua\s+nam\b                                  # nửa năm
              | \b(?:hang|moi)\s+(?:6|sau)\s+thang\b           # hằng 6 tháng
            """,
            re.VERBOSE,
        ),
    ),
    ("year", re.compile(r"\b(?:hang|moi)\s+nam\b|\bdinh\s+ky\s+(?:hang\s+)?nam\b")),
)


def recurrence(text: str | None, kind: str) -> Recurrence | None:
    """Each what a task of this kind and timeframe is due; None unless it recurs.

    >>> recurrence("Định kỳ 6 tháng", "recurring"), recurrence("Thường xuyên", "recurring")
    ('half_year', 'continuous')
    >>> recurrence("6 tháng đầu năm 2023", "period") is None
    True
    """
    if kind != "recurring":
        return None
    folded = fold(text or "")
    return next((name for name, pattern in CADENCES if pattern.search(folded)), "continuous")
