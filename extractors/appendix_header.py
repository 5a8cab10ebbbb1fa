"""The header row of an appendix table: what each column means, and which kind of table
its columns make.

* A table starts at a header row, found by what its columns mean (``MEANINGS``: number,
  content, lead, support, products, timeframe, budget, unit, value, note), in any order
  and any case: short cells naming the content and an agency ("Chủ trì", "Đơn vị thực
  hiện", "Cơ quan thực hiện", "Trách nhiệm"), three columns understood at least. A
  two-level header ("Trách nhiệm" over "Chủ trì | Phối hợp") is read as one row, each
  child column named by its child and its parent.
* Its kind is ``targets`` when it has a unit or value column, ``tasks`` when it names
  products, a timeframe or a budget, else ``targets`` - by its columns, never by the
  appendix number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from extractors import patterns as p
from extractors.document import Cell, Row
from extractors.group_rows import ITEM_NO
from extractors.normalize import fold

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
# A column of one year's values in a phase plan's targets table: "2026", "Năm 2030",
# "2027 (Chỉ tiêu theo năm)" once a parent header is merged in (folded text); not a span
# of years ("2026 - 2030"). Its field is "year 2026" (see ``year_of``).
_YEAR_COLUMN = re.compile(r"^(?:nam \s)?(?P<year>(?:19|20)\d\d)\b(?!\s\d{4})", re.VERBOSE)
YEAR_FIELD = "year "
# A content-like header naming a year or a span of years ("Chỉ tiêu đến năm 2030", "Mục
# tiêu giai đoạn 2026-2030", folded) beside a content column that names none: what the
# target is to reach by then, not its text.
_NAMES_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d \s (?:den \s)? (?:nam \s)? (?:19|20)\d\d\b", re.VERBOSE)


def year_of(field: str) -> int | None:
    """The year a field names ("year 2026" -> 2026), None for any other field."""
    return int(field[len(YEAR_FIELD) :]) if field.startswith(YEAR_FIELD) else None


def column_meanings(texts: list[str]) -> dict[str, int]:
    """Field -> column for the folded header texts (see ``MEANINGS``).

    The content column is "task" in a tasks table and "text" in a targets table; when two
    columns could hold the content ("Nội dung CCHC" beside "Nhiệm vụ cụ thể"), the first
    is the area. "Kết quả" is the value of a targets table with a unit column.

    >>> column_meanings(["tt", "chi tieu", "don vi", "ket qua", "co quan chu tri"])
    {'no': 0, 'text': 1, 'unit': 2, 'value': 3, 'lead': 4}
    >>> column_meanings(["tt", "chi tieu", "nam 2026", "2030 chi tieu theo nam", "chu tri"])
    {'no': 0, 'text': 1, 'year 2026': 2, 'year 2030': 3, 'lead': 4}
    """
    found: dict[str, int] = {}
    content: list[int] = []
    for i, h in enumerate(texts):
        year = _YEAR_COLUMN.match(h)
        if year:
            found.setdefault(YEAR_FIELD + year["year"], i)
            continue
        for name, test in MEANINGS:
            if test(h):
                if name in ("task", "text"):
                    content.append(i)
                elif name not in found:
                    found[name] = i
                break
    content = _year_values(texts, content, found)
    if "unit" in found and "products" in found and "value" not in found:
        found["value"] = found.pop("products")
    kind = _kind(found)
    if content:
        found["task" if kind == "tasks" else "text"] = content[-1]
        if len(content) > 1 and "area" not in found:
            found["area"] = content[0]
    return dict(sorted(found.items(), key=lambda kv: kv[1]))


def _year_values(texts: list[str], content: list[int], found: dict[str, int]) -> list[int]:
    """The content columns left once those naming a year become the value of that year, or
    those naming a span the value (``found`` updated), when another names no year.

    >>> found = {}
    >>> _year_values(["chi tieu", "chi tieu den nam 2030"], [0, 1], found), found
    ([0], {'year 2030': 1})
    >>> _year_values(["muc tieu nam 2025", "noi dung"], [0, 1], found)
    [1]
    """
    dated = [i for i in content if _NAMES_YEAR.search(texts[i])]
    if not dated or len(dated) == len(content):
        return content
    for i in dated:
        year = _NAMES_YEAR.search(texts[i])
        if _YEAR_SPAN.search(texts[i]) or year is None:
            found.setdefault("value", i)
        else:
            found.setdefault(YEAR_FIELD + year["year"], i)
    return [i for i in content if i not in dated]


def repeated_columns(texts: list[str]) -> dict[int, str]:
    """Columns that repeat a timeframe or budget column, under one parent header: "Thời gian"
    over "Bắt đầu | Hoàn thành", "Kinh phí" over "Ngân sách tỉnh | Lồng ghép". Their cells
    join that field (they were dropped unseen).

    >>> repeated_columns(["tt", "bat dau (thoi gian)", "hoan thanh (thoi gian)", "kinh phi"])
    {2: 'timeframe'}
    >>> repeated_columns(["tt", "tong (kinh phi)", "trong do nsnn (kinh phi)"])  # a part
    {}
    """
    meanings = [next((n for n, test in MEANINGS if test(h)), None) for h in texts]
    return {
        i: m
        for i, m in enumerate(meanings)
        if m in ("timeframe", "budget") and m in meanings[:i] and not _PART.match(texts[i])
    }


# A part of the amount beside it ("Tổng | Trong đó: NSNN"): already counted in the total.
_PART = re.compile(r"^trong \s do\b", re.VERBOSE)


def _kind(columns: dict[str, int]) -> AppendixKind:
    if any(w in columns for w in TARGET_WORDS) or any(year_of(k) for k in columns):
        return "targets"
    return "tasks" if any(w in columns for w in TASK_WORDS) else "targets"


def folded(row: Row) -> list[str]:
    """The row's cells as folded text (lower case, no accents: what MEANINGS test)."""
    return [fold(c.text) for c in row.cells]


