"""Tables laid out with spaces as columns, as a PDF viewer's "copy text" gives them.

A plan copied from a viewer has no TAB and no pipe: each row is one line, its cells set
apart by runs of spaces, the columns lined up under the header's titles (roughly: a long
cell pushes the next one right). Read as prose, the whole appendix became paragraphs and
the plan loaded with no task at all.

Rules (used by ``read_text``):

1. A table starts at a header line: its first cell is the number column's title (``STT``,
   ``TT``, ``Số TT``) and at least two others are column titles an appendix header has
   (``appendix_header``), cells being runs of text set apart by two or more spaces (a
   single space is a word gap).
2. A row's cells go to the header's columns in order; a row with fewer cells than the
   header puts each cell under the column whose title starts nearest to it (keeping the
   order), so an empty cell stays empty instead of shifting its neighbours left.
3. A line of one cell indented past the number column continues the previous row's cell
   under it (a cell wrapped onto the next line). A line of one cell at the margin is a
   group row when it is written like one (a roman or letter number, or capitals); any
   other such line is prose again and ends the table. Blank lines do not end it (page
   breaks).
"""

from __future__ import annotations

import re

from extractors.appendix_header import MAX_HEADER_CELL, column_meanings
from extractors.normalize import fold

_GAP = re.compile(r"\S+(?: \S+)*")
_NUMBER_TITLE = re.compile(r"^(?:S[ốo]\s*)?S?T\.?T\.?$", re.IGNORECASE)
_GROUP = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]?\s+\S")
_MIN_COLUMNS = 3


def cells_at(line: str) -> list[tuple[int, str]]:
    """The cells of a line with where each starts: text runs set apart by 2+ spaces.

    >>> cells_at("1     Rà soát văn bản   Sở Tư pháp")
    [(0, '1'), (6, 'Rà soát văn bản'), (24, 'Sở Tư pháp')]
    """
    return [(m.start(), m.group()) for m in _GAP.finditer(line.expandtabs(8))]


def header_columns(line: str) -> list[int] | None:
    """Where each column of an aligned table's header line starts, or None for another line."""
    if "\t" in line:
        return None
    cells = cells_at(line)
    if len(cells) < _MIN_COLUMNS or not _NUMBER_TITLE.match(cells[0][1]):
        return None
    titles = [fold(text) for _, text in cells]
    if any(len(t) > MAX_HEADER_CELL for t in titles) or len(column_meanings(titles)) < 3:
        return None  # a prose line with wide gaps, not column titles
    return [start for start, _ in cells]


def place(cells: list[tuple[int, str]], columns: list[int]) -> list[str]:
    """Put a row's cells under the header's columns (rule 2).

    >>> place([(0, "1"), (6, "Rà soát"), (40, "Quý II")], [0, 6, 24, 40])
    ['1', 'Rà soát', '', 'Quý II']
    """
    out = [""] * len(columns)
    if len(cells) >= len(columns):
        for i, (_, text) in enumerate(cells):
            j = min(i, len(columns) - 1)
            out[j] = f"{out[j]}  {text}".strip() if out[j] else text
        return out
    prev = -1
    for i, (start, text) in enumerate(cells):
        nearest = min(range(len(columns)), key=lambda j: abs(columns[j] - start))
        last_free = len(columns) - (len(cells) - i)
        col = min(max(prev + 1, nearest), last_free)
        out[col], prev = text, col
    return out


def continues(line: str, columns: list[int]) -> tuple[int, str] | None:
    """A wrapped cell's next line: its column and text (rule 3), else None."""
    cells = cells_at(line)
    if len(cells) != 1 or len(columns) < 2 or cells[0][0] < columns[1] - 1:
        return None
    start, text = cells[0]
    return min(range(len(columns)), key=lambda j: abs(columns[j] - start)), text


def is_group_line(line: str) -> bool:
    """A one-cell line at the margin written as a group heading ("II. CẢI CÁCH ...")."""
    cells = cells_at(line)
    if len(cells) != 1:
        return False
    text = cells[0][1]
    return bool(_GROUP.match(text)) or (text.upper() == text and any(c.isalpha() for c in text))


def is_row(line: str, columns: list[int]) -> bool:
    """Whether a line belongs to the aligned table whose header gave ``columns``."""
    if "\t" in line or not line.strip():
        return False
    return len(cells_at(line)) >= 2 or continues(line, columns) is not None or is_group_line(line)
