"""Find the appendix tables and stitch each into one run of body rows.

Page breaks cut a table into pieces: a text rendering shows blank lines or a heading in
the middle of it, a PDF gives one table per page with the header repeated. Rules:

* A table starts at a header row (``extractors.appendix_header``: what its columns
  mean, and its kind).
* Rows of later tables without a header continue the open appendix table; a header row
  seen before is a repeat and is dropped; a header-like row inside the table with the
  same agency columns (a repeated sub-header) is dropped with an info issue, and so is a
  row numbering the columns ("(1) | (2) | (3)").
* A header or signature block laid out as a small borderless table (``find_front_matter``:
  "Nơi nhận | KT. CHỦ TỊCH / name" after the last task, often on a page of its own) closes
  the table: it is never a continuation of the last task.
* A paragraph between two pieces that reads as a group heading ("III. Cải cách tổ chức
  bộ máy") becomes a group row of the table; a page number is skipped; any other
  paragraph closes the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors import patterns as p
from extractors.appendix_header import (
    AppendixKind,
    folded,
    header_kind,
    is_header,
    is_subheader,
    map_columns,
    merge_header,
    repeated_columns,
)
from extractors.document import Cell, Document, Paragraph, Row, Table
from extractors.find_front_matter import MAX_LAYOUT_COLUMNS, is_layout_table
from extractors.normalize import fold
from extractors.records import Issue


@dataclass
class AppendixTable:
    kind: AppendixKind
    header: Row
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)
    seen_headers: list[list[str]] = field(default_factory=list)  # folded, to drop repeats
    repeated: dict[int, str] = field(default_factory=dict)  # see repeated_columns

    @property
    def width(self) -> int:
        return len(self.header.cells)


def find_appendix_tables(
    doc: Document, header: Callable[[Row], bool] | None = None
) -> tuple[list[AppendixTable], list[Issue]]:
    """The appendix tables of a document, stitched. ``header``: what opens a table (a plan's
    appendix header, ``is_header``, unless told: a progress report's table is known by other
    columns)."""
    opens = header or is_header
    tables: list[AppendixTable] = []
    issues: list[Issue] = []
    current: AppendixTable | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if current is None:
                continue
            if _is_page_number(block.text):
                continue
            if p.GROUP_HEADING.match(block.text) and len(block.text) < 250:
                current.rows.append(_group_row(block))
                issues.append(
                    Issue(
                        "info",
                        "group_heading_in_table",
                        f"heading {block.text!r} between table pieces read as a group row",
                        block.loc,
                    )
                )
                continue
            current = None
            continue
        if all(len(r.cells) <= MAX_LAYOUT_COLUMNS for r in block.rows) and is_layout_table(block):
            current = None  # a signature (or header) block: the table has ended
            continue
        current = _add_table(block, current, tables, issues, opens)
    return tables, issues


def _add_table(
    table: Table,
    current: AppendixTable | None,
    tables: list[AppendixTable],
    issues: list[Issue],
    opens: Callable[[Row], bool],
) -> AppendixTable | None:
    rows = [r for r in table.rows if not r.empty]
    skip = False
    for k, row in enumerate(rows):
        if skip:
            skip = False
            continue
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        if current is not None and _folded_filled(row) in current.seen_headers:
            issues.append(Issue("info", "repeated_header_dropped", "header row repeated", row.loc))
            continue
        header, two_level = _header_at(row, nxt, opens)
        if header is None:
            if current is not None and _column_numbers(row):
                issues.append(
                    Issue("info", "column_numbers_dropped", "row of column numbers", row.loc)
                )
                continue
            if current is not None:
                current.rows.append(row)
            continue
        if current is not None:
            fragment = _fragment_in_header(row, current.header)
            if fragment is not None:
                issues.append(
                    Issue(
                        "info",
                        "row_fragment_in_header",
                        "a row split by the page break came back inside the "
                        "repeated header's cells; its text was recovered",
                        row.loc,
                    )
                )
                current.rows.append(fragment)
                continue
            cols = map_columns(header, current.kind)
            if _same_agency_columns(cols, current.columns):
                issues.append(
                    Issue(
                        "info",
                        "repeated_subheader_dropped",
                        f"sub-header row {' | '.join(c.text for c in row.cells if not c.empty)!r}"
                        " inside the table",
                        row.loc,
                    )
                )
                current.seen_headers.append(_folded_filled(row))
                skip = two_level
                continue
        kind = header_kind(header)
        current = AppendixTable(kind, row, map_columns(header, kind))
        current.repeated = repeated_columns(folded(header))
        current.seen_headers.append(_folded_filled(row))
        if two_level and nxt is not None:
            current.seen_headers.append(_folded_filled(nxt))
        tables.append(current)
        skip = two_level
    return current


def _header_at(row: Row, nxt: Row | None, opens: Callable[[Row], bool]) -> tuple[Row | None, bool]:
    """The (possibly two-level) header that starts at ``row``, and whether it is two rows."""
    if nxt is not None and is_subheader(nxt, row):
        merged = merge_header(row, nxt)
        if opens(merged):
            return merged, True
    return (row, False) if opens(row) else (None, False)


def _folded_filled(row: Row) -> list[str]:
    return [fold(c.text) for c in row.cells if not c.empty]


def _same_agency_columns(a: dict[str, int], b: dict[str, int]) -> bool:
    keys = ("lead", "support")
    return any(k in a for k in keys) and all(a.get(k) == b.get(k) for k in keys)


def _column_numbers(row: Row) -> bool:
    """A row numbering the columns: "(1) | (2) | (3)" or "1 | 2 | 3"."""
    filled = [(i, c.text.strip(" ()")) for i, c in enumerate(row.cells) if not c.empty]
    if len(filled) < 3:
        return False
    values = [t for _, t in filled]
    return all(t.isdigit() for t in values) and [int(t) for t in values] == list(
        range(int(values[0]), int(values[0]) + len(values))
    )


def _fragment_in_header(row: Row, header: Row) -> Row | None:
    """A repeated header whose cells carry extra text after the header text: the rest of a
    row a page break split (pdfplumber can merge it into the header cells). The extra text
    is returned as a continuation row; None when the row is not such a header."""
    if len(row.cells) != len(header.cells):
        return None
    rest: list[Cell] = []
    extra = False
    for cell, head in zip(row.cells, header.cells, strict=True):
        h, c = fold(head.text), fold(cell.text)
        if not c.startswith(h):
            return None
        words = len(head.text.split())
        tail = " ".join(cell.text.split()[words:]) if h else cell.text
        extra = extra or bool(tail)
        rest.append(Cell(text=tail, loc=cell.loc))
    return Row(cells=tuple(rest), loc=row.loc) if extra else None


def _same_header(a: Row, b: Row) -> bool:
    return [fold(c.text) for c in a.cells if not c.empty] == [
        fold(c.text) for c in b.cells if not c.empty
    ]


def _group_row(para: Paragraph) -> Row:
    return Row(cells=(Cell(text=para.text, loc=para.loc, bold=True),), loc=para.loc)


def _is_page_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*|\s*Trang\s+\d+.*", text))
