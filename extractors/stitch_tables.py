"""Find the appendix tables and stitch each into one run of body rows.

Page breaks cut a table into pieces: a text rendering shows blank lines or a heading in
the middle of it, a PDF gives one table per page with the header repeated. Rules:

* A table starts at a header row: a row with an "STT"/"TT" cell and a "chủ trì" cell.
  Its kind is ``tasks`` when the header names products, a timeframe or a budget
  ("Sản phẩm", "Thời gian", "Kinh phí"), else ``targets``.
* Columns are found by header text, never by position.
* Rows of later tables without a header continue the open appendix table; a header row
  equal to the open one is a repeat and is dropped.
* A paragraph between two pieces that reads as a group heading ("III. Cải cách tổ chức
  bộ máy") becomes a group row of the table; a page number is skipped; any other
  paragraph closes the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from extractors import patterns as p
from extractors.document import Cell, Document, Paragraph, Row, Table
from extractors.normalize import fold
from extractors.records import Issue

Pred = Callable[[str], bool]


def _has(*words: str) -> Pred:
    return lambda h: any(w in h for w in words)


_NO: Pred = lambda h: h in {"stt", "tt", "so tt", "so thu tu"}  # noqa: E731

# field -> header test, checked in this order for each header cell (first free field wins)
TARGET_COLUMNS: tuple[tuple[str, Pred], ...] = (
    ("no", _NO),
    ("lead", _has("chu tri")),
    ("support", _has("phoi hop")),
    ("note", _has("ghi chu")),
    ("text", _has("nhiem vu", "muc tieu", "chi tieu", "noi dung")),
)
TASK_COLUMNS: tuple[tuple[str, Pred], ...] = (
    ("no", _NO),
    ("lead", _has("chu tri")),
    ("support", _has("phoi hop")),
    ("timeframe", _has("thoi gian", "thoi han", "tien do")),
    ("budget", _has("kinh phi")),
    ("products", _has("san pham", "ket qua")),
    ("note", _has("ghi chu")),
    ("task", _has("nhiem vu")),
    ("area", _has("noi dung", "linh vuc")),
)


AppendixKind = Literal["targets", "tasks"]  # which appendix a table is


@dataclass
class AppendixTable:
    kind: AppendixKind
    header: Row
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header.cells)


def is_header(row: Row) -> bool:
    folded = [fold(c.text) for c in row.cells]
    return any(_NO(f) for f in folded) and any("chu tri" in f for f in folded)


def header_kind(row: Row) -> AppendixKind:
    folded = " | ".join(fold(c.text) for c in row.cells)
    return "tasks" if re.search(r"san pham|thoi gian|kinh phi", folded) else "targets"


def map_columns(row: Row, kind: AppendixKind) -> dict[str, int]:
    tests = TASK_COLUMNS if kind == "tasks" else TARGET_COLUMNS
    columns: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        h = fold(cell.text)
        for name, test in tests:
            if name not in columns and test(h):
                columns[name] = i
                break
    return columns


def find_appendix_tables(doc: Document) -> tuple[list[AppendixTable], list[Issue]]:
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
        current = _add_table(block, current, tables, issues)
    return tables, issues


def _add_table(
    table: Table, current: AppendixTable | None, tables: list[AppendixTable], issues: list[Issue]
) -> AppendixTable | None:
    for row in table.rows:
        if row.empty:
            continue
        if is_header(row):
            if current is not None and _same_header(row, current.header):
                issues.append(
                    Issue(
                        "info",
                        "repeated_header_dropped",
                        "header row repeated after a page break",
                        row.loc,
                    )
                )
                continue
            fragment = _fragment_in_header(row, current.header) if current else None
            if fragment is not None and current is not None:
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
            kind = header_kind(row)
            current = AppendixTable(kind=kind, header=row, columns=map_columns(row, kind))
            tables.append(current)
            continue
        if current is not None:
            current.rows.append(row)
    return current


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
