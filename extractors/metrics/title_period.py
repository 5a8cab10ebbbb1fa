"""A title that names a part of a year over a period column that holds only years.

A department heads its half-year report "BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024" and keeps
the column its annual template has, ``Năm``, writing 2024 on every row. The column is
the period the reader takes, so the half year's figures would load as the whole year
2024, and the annual report would then be corrected by them. Neither can be chosen on
a guess (the title may be stale, or the column), so the file is refused naming both.

>>> from extractors.parse_period import parse_period
>>> refusal(["BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024"], [parse_period("2024")], "Năm")[:68]
"the title names 6 tháng đầu năm 2024 ('BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU N"
>>> refusal(["BÁO CÁO NĂM 2024"], [parse_period("2024")], "Năm") is None
True
>>> refusal(["BÁO CÁO QUÝ I/2024"], [parse_period("Quý I/2024")], "Kỳ báo cáo") is None
True
>>> refusal(["Long An, ngày 20 tháng 01 năm 2024"], [parse_period("2023")], "Năm") is None
True
>>> refusal(["Ngày lập báo cáo 20 tháng 01 năm 2024"], [parse_period("2023")], "Năm") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.metrics.layout import Layout
from extractors.metrics.note_cutoff import note_refusal
from extractors.metrics.report_date import title_date
from extractors.metrics.sheet_period import column_refusal
from extractors.normalize import fold
from extractors.parse_period import find_period
from extractors.period import Period, period_label

# a day written in a title row, folded ("Long An, ngày 20 tháng 01 năm 2024"): the report's
# date or a cut-off day, whose month is no period the title names
_DAY = re.compile(r"\bngay\s+\d{1,2}\s+thang\b")


def refusal(title: Sequence[str], parsed: Sequence[Period | None], column: str) -> str | None:
    """Why a file cannot be read (None: it can): a title row names a period shorter than a
    year while every period of the column (``parsed``: its distinct values) is a year."""
    years = [p for p in parsed if p is not None]
    if not years or any(p.kind != "year" for p in years):
        return None
    for row in title:
        dated = _DAY.search(fold(row)) or title_date([row]) is not None  # a report date
        named = None if dated else find_period(row)
        if named is not None and named.kind != "year":
            label = period_label(named)
            label = label[0].lower() + label[1:]
            written = ", ".join(sorted({str(p.year) for p in years}))
            return (
                f"the title names {label} ('{row}'), but column '{column}' gives whole "
                f"years ({written}): its figures would load as the year's; write the "
                f"period in the column ('{period_label(named)}'), or correct the title"
            )
    return None


def layout_refusal(layout: Layout, parsed: Sequence[Period | None]) -> str | None:
    """``refusal`` for a file's layout, its title rows then its sheet's name (None where it
    has no period column)."""
    if "period" not in layout.roles:
        return None
    column = layout.header[layout.roles["period"]]
    return (
        refusal(layout.title, parsed, column)
        or column_refusal(layout.sheet, parsed, column)
        or note_refusal(layout.below, parsed, column)
    )
