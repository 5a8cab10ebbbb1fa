"""Find the appendix tables and stitch each into one run of body rows.

Page breaks cut a table into pieces: a text rendering shows blank lines or a heading in
the middle of it, a PDF gives one table per page with the header repeated. Rules:

* A table starts at a header row, found by what its columns mean (``MEANINGS``: number,
  content, lead, support, products, timeframe, budget, unit, value, note), in any order
  and any case: short cells naming the content and an agency ("Chủ trì", "Đơn vị thực
  hiện", "Cơ quan thực hiện", "Trách nhiệm"), three columns understood at least. A
  two-level header ("Trách nhiệm" over "Chủ trì | Phối hợp") is read as one row, each
  child column named by its child and its parent.
* Its kind is ``targets`` when it has a unit or value column, ``tasks`` when it names
  products, a timeframe or a budget, else ``targets`` - by its columns, never by the
  appendix number.
* Rows of later tables without a header continue the open appendix table; a header row
  seen before is a repeat and is dropped; a header-like row inside the table with the
  same agency columns (a repeated sub-header) is dropped with an info issue, and so is a
  row numbering the columns ("(1) | (2) | (3)").
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
from extractors.group_rows import ITEM_NO
from extractors.normalize import fold
from extractors.records import Issue

Pred = Callable[[str], bool]
AppendixKind = Literal["targets", "tasks"]  # which appendix a table is


def _has(*words: str) -> Pred:
    return lambda h: any(w in h for w in words)


_NO: Pred = lambda h: h in {"stt", "tt", "so tt", "so thu tu", "so"}  # noqa: E731
# "Chủ trì", "Trách nhiệm", "Đơn vị thực hiện", "Cơ quan đầu mối" (folded).
_LEAD = re.compile(
    r"""chu \s tri | trach \s nhiem
      | (?:don \s vi|co \s quan) \s (?:\w+\s)?(?:thuc \s hien|dau \s moi|theo \s doi)""",
    re.VERBOSE,
)
# A header cell is short; a longer cell is data.
MAX_HEADER_CELL = 90

# What a column header means, tested in this order on the folded header text (the first
# test that holds wins): "Thời gian thực hiện" is a timeframe before it is an agency, and a
# bare "Đơn vị" (beside a value) is a unit while "Đơn vị thực hiện" is the lead.
MEANINGS: tuple[tuple[str, Pred], ...] = (
    ("no", _NO),
    ("support", _has("phoi hop")),
    ("timeframe", _has("thoi gian", "thoi han", "tien do", "moc hoan thanh")),
    ("budget", _has("kinh phi", "ngan sach", "du toan")),
    ("unit", lambda h: h in {"don vi", "don vi tinh", "dvt"} or h.startswith("don vi tinh")),
    ("lead", lambda h: bool(_LEAD.search(h))),
    ("value", _has("gia tri", "muc can dat", "ket qua can dat", "chi tieu can dat")),
    ("products", _has("san pham", "ket qua")),
    ("note", _has("ghi chu")),
    ("task", _has("nhiem vu", "giai phap", "hoat dong")),
    ("text", _has("muc tieu", "chi tieu", "noi dung", "ten ")),
    ("area", _has("linh vuc")),
)
TASK_WORDS = ("products", "timeframe", "budget")
TARGET_WORDS = ("unit", "value")


def column_meanings(texts: list[str]) -> dict[str, int]:
    """Field -> column for the folded header texts (see ``MEANINGS``).

    The content column is "task" in a tasks table and "text" in a targets table; when two
    columns could hold the content ("Nội dung CCHC" beside "Nhiệm vụ cụ thể"), the first
    is the area. "Kết quả" is the value of a targets table with a unit column.

    >>> column_meanings(["tt", "chi tieu", "don vi", "ket qua", "co quan chu tri"])
    {'no': 0, 'text': 1, 'unit': 2, 'value': 3, 'lead': 4}
    """
    found: dict[str, int] = {}
    content: list[int] = []
    for i, h in enumerate(texts):
        for name, test in MEANINGS:
            if test(h):
                if name in ("task", "text"):
                    content.append(i)
                elif name not in found:
                    found[name] = i
                break
    if "unit" in found and "products" in found and "value" not in found:
        found["value"] = found.pop("products")
    kind = _kind(found)
    if content:
        found["task" if kind == "tasks" else "text"] = content[-1]
        if len(content) > 1 and "area" not in found:
            found["area"] = content[0]
    return dict(sorted(found.items(), key=lambda kv: kv[1]))


def repeated_columns(texts: list[str]) -> dict[int, str]:
    """Columns that repeat a timeframe or budget column, under one parent header: "Thời gian"
    over "Bắt đầu | Hoàn thành", "Kinh phí" over "Ngân sách tỉnh | Lồng ghép". Their cells
    join that field (they were dropped unseen).

    >>> repeated_columns(["tt", "bat dau (thoi gian)", "hoan thanh (thoi gian)", "kinh phi"])
    {2: 'timeframe'}
    """
    meanings = [next((n for n, test in MEANINGS if test(h)), None) for h in texts]
    return {
        i: m for i, m in enumerate(meanings) if m in ("timeframe", "budget") and m in meanings[:i]
    }


def _kind(columns: dict[str, int]) -> AppendixKind:
    if any(w in columns for w in TARGET_WORDS):
        return "targets"
    return "tasks" if any(w in columns for w in TASK_WORDS) else "targets"


def _folded(row: Row) -> list[str]:
    return [fold(c.text) for c in row.cells]


def short_cells(row: Row) -> bool:
    """No cell longer than a header's: a row with long text is a data row."""
    return all(len(c.text) <= MAX_HEADER_CELL for c in row.cells)


