"""The date a metric file states it was reported: a report-date column (``Ngày báo cáo``)
holding one date, else its title's dated line ("Long An, ngày 20 tháng 01 năm 2024"). A
stated date orders the submissions of one figure before their arrival (the warehouse's
``metric_figure_versions``, migration 0019): an older report that arrives late does not
replace a newer one. A column holding several dates states none (a note says so: no
guess); a cell that is no date is noted and ignored.

>>> title_date(["BÁO CÁO SỐ LIỆU CCHC NĂM 2023", "Long An, ngày 20 tháng 01 năm 2024"])
datetime.date(2024, 1, 20)
>>> title_date(["Số liệu từ ngày 01 tháng 01 năm 2023"]), title_date(["Báo cáo năm 2023"])
(None, None)
>>> title_date(["Ngày báo cáo: 20/01/2024"]), title_date(["Ngày lập báo cáo 5 tháng 2 năm 2024"])
(datetime.date(2024, 1, 20), datetime.date(2024, 2, 5))
>>> [cell_date(c) for c in ("20/01/2024", "2024-01-20 00:00:00", "ngày 5 tháng 2 năm 2024")]
[datetime.date(2024, 1, 20), datetime.date(2024, 1, 20), datetime.date(2024, 2, 5)]
>>> cell_date("31/02/2024"), cell_date("2024")
(None, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from extractors.normalize import fold

# A title row that is a dated line, folded (lower case, no marks, punctuation as spaces):
# the place, then the date - "Long An, ngày 20 tháng 01 năm 2024", "ngày 20/01/2024". A
# period stated in words ("từ ngày 01 tháng 01 năm 2023 đến ...") is no dated line: the
# words before "ngày" must be the place, which the original text ends with a comma.
_DATED_LINE = re.compile(
    r"""^(?:[^\W\d_][^,\d]{0,60},\s*)?    # the place and its comma: "Long An, "
        ngày\s*(?P<rest>.*)$               # "ngày" and the date""",
    re.VERBOSE | re.IGNORECASE,
)

# A labelled title line: "Ngày báo cáo: 20/01/2024", "Ngày lập báo cáo 20 tháng 01 năm
# 2024", "Ngày gửi báo cáo - 20/01/2024" (the label as a report-date column is headed).
_LABELLED_LINE = re.compile(
    r"""^ngày\s+(?:lập\s+|gửi\s+)?báo\s+cáo   # the label
        \s*[:\-–]?\s*(?P<rest>.+)$              # an optional colon or dash, the date""",
    re.VERBOSE | re.IGNORECASE,
)

# A date, folded: "20 thang 01 nam 2024" (words), "20 01 2024" (20/01/2024, 20-01-2024,
# 20.01.2024), or ISO "2024 01 20" with an optional time ("2024-01-20 00:00:00", as a
# spreadsheet's date cell reads as text).
_DATE = re.compile(
    r"""^(?:ngay\s)?
        (?: (?P<d>\d{1,2})\s(?:thang\s)?(?P<m>\d{1,2})\s(?:nam\s)?(?P<y>\d{4})
          | (?P<iy>\d{4})\s(?P<im>\d{1,2})\s(?P<id>\d{1,2})(?:\s\d{1,2}\s\d{2}(?:\s\d{2})*)?
        )$""",
    re.VERBOSE,
)


def cell_date(text: str) -> date | None:
    """A date written in a cell (None: none, or no real day)."""
    m = _DATE.match(fold(text))
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["iy"], m["im"], m["id"])
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


def title_date(title: list[str]) -> date | None:
    """The date of the first title row that is a dated line (None: none is)."""
    for row in title:
        m = _LABELLED_LINE.match(row.strip()) or _DATED_LINE.match(row.strip())
        if m and (day := cell_date(m["rest"])):
            return day
    return None


@dataclass(frozen=True)
class StatedDate:
    day: date | None
    warnings: tuple[str, ...] = ()  # a cell that is no date; several dates in the column


def report_date(column: pl.Series | None, header: str, title: list[str]) -> StatedDate:
    """The file's report date: its report-date column's (``column``: the cells, ``header``
    its name) when the column holds one date, else its title's. A column holding several
    different dates states none: which is the report's is not guessed."""
    if column is None:
        return StatedDate(title_date(title))
    cells = sorted({str(c).strip() for c in column.unique().to_list() if c is not None} - {""})
    days = {c: cell_date(c) for c in cells}
    warnings = [
        f"column '{header}': {c!r} is not a date; ignored" for c, d in days.items() if d is None
    ]
    found = sorted({d for d in days.values() if d is not None})
    if len(found) > 1:
        shown = ", ".join(d.strftime("%d/%m/%Y") for d in found)
        warnings.append(
            f"column '{header}' holds several report dates ({shown}): the file states no "
            "report date (arrival orders its submissions)"
        )
        return StatedDate(None, tuple(warnings))
    return StatedDate(found[0] if found else title_date(title), tuple(warnings))
