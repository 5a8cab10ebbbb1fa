"""The progress appendix of a report document (DOCX, PDF, HTML, text) -> the rows a tabular
progress file gives.

A "Báo cáo kết quả thực hiện Kế hoạch CCHC năm 2022" carries, in its appendix, a table of
the plan's tasks with their results (STT | Nhiệm vụ | Cơ quan chủ trì | Kết quả thực hiện |
Tình trạng | Thời gian hoàn thành | Văn bản/sản phẩm). It is read with the plans' table
machinery, so it gets the same repairs:

1. ``find_appendix_tables`` stitches the pieces a page break cut (repeated headers dropped,
   a row split by the break recovered, a group heading between pieces kept as a group row);
   a table opens at a header with a status and a task column (``is_progress_header``),
   however its agency column is headed ("Cơ quan", "Đơn vị báo cáo") or if it has none;
2. group rows (``A.``, ``I.``, ``5.1``) open groups, and an item's code is its number
   qualified by them (``group_rows``: "I" + "2" is "I.2", as the plan's codes are made);
3. a row without a number continues the item above (a row split across pages or lines);
4. a blank agency or status cell under an item of the same group is the cell above (a
   vertically merged cell reads as blanks below its first row);
5. the period comes from the title ("... năm 2022", "... 6 tháng đầu năm 2022") and the
   province from the issuer, when the table names neither; the plan reported on from the
   title too ("... Kế hoạch chuyển đổi số": the digital plan, ``report_topic``).

The rows then go through the tabular reader's row parser (``read_rows``): the same statuses,
dates and rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from extractors.appendix_header import short_cells
from extractors.document import Document, Row
from extractors.group_rows import ITEM_NO, GroupStack, next_numbers, number_text, read_group
from extractors.parse_period import find_period
from extractors.period import period_label
from extractors.progress.layout import is_progress_header, map_roles
from extractors.progress.read import ProgressFile, ProgressReject, ProgressRow, read_rows
from extractors.progress.topic import report_topic
from extractors.stitch_tables import AppendixTable, find_appendix_tables

CARRIED = ("agency", "status")  # roles a vertically merged cell may span


@dataclass
class _Item:
    row: int  # the item's row in the stitched table (1-based, header excluded)
    cells: list[str]
    groups: tuple[str, ...]
    filled: set[int] = field(default_factory=set)  # columns written on the item's own rows


def is_progress_header_row(row: Row) -> bool:
    """A table row heading a progress table: short cells, a task and a status column (the
    agency column, headed however the office heads it, proves nothing; a plan's appendix
    header needs one, so it is not the test here)."""
    return short_cells(row) and is_progress_header([c.text for c in row.cells])


def progress_tables(doc: Document) -> list[AppendixTable]:
    """The appendix tables of a document whose header has a status and a task column."""
    tables, _ = find_appendix_tables(doc, header=is_progress_header_row)
    return tables


def read_progress_document(
    doc: Document, title: str | None, province: str | None
) -> ProgressFile | None:
    """The progress rows of a report document (None: it has no progress table).
    ``title``: the document's title, where its period is named; ``province``: its issuer's."""
    tables = progress_tables(doc)
    if not tables:
        return None
    period = find_period(title) if title else None
    rows: list[ProgressRow] = []
    rejects: list[ProgressReject] = []
    for table in tables:
        header = [" ".join(c.text.split()) for c in table.header.cells]
        items = _items(table, header)
        if period is not None and "period" not in map_roles(header):
            header = [*header, "Kỳ báo cáo"]
            items = [[*cells, period_label(period)] for cells in items]
        body = list(enumerate(items, start=1))
        got = read_rows(doc.path, header, body, province, "", report_topic(title))
        rows += got[0]
        rejects += got[1]
    return ProgressFile(doc.fmt, 0, tuple(rows), tuple(rejects))


def _items(table: AppendixTable, header: list[str]) -> list[list[str]]:
    """Each numbered row of the table with its code qualified by its groups, continuation
    rows joined and merged cells carried down."""
    roles = map_roles(header)
    no_col, task_col = roles.get("code"), roles.get("task")
    width = len(header)
    stack = GroupStack()
    nexts = next_numbers(table.rows, no_col)
    items: list[_Item] = []
    for k, row in enumerate(table.rows):
        group = read_group(row, no_col, task_col, nexts[k])
        if group is not None:
            stack.open(group.label, group.title)
            continue
        cells = [c.text.strip() for c in row.cells[:width]]
        cells += [""] * (width - len(cells))
        number = ITEM_NO.match(number_text(cells[no_col])) if no_col is not None else None
        if number is not None:
            cells[no_col] = stack.code(number["no"])  # type: ignore[index]
            filled = {i for i, c in enumerate(cells) if c}
            items.append(_Item(k + 1, cells, stack.path, filled))
        elif items and any(cells):  # the rest of the row above, cut by a page or line break
            above = items[-1]
            for i, text in enumerate(cells):
                if text:
                    above.cells[i] = f"{above.cells[i]} {text}".strip()
                    above.filled.add(i)
    _carry_down(items, [roles[r] for r in CARRIED if r in roles])
    return [item.cells for item in items]


def _carry_down(items: list[_Item], columns: list[int]) -> None:
    """A blank cell under an item of the same group takes the value above (a merged cell)."""
    for above, item in pairwise(items):
        if above.groups != item.groups:
            continue
        for col in columns:
            if col not in item.filled and above.cells[col]:
                item.cells[col] = above.cells[col]