def short_cells(row: Row) -> bool:
    """No cell longer than a header's: a row with long text is a data row."""
    return all(len(c.text) <= MAX_HEADER_CELL for c in row.cells)


def is_header(row: Row) -> bool:
    """A header row: short cells naming the content and an agency column, and at least
    three columns understood (a number, a timeframe, a unit ...)."""
    if not short_cells(row) or any(ITEM_NO.match(c.text) for c in row.cells):
        return False  # a data row: long text, or an item number
    cols = column_meanings(folded(row))
    has_content = "task" in cols or "text" in cols
    return has_content and ("lead" in cols or "support" in cols) and len(cols) >= 3


def is_subheader(row: Row, top: Row | None = None) -> bool:
    """The second row of a two-level header: short cells, no item number, some naming a
    role ("Chủ trì | Phối hợp") - or, under ``top``, each under a parent spanning it
    ("Kinh phí" over "Tổng | Trong đó NSNN": words no column is named by alone)."""
    filled = [c for c in row.cells if not c.empty]
    if not filled or any(len(c.text) > 40 for c in filled):
        return False
    if any(p.ROW_NUMBER.match(c.text) for c in filled):
        return False
    if top is not None and _under_spans(top, row):
        return True
    cols = column_meanings(folded(row))
    return bool(cols) and all(
        k in ("lead", "support", "unit", "value", "budget", "timeframe", "products", "note")
        or year_of(k)
        for k in cols
    )


def _under_spans(top: Row, row: Row) -> bool:
    """Every filled cell of ``row`` sits under a parent of ``top`` spanning more than one
    column (the parent's cell or an empty one after it, up to the next filled one), and
    no parent spans its children's columns with nothing under them."""
    parents = [i for i, c in enumerate(top.cells) if not c.empty]
    if not parents:
        return False
    spans = {
        i: range(i, (parents[k + 1] if k + 1 < len(parents) else len(top.cells)))
        for k, i in enumerate(parents)
    }
    wide = [r for r in spans.values() if len(r) > 1]
    under = [i for i, c in enumerate(row.cells) if not c.empty]
    return bool(wide) and all(any(i in r for r in wide) for i in under)


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
    return _kind(column_meanings(folded(row)))


def map_columns(row: Row, kind: AppendixKind) -> dict[str, int]:
    del kind  # the columns name the content field after the table's kind
    return column_meanings(folded(row))
