"""The period a plan covers, from its title: one year, a phase, or "up to" a year.

Rules (on the folded title):

* "giai đoạn 2021 - 2025", "03 năm 2026 - 2028", "2021-2025": a phase (start, end);
* "đến năm 2030" alone: (None, 2030); "định hướng đến năm 2030" after a phase only orients
  the phase and is ignored;
* "năm 2022": one year (2022, 2022);
* the last period named wins: "Kế hoạch thực hiện Chương trình X giai đoạn 2021-2025 năm
  2023" is the plan of 2023.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.normalize import fold

_PERIOD = re.compile(
    # folded text: the dash of "2021 - 2025" is a space by now
    r"""(?P<range> \b(?P<a>(?:19|20)\d{2}) \s+ (?:(?:den|toi) \s+)? (?:nam \s+)?
                   (?P<b>(?:19|20)\d{2})\b )
      | (?P<orient> dinh \s+ huong \s+ )? den \s+ nam \s+ (?P<until>(?:19|20)\d{2})\b
      | \bnam \s+ (?P<year>(?:19|20)\d{2})\b (?! \s+ (?:(?:den|toi) \s+)? (?:nam \s+)? \d)""",
    re.VERBOSE,
)


class PlanPeriod(NamedTuple):
    start: int | None
    end: int | None

    @property
    def annual(self) -> bool:
        return self.start is not None and self.start == self.end


def parse_plan_period(title: str | None) -> PlanPeriod | None:
    """The period the title names, or None.

    >>> parse_plan_period("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH TUYÊN QUANG NĂM 2014")
    PlanPeriod(start=2014, end=2014)
    >>> parse_plan_period("Kế hoạch tài chính 03 năm 2026 - 2028")
    PlanPeriod(start=2026, end=2028)
    >>> parse_plan_period("Đề án X, đến năm 2030, trên địa bàn thành phố")
    PlanPeriod(start=None, end=2030)
    >>> parse_plan_period("Chương trình giai đoạn 2021-2025, định hướng đến năm 2030")
    PlanPeriod(start=2021, end=2025)
    >>> parse_plan_period("Chương trình phát triển Chính phủ số") is None
    True
    """
    found: list[PlanPeriod] = []
    oriented: list[PlanPeriod] = []
    for m in _PERIOD.finditer(fold(title or "").replace("_", " ")):
        if m["range"]:
            a, b = int(m["a"]), int(m["b"])
            if a <= b:
                found.append(PlanPeriod(a, b))
        elif m["until"]:
            (oriented if m["orient"] else found).append(PlanPeriod(None, int(m["until"])))
        else:
            found.append(PlanPeriod(int(m["year"]), int(m["year"])))
    if found:
        return found[-1]
    return oriented[-1] if oriented else None
