"""Place the cells of a damaged row into the columns of its table.

A row may have lost cells (a column left out by the converter, a merged cell skipped) or
gained some. Cells are anchored on what they are, not where they sit: the anchor is the
cell that opens the record (a target number, a task code). Cells before the anchor fill
the columns before the anchor's column from the right; cells after it fill the following
columns from the left. A row of the table's width with no anchor is taken as it stands;
a shorter one (a continuation) is aligned to the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.document import Cell, Location, Row
from extractors.normalize import join_wrapped
from extractors.records import Issue


@dataclass(frozen=True)
class Placed:
    cells: dict[int, Cell]  # column -> cell (non-empty cells only)
    unplaced: tuple[Cell, ...]  # non-empty cells that fell outside the table
    shifted: bool  # the row was not positional
    short: bool  # the row ended before the last column


def place(
    row: Row, width: int, anchor_at: int | None = None, anchor_col: int | None = None
) -> Placed:
    cells = row.cells
    if anchor_at is None or anchor_col is None:
        offset = 0 if len(cells) >= width else width - len(cells)
        cols = [i + offset for i in range(len(cells))]
    else:
        cols = [anchor_col - (anchor_at - i) for i in range(len(cells))]
    placed: dict[int, Cell] = {}
    unplaced: list[Cell] = []
    for col, cell in zip(cols, cells, strict=True):
        if cell.empty:
            continue
        if 0 <= col < width:
            placed[col] = cell
        else:
            unplaced.append(cell)
    shifted = bool(cols) and cols[0] != 0
    short = bool(cols) and cols[-1] < width - 1
    return Placed(cells=placed, unplaced=tuple(unplaced), shifted=shifted, short=short)


def join_text(before: str, after: str) -> str:
    """Join text a page break split, keeping list items on their own lines.

    >>> join_text("Văn phòng UBND tỉnh, Sở", "Thông tin và Truyền thông")
    'Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông'
    >>> join_text("- A", "- B")
    '- A\\n- B'
    """
    if not before:
        return after
    if not after:
        return before
    if after.lstrip().startswith(("-", "•", "+")):
        return f"{before}\n{after}"
    return join_wrapped(before, after)


def continuation_joined(record: str, loc: Location) -> Issue:
    """The note that a row without an anchor of its own was joined to ``record`` above."""
    return Issue("info", "row_continuation_merged", f"continuation row joined to {record}", loc)
