"""A table written sideways: the column names (``Cơ quan``, ``Chỉ tiêu``, ``Kỳ báo cáo``,
``Giá trị``) run down one column and each agency has a column of its own. Read as it
stands, its first row looks like a header of agencies with no period, indicator or figure;
the file is refused saying what the table looks like and how to turn it, rather than for
the period it seems to lack.

>>> rows = [["Cơ quan", "Sở Nội vụ"], ["Chỉ tiêu", "sat_tthc"], ["Giá trị", "91,5"]]
>>> print(sideways(rows, 0)[:60])
the table looks written sideways: the column names 'Cơ quan'
>>> sideways([["Cơ quan", "Chỉ tiêu", "Giá trị"], ["Sở Nội vụ", "sat_tthc", "91,5"]], 0) is None
True
"""

from __future__ import annotations

from extractors.metric_headers import role_of
from extractors.xlsx_workbook import column_letters

_LOOK = 15  # rows under the agency's name looked at


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
        f"{column_letters(col)}, with an agency per column; write it with one row per agency "
        "and one column per name (in Excel: copy the table, then Paste Special, Transpose)"
    )
