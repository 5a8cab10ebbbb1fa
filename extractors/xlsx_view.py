"""What a person sees in an XLSX sheet that its cell values do not say: the merged ranges
(a merged cell shows its value over every cell it covers), the hidden columns and rows,
and the cells that hold a yes/no value or a spreadsheet error (calamine reads TRUE as the
number 1 and an error such as #DIV/0! as a blank cell).

Read from the sheet's XML in chunks, never whole: each pattern is tried only on the
chunks that hold its tag at all (most sheets have none of these), which are found for all
the patterns at once (``byte_search``).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from extractors.byte_search import held
from extractors.xlsx_workbook import cell_position

# <col min="5" max="5" width="9" hidden="1"/>: columns min..max (1-based) hidden
_COL = re.compile(rb"<col\s[^>]*>")
_COL_SPAN = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
# <row r="3" spans="1:5" hidden="1">: a hidden row (an autofilter's or a collapsed outline's)
_HIDDEN_ROW = re.compile(rb'<row\s+r="(\d+)"[^>]*?\bhidden="(?:1|true)"')
# <c r="E5" s="1" t="b"><v>1</v></c>, <c r="G2" t="e"><f>E2/F2</f><v>#DIV/0!</v></c>:
# a yes/no or an error cell, with its value (a self-closing cell has none)
_ODD_CELL = re.compile(
    rb"""<c\s+r="([A-Z]+\d+)"[^>]*?\bt="([be])"[^>]*?(?<!/)>   # the cell, typed b or e
        (?:(?!</c>).)*?<v>([^<]*)</v>                            # past a formula, its value
    """,
    re.VERBOSE | re.DOTALL,
)
# <mergeCell ref="A2:A6"/>
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+\d+):([A-Z]+\d+)"')
# what a slice must hold for each pattern above to be tried on it (most sheets hold none)
_GATES = (b"<col ", b"hidden=", b't="b"', b't="e"', b"<mergeCell ")
# the sheet's XML is read in slices of this many bytes: a large sheet is never held whole
XML_SLICE = 1 << 22


@dataclass(frozen=True)
class SheetView:
    """Rows 1-based as in the sheet, columns 0-based."""

    merged: tuple[tuple[int, int, int, int], ...] = ()  # first row, col, last row, col
    hidden_columns: frozenset[int] = frozenset()
    hidden_rows: tuple[int, ...] = ()
    odd_cells: tuple[tuple[int, int, str], ...] = ()  # row, column, as shown (TRUE, #REF!)
    # which of the ``needles`` asked of ``sheet_view`` the XML holds (one reading for both)
    mentioned: frozenset[bytes] = frozenset()


def sheet_view(
    data: bytes, part: str, needles: tuple[bytes, ...] = (), slice_bytes: int = XML_SLICE
) -> SheetView:
    """The sheet's merged ranges, hidden columns and rows, and yes/no and error cells; and
    which of the ``needles`` its XML holds. ``slice_bytes``: how much XML is read at once
    (tests cut the XML anywhere with a small one)."""
    merged: list[tuple[int, int, int, int]] = []
    hidden_columns: set[int] = set()
    hidden_rows: list[int] = []
    odd: list[tuple[int, int, str]] = []
    found: set[bytes] = set()
    tail = b""
    with zipfile.ZipFile(io.BytesIO(data)).open(part) as f:
        while True:
            chunk = f.read(slice_bytes)
            buf = tail + chunk
            here = held(buf, (*_GATES, *(n for n in needles if n not in found)))
            # (a needle cut by the chunk is whole in the next buffer, which starts at ``end``)
            found.update(n for n in needles if n in here)
            end = _whole(buf) if chunk else len(buf)  # a row or tag cut by the chunk waits
            if b"<col " in here:
                hidden_columns |= _hidden_columns(buf[:end])
            if b"hidden=" in here:
                hidden_rows += [int(r) for r in _HIDDEN_ROW.findall(buf, 0, end)]
            if b't="b"' in here or b't="e"' in here:
                odd += [_odd(ref, kind, v) for ref, kind, v in _ODD_CELL.findall(buf, 0, end)]
            if b"<mergeCell " in here:
                for first, last in _MERGE.findall(buf, 0, end):
                    (r1, c1), (r2, c2) = cell_position(first.decode()), cell_position(last.decode())
                    merged.append((r1, c1, r2, c2))
            if not chunk:
                break
            tail = buf[end:]
    return SheetView(
        tuple(merged), frozenset(hidden_columns), tuple(hidden_rows), tuple(odd), frozenset(found)
    )


def _whole(buf: bytes) -> int:
    """Where ``buf`` may be cut: before a cell not closed yet, else after its last tag."""
    cell = buf.rfind(b"<c ")
    if cell > buf.rfind(b"</c>"):
        return cell
    return buf.rfind(b">") + 1


def _hidden_columns(buf: bytes) -> set[int]:
    out: set[int] = set()
    for tag in _COL.findall(buf):
        span = _COL_SPAN.search(tag)
        if span and _HIDDEN.search(tag):
            lo, hi = span.group(1, 2) if span.group(1) else span.group(4, 3)
            out.update(range(int(lo) - 1, int(hi)))
    return out


def _odd(ref: bytes, kind: bytes, value: bytes) -> tuple[int, int, str]:
    row, col = cell_position(ref.decode())
    if kind == b"b":
        return row, col, "TRUE" if value.strip() in (b"1", b"true") else "FALSE"
    return row, col, value.decode("utf-8", "replace")
