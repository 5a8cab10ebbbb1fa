"""The first rows of a sheet as its XML stores them: which columns hold plain numbers, and
the text of the text cells where a header may be.

calamine gives one type per column: a column read as text turns its number cells into
rounded text (0.1234567890123456 becomes '0.123456789'), one read as numbers loses its text
cells. To read a sheet once, the reader must know before reading which columns are numbers
under their header; this module tells it from the first rows (read without parsing the
rest of the sheet), and keeps the text of the header rows' text cells, which a column read
as numbers does not give. ``as_headed`` has calamine read the sheet so, into Arrow (the
reading child starts it before it imports polars).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import fastexcel

from extractors.xlsx_workbook import NS, cell_position, style_kinds

HEAD_ROWS = 15  # the rows a header is looked for in (as the layout reader looks)
SAMPLE_ROWS = 200  # the rows whose cells tell a column's type
_TEXT_TYPES = {"s", "inlineStr", "str"}


@dataclass(frozen=True)
class SheetHead:
    """``numeric``: sheet columns (0-based) whose cells below the first ``HEAD_ROWS`` rows
    are all plain numbers in the sample (at least one); ``text``: (sheet row, column) ->
    text of each text cell in the first ``HEAD_ROWS`` rows; ``odd``: columns with a cell
    in those rows that is neither (a boolean, an error, a date)."""

    numeric: frozenset[int]
    text: dict[tuple[int, int], str]
    odd: frozenset[int]


def sheet_head(data: bytes, part: str, kinds: list[str] | None = None) -> SheetHead | None:
    """The sheet's head, or None when its XML does not say where each cell is (a cell
    without its ``r`` reference: the caller reads the sheet the slow, sure way).
    ``kinds``: the workbook's ``style_kinds``, when the caller has read them already."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    kinds = style_kinds(data) if kinds is None else kinds
    dates = {i for i, kind in enumerate(kinds) if kind == "date"}
    shared: dict[tuple[int, int], int] = {}  # cell -> shared string index
    text: dict[tuple[int, int], str] = {}
    below: dict[int, set[str]] = {}  # column -> kinds of its cells under the head
    odd: set[int] = set()
    with zf.open(part) as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag == f"{NS}row":
                if int(el.get("r", "0")) >= SAMPLE_ROWS:
                    break
                el.clear()
                continue
            if el.tag != f"{NS}c":
                continue
            ref = el.get("r")
            if ref is None:
                return None
            row, col = cell_position(ref)
            kind, value = _kind(el, dates)
            if kind == "empty":
                continue
            if row > HEAD_ROWS:
                below.setdefault(col, set()).add(kind)
            elif kind == "text" and el.get("t") == "s":
                shared[(row, col)] = int(value)
            elif kind == "text":
                text[(row, col)] = value
            elif kind == "other":
                odd.add(col)
    strings = _shared_strings(zf, set(shared.values()))
    text.update({cell: strings[i] for cell, i in shared.items() if i in strings})
    numeric = frozenset(c for c, kinds in below.items() if kinds == {"number"})
    return SheetHead(numeric, text, frozenset(odd))


def _kind(c: ET.Element, dates: set[int]) -> tuple[str, str]:
    """A cell's kind (number, text, other, empty) and its stored value."""
    t = c.get("t", "n")
    if t == "inlineStr":
        node = c.find(f"{NS}is")
        return ("text", _joined(node)) if node is not None else ("empty", "")
    v = c.find(f"{NS}v")
    if v is None or v.text is None:
        return "empty", ""
    if t in _TEXT_TYPES:
        return "text", v.text
    if t == "n" and int(c.get("s", "0")) not in dates:
        return "number", v.text
    return "other", v.text


def _joined(node: ET.Element) -> str:
    """A string item's text: its runs joined (a phonetic reading is not part of it)."""
    return "".join(t.text or "" for t in node.iter(f"{NS}t") if t not in _phonetic_texts(node))


def _phonetic_texts(node: ET.Element) -> list[ET.Element]:
    return [t for ph in node.iter(f"{NS}rPh") for t in ph.iter(f"{NS}t")]


def _shared_strings(zf: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """The shared strings at the ``wanted`` indexes (read no further than the last)."""
    out: dict[int, str] = {}
    if not wanted or "xl/sharedStrings.xml" not in zf.namelist():
        return out
    last, i = max(wanted), 0
    with zf.open("xl/sharedStrings.xml") as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag != f"{NS}si":
                continue
            if i in wanted:
                out[i] = _joined(el)
            el.clear()
            if i >= last:
                break
            i += 1
    return out


def head_dtypes(head: SheetHead, first_col: int) -> dict[int | str, fastexcel.DType]:
    """The type each column is read as (from the sheet's first used column): the head's
    number columns as numbers, every other column as text."""
    width = max((c for _, c in head.text), default=-1)
    width = max(width, *head.numeric, *head.odd, first_col - 1) - first_col + 1
    numeric = {c - first_col for c in head.numeric - head.odd if c >= first_col}
    return {i: "float" if i in numeric else "string" for i in range(width)}


def as_headed(
    book: fastexcel.ExcelReader, index: int, head: SheetHead, first_col: int
) -> tuple[Any, Any]:
    """calamine's reading of the sheet with each column of the type its head says (Arrow,
    no polars): the record batch and the cells it could not read as their column's type."""
    sheet = book.load_sheet(
        index, header_row=None, skip_rows=0, dtypes=head_dtypes(head, first_col)
    )
    return sheet.to_arrow_with_errors()
