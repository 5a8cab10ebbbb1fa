"""A table written sideways: the column names (``Cơ quan``, ``Chỉ tiêu``, ``Kỳ báo cáo``,
``Giá trị``) run down one column and each agency has a column of its own. Read as it
stands, its first row looks like a header of agencies with no period, indicator or figure;
the file is refused saying what the table looks like and how to turn it, rather than for
the period it seems to lack. So is a sideways table with no "Cơ quan" in its corner: a row
naming agencies across its columns ("Sở Nội vụ | Sở Tư pháp"), with names down the first
column, is named as one, rather than the file's being refused for a header it lacks.

>>> rows = [["Cơ quan", "Sở Nội vụ"], ["Chỉ tiêu", "sat_tthc"], ["Giá trị", "91,5"]]
>>> print(sideways(rows, 0)[:60])
the table looks written sideways: the column names 'Cơ quan'
>>> sideways([["Cơ quan", "Chỉ tiêu", "Giá trị"], ["Sở Nội vụ", "sat_tthc", "91,5"]], 0) is None
True
>>> print(agencies_across([["", "Sở Nội vụ", "Sở Y tế"], ["sat_tthc", "90", "91"]])[:65])
row 1 names agencies across its columns ('Sở Nội vụ', 'Sở Y tế'),
"""

from __future__ import annotations

from extractors.metric_headers import role_of
from extractors.metrics.row_notes import quoted
from extractors.province_name import AGENCY_HEADS
from extractors.xlsx_workbook import column_letters

_LOOK = 15  # rows under the agency's name looked at
# how to turn it, as both refusals say
_TURN = (
    "write it with one row per agency and one column per name (in Excel: copy the table, "
    "then Paste Special, Transpose)"
)


def sideways(rows: list[list[str]], idx: int) -> str | None:
    """Why the table whose agency column is named in row ``idx`` is written sideways (None:
    it is not): the column holding that name holds two other roles' names below it, and the
    row holding it no other."""
    header = rows[idx]
    col = next((j for j, cell in enumerate(header) if role_of(cell)[0] == "agency"), None)
    if col is None or sum(role_of(cell)[0] is not None for cell in header) > 1:
        return None
    down = [row[col].strip() for row in rows[idx : idx + _LOOK + 1] if col < len(row)]
    names = [cell for cell in down if cell and role_of(cell)[0] is not None]
    if len({role_of(cell)[0] for cell in names}) < 3:
        return None
    listed = ", ".join(f"'{n}'" for n in names)
    return (
        f"the table looks written sideways: the column names {listed} run down column "
        f"{column_letters(col)}, with an agency per column; {_TURN}"
    )


def agencies_across(rows: list[list[str]]) -> str | None:
    """Why a table with no agency column looks written sideways (None: it does not): a row
    of the first ``_LOOK`` whose cells after the first, two or more, each open with an
    agency's word (Sở, UBND, Ban, Văn phòng ...), with a name under its first cell."""
    for i, row in enumerate(rows[:_LOOK]):
        names = [c.strip() for c in row[1:] if c.strip()]
        if len(names) < 2 or not all(_agency_like(c) for c in names):
            continue
        if not any(r and r[0].strip() for r in rows[i + 1 : i + 1 + _LOOK]):
            continue
        return (
            f"row {i + 1} names agencies across its columns ({quoted(names)}), with names "
            "down the first column: the table looks written sideways, with an agency per "
            f"column; {_TURN}, under a header naming the agency column (Cơ quan)"
        )
    return None


def _agency_like(cell: str) -> bool:
    """Whether a cell opens with an agency's word ("Sở Nội vụ", "UBND huyện Cần Đước")."""
    words = cell.split()
    return bool(words) and words[0].lower() in AGENCY_HEADS and len(words) > 1
