"""Which plan a progress report reports on, from its title: "Báo cáo kết quả thực hiện Kế
hoạch chuyển đổi số năm 2026" is on the province's digital-transformation plan, "... Đề án
06" and "... Chính phủ số" too; "... Kế hoạch CCHC" is on its PAR plan. A title naming a
plan of no known topic says ``other``; a title naming no plan at all (a CSV whose title
row is only the issuer) says nothing, and the report is read against the PAR plan."""

from __future__ import annotations

import re

from extractors.classify_document import Topic, topic
from extractors.normalize import fold

# a plan named in a title: "Kế hoạch", "Chương trình", "Đề án" (folded)
_NAMES_A_PLAN = re.compile(r"\b(?:ke \s+ hoach|chuong \s+ trinh|de \s+ an)\b", re.VERBOSE)


def report_topic(title: str | None) -> Topic | None:
    """The topic of the plan a report's title names; None when it names none.

    >>> report_topic("Kết quả thực hiện Kế hoạch chuyển đổi số năm 2026")
    'digital'
    >>> report_topic("UBND TỈNH LONG AN") is None
    True
    """
    if not title or not title.strip():
        return None
    named = topic(title)
    if named != "other":
        return named
    return "other" if _NAMES_A_PLAN.search(fold(title)) else None