def is_header(row: Row) -> bool:
    """A header row: short cells naming the content and an agency column, and at least
    three columns understood (a number, a timeframe, a unit ...)."""
    if not short_cells(row) or any(ITEM_NO.match(c.text) for c in row.cells):
        return False  # a data row: long text, or an item number
    cols = column_meanings(_folded(row))
    has_content = "task" in cols or "text" in cols
    return has_content and ("lead" in cols or "support" in cols) and len(cols) >= 3


def is_subheader(row: Row) -> bool:
    """The second row of a two-level header: short cells, some naming a role
    ("Chủ trì | Phối hợp"), no item number."""
    filled = [c for c in row.cells if not c.empty]
    if not filled or any(len(c.text) > 40 for c in filled):
        return False
    if any(p.ROW_NUMBER.match(c.text) for c in filled):
        return False
    cols = column_meanings(_folded(row))
    return bool(cols) and all(
        k in ("lead", "support", "unit", "value", "budget", "timeframe", "products", "note")
        for k in cols
    )


def merge_header(top: Row, sub: Row) -> Row:
    """One header row from two levels: a spanning parent ("Trách nhiệm") gives its name to
    the columns under it that have a child ("Chủ trì", "Phối hợp"); the child's own meaning
    comes first ("Trách nhiệm chủ trì")."""
    cells: list[Cell] = []
    parent = ""
    for i, cell in enumerate(top.cells):
        parent = cell.text if not cell.empty else parent
        child = sub.cells[i].text if i < len(sub.cells) else ""
        if child.strip():
            text = f"{child} ({parent})" if parent and parent != child else child
        else:
            text = cell.text
        cells.append(Cell(text=text, loc=cell.loc, bold=cell.bold))
    return Row(cells=tuple(cells), loc=top.loc)


def header_kind(row: Row) -> AppendixKind:
    return _kind(column_meanings(_folded(row)))


def map_columns(row: Row, kind: AppendixKind) -> dict[str, int]:
    del kind  # the columns name the content field after the table's kind
    return column_meanings(_folded(row))


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
        current.repeated = repeated_columns(_folded(header))
        current.seen_headers.append(_folded_filled(row))
        if two_level and nxt is not None:
            current.seen_headers.append(_folded_filled(nxt))
        tables.append(current)
        skip = two_level
    return current


def _header_at(row: Row, nxt: Row | None, opens: Callable[[Row], bool]) -> tuple[Row | None, bool]:
    """The (possibly two-level) header that starts at ``row``, and whether it is two rows."""
    if nxt is not None and is_subheader(nxt):
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
