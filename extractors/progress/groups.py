"""Group rows in a tabular progress report: the plan's headings copied into the sheet.

A year-end report made from the plan's appendix keeps its group rows ("I | CẢI CÁCH THỂ
CHẾ") and numbers the tasks from 1 in each group, as the plan does. Read row by row, a group
row was a reject ("status is blank") and the tasks were coded 1, 2, 1: the second group's
task 1 under the code of the first's. The same table in a report document is read with the
plans' group machinery (``document``: "II" + "1" is "II.1"); so is a tabular one here, and
a file without group rows keeps its codes as written.

>>> rows = [(4, ["I", "THỂ CHẾ", "", ""]), (5, ["1", "Rà soát", "Sở Tư pháp", "Đã hoàn thành"]),
...         (6, ["II", "TTHC", "", ""]), (7, ["1", "Công bố", "VP", "Chưa thực hiện"])]
>>> [(n, cells[0]) for n, cells in grouped(["STT", "Nhiệm vụ", "Cơ quan", "Tình trạng"], rows)]
[(5, 'I.1'), (7, 'II.1')]
"""

from __future__ import annotations

from extractors.document import Cell, Location, Row
from extractors.group_rows import ITEM_NO, GroupStack, next_numbers, number_text, read_group
from extractors.progress.layout import map_roles

Numbered = list[tuple[int, list[str]]]  # (source row, cells)


def _row(cells: list[str]) -> Row:
    """A tabular row as the group machinery reads a document's (no bold: a sheet's text)."""
    where = Location()
    return Row(tuple(Cell(c, where) for c in cells), where)


def grouped(header: list[str], body: Numbered) -> Numbered:
    """The body without its group rows, each task's number qualified by the groups above
    it (``group_rows.qualify``); the body as it is when no row opens a group."""
    roles = map_roles(header)
    no_col, task_col = roles.get("code"), roles.get("task")
    if no_col is None:
        return body
    rows = [_row(cells) for _, cells in body]
    nexts = next_numbers(rows, no_col)
    groups = [read_group(row, no_col, task_col, nexts[k]) for k, row in enumerate(rows)]
    if not any(groups):
        return body
    stack, out = GroupStack(), []
    for (n, cells), group in zip(body, groups, strict=True):
        if group is not None:
            stack.open(group.label, group.title)
            continue
        number = ITEM_NO.match(number_text(cells[no_col])) if no_col < len(cells) else None
        if number is not None:
            cells = [*cells[:no_col], stack.code(number["no"]), *cells[no_col + 1 :]]
        out.append((n, cells))
    return out
