"""Phụ lục 2 (task assignment) rows -> Task records.

Row kinds, decided by content:

* task row - some cell opens with a task code ("1.12. Xây dựng ..."): the row is aligned
  on that cell (a missing leading cell does not shift the agencies into the wrong column);
  a number cell before it gives the area number, a text cell the area title;
* area row - a number and an area title and nothing else;
* sub-item row - "a)" or "-" in the number cell with a lead or timeframe of its own: a task
  numbered under its item ("1.a", "2.1"; ``sub_items``);
* continuation row - anything else: joined column by column to the task above.

Then merged cells are resolved (``merged_cells.resolve_merged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extractors import patterns as p
from extractors.align_rows import continuation_joined, join_text, place
from extractors.document import Cell, Location, Row
from extractors.group_rows import (
    ITEM_NO,
    GroupStack,
    item_code,
    next_numbers,
    number_text,
    read_group,
)
from extractors.lead_and_support import lead_and_support
from extractors.merged_cells import TaskDraft
from extractors.normalize import strip_list_punct
from extractors.parse_budget import budget_scale, parse_budget, plain
from extractors.parse_numbers import parse_number
from extractors.parse_timeframe import parse_timeframe
from extractors.records import Issue, Task
from extractors.roman import roman_to_int
from extractors.stitch_tables import AppendixTable
from extractors.sub_items import (
    SubLevels,
    closes_item_group,
    is_bullet,
    sub_item_label,
    sub_item_mark,
)


@dataclass
class TaskTable:
    drafts: list[TaskDraft]
    area_titles: dict[int, str]
    issues: list[Issue]
    budget_scale: Decimal = Decimal(1)  # the header's unit in million đồng


def parse_products(text: str) -> tuple[str, ...]:
    """Split a products cell into items (list lines or "- " bullets).

    >>> parse_products("- Kế hoạch học tập - Báo cáo kết quả học tập")
    ('Kế hoạch học tập', 'Báo cáo kết quả học tập')
    >>> parse_products("Báo cáo của UBND tỉnh (Theo thời gian báo cáo).")
    ('Báo cáo của UBND tỉnh (Theo thời gian báo cáo)',)
    """
    items: list[str] = []
    for line in text.split("\n"):
        parts = re.split(r"(?:^|\s)[-–•+]\s+", line) if line.lstrip()[:1] in "-–•+" else [line]
        items.extend(strip_list_punct(x) for x in parts if strip_list_punct(x))
    return tuple(items)


def read_task_rows(table: AppendixTable) -> TaskTable:
    issues: list[Issue] = []
    drafts: list[TaskDraft] = []
    titles: dict[int, str] = {}
    cols = table.columns
    by_col = {i: name for name, i in cols.items()} | table.repeated
    task_col, no_col = cols.get("task", 2), cols.get("no", 0)
    area: int | None = None  # the area opened by the last area row
    stack = GroupStack()
    nexts = next_numbers(table.rows, no_col)
    parent: TaskDraft | None = None  # the last numbered task: the item sub-items belong to
    subs: dict[str, SubLevels] = {}  # the sub-item levels under each item (by its code)
    sub_tasks: set[int] = set()  # the drafts made of sub-item rows (their numbers are not items')
    for k, row in enumerate(table.rows):
        group = read_group(row, no_col, task_col, nexts[k])
        if group is not None:
            parent = None
            stack.open(group.label, group.title)
            first = stack.area()
            if first is not None and len(stack.levels) == 1:
                area = first[0]
                titles.setdefault(area, first[1])
            continue
        anchor = _anchor(row, task_col, table.width)
        if anchor is not None:
            m = p.TASK_CODE.match(number_text(row.cells[anchor].text))
            assert m is not None
            # "1.1. Xây dựng ..." opens the task cell; a bare "1.1" sits in the number column
            anchor_col = task_col if m["rest"].strip() else no_col
            placed = place(row, table.width, anchor, anchor_col)
            texts = _texts(placed.cells, by_col)
            if anchor_col == task_col:
                texts["task"] = m["rest"]
            no = f"{int(m['area'])}.{int(m['item'])}{m['sub']}"
            first = stack.area()
            draft = TaskDraft(
                code=item_code(stack, no, _earlier(drafts, stack.path, sub_tasks)),
                no=no,
                group_path=stack.path,
                area_no=first[0] if first else int(m["area"]),
                loc=row.loc,
            )
            _start_task(draft, texts, placed.shifted, placed.short, titles, issues, row.loc)
            drafts.append(draft)
            parent = draft
            issues.extend(_unplaced(placed.unplaced, f"task {draft.code}"))
            continue
        placed = place(row, table.width)
        texts = _texts(placed.cells, by_col)
        under = parent if parent is not None and parent.group_path == stack.path else None
        key = under.code if under is not None else ".".join(stack.path)
        label = sub_item_label(texts, 0)
        if label is not None:
            levels = subs.setdefault(key, SubLevels())
            depth = levels.enter(sub_item_mark(texts["no"]))
            label = label if not label.isdigit() else str(levels.counts[depth])
            above = levels.above(depth) or ((under.code, under.no) if under else None)
            item = stack.levels[-1].label if stack.levels and not above else ""
            draft = TaskDraft(
                code=f"{above[0]}.{label}" if above else stack.code(label),
                # under an item read as a group row ("1 | ..., gồm:"), numbered under it
                no=f"{above[1] if above else item}.{label}" if above or item.isdigit() else label,
                group_path=stack.path,
                area_no=under.area_no if under else (stack.area() or (0, ""))[0],
                loc=row.loc,
            )
            levels.read(depth, draft.code, draft.no)
            sub_tasks.add(id(draft))
            texts.pop("no")
            _start_task(draft, texts, placed.shifted, placed.short, titles, issues, row.loc)
            drafts.append(draft)
            continue
        heading = _area_heading(texts)
        if heading is not None:
            area = heading[0]
            stack.open(str(area), heading[1])
            if heading[1]:
                titles.setdefault(area, heading[1])
            continue
        number = ITEM_NO.match(number_text(texts.get("no", "")))
        if number and texts.get("task") and len(texts) >= 3:
            no = number["no"]
            innermost = stack.levels[-1].label if stack.levels else None
            numbers = [
                d.no for d in drafts if d.group_path == stack.path and id(d) not in sub_tasks
            ]
            if closes_item_group(innermost, no, numbers):
                stack.levels.pop()  # the item over sub-items ends where the next begins
            first = stack.area()
            draft = TaskDraft(
                code=item_code(stack, no, _earlier(drafts, stack.path, sub_tasks)),
                no=no,
                group_path=stack.path,
                area_no=first[0] if first else int(no.split(".")[0]),
                loc=row.loc,
            )
            if "." not in no and stack.levels:
                issues.append(
                    Issue(
                        "info",
                        "task_code_synthesized",
                        f"task numbered {no} under {stack.path[-1]!r} given code {draft.code}",
                        row.loc,
                    )
                )
            texts.pop("no")  # the item's own number, not an area number
            _start_task(draft, texts, placed.shifted, placed.short, titles, issues, row.loc)
            drafts.append(draft)
            parent = draft
            continue
        if not drafts:
            issues.extend(_unplaced(placed.cells.values(), "before the first task"))
            continue
        draft = drafts[-1]
        issues.append(continuation_joined(f"task {draft.code}", row.loc))
        for col, cell in placed.cells.items():
            name = by_col.get(col)
            if name == "no" and is_bullet(cell.text) and texts.get("task"):
                continue  # the list mark of the task line below: kept on that line
            if name == "task" and is_bullet(texts.get("no", "")):
                draft.text["task"] = join_text(draft.text.get("task", ""), f"- {cell.text}")
            elif name == "area" and draft.area_no in titles:
                titles[draft.area_no] = f"{titles[draft.area_no]} {cell.text}"
            elif name is None or name in ("no", "area"):
                issues.extend(_unplaced([cell], f"after task {draft.code}"))
            else:
                draft.text[name] = join_text(draft.text.get(name, ""), cell.text)
        issues.extend(_unplaced(placed.unplaced, f"after task {draft.code}"))
    budget_col = cols.get("budget")
    header = table.header.cells[budget_col].text if budget_col is not None else ""
    return TaskTable(
        drafts=drafts, area_titles=titles, issues=issues, budget_scale=budget_scale(header)
    )


def _texts(cells: dict[int, Cell], by_col: dict[int, str]) -> dict[str, str]:
    """Field -> text of a row's cells; a field's second column (``repeated_columns``) joins
    the first: a start and an end ("01/2025 - 06/2025"), two sources of funds."""
    out: dict[str, str] = {}
    for col, cell in sorted(cells.items()):
        name = by_col.get(col, "?")
        if name in out and cell.text.strip() and out[name].strip():
            out[name] += (" - " if name == "timeframe" else "\n") + cell.text
        elif cell.text.strip() or name not in out:
            out[name] = cell.text
    return out


def _earlier(
    drafts: list[TaskDraft], path: tuple[str, ...], sub_tasks: set[int]
) -> list[tuple[str, str]]:
    """(number, code) of the numbered items read so far in the group ``path``."""
    return [(d.no, d.code) for d in drafts if d.group_path == path and id(d) not in sub_tasks]


def _start_task(
    draft: TaskDraft,
    texts: dict[str, str],
    shifted: bool,
    short: bool,
    titles: dict[int, str],
    issues: list[Issue],
    loc: Location,
) -> None:
    if shifted:
        issues.append(
            Issue(
                "info",
                "row_realigned",
                f"task {draft.code}: cells re-aligned on the task code",
                loc,
            )
        )
    if short:
        issues.append(
            Issue(
                "warning",
                "row_incomplete",
                f"task {draft.code}: row ends before the last column",
                loc,
            )
        )
    _take_area(texts, draft, titles, issues, loc)
    draft.text.update({k: v for k, v in texts.items() if k not in ("no", "area", "?")})


def _area_heading(texts: dict[str, str]) -> tuple[int, str] | None:
    """An area row: a number or roman numeral and at most one title cell, or "II. Title"."""
    others = [v for k, v in texts.items() if k != "no"]
    no = texts.get("no", "").strip()
    if no and len(others) <= 1:
        roman = p.ROMAN_ONLY.match(no)
        number = p.ROW_NUMBER.match(no)
        title = " ".join(others[0].split()) if others else ""
        if roman:
            return roman_to_int(roman["roman"]), title
        if number:
            return int(number["n"]), title
    if not no and len(others) == 1:
        m = p.GROUP_HEADING.match(others[0])
        if m and len(others[0]) < 200:
            return roman_to_int(m["roman"]), " ".join(m["title"].split())
    return None


def _anchor(row: Row, task_col: int, width: int) -> int | None:
    """The cell holding the task code. A row that lost cells has its code at or left of
    the task column, never right of it: in a row no wider than the table, a code-like cell
    after the task column is data ("1.200" in the budget column), not the code."""
    if len(row.cells) > task_col and p.TASK_CODE.match(number_text(row.cells[task_col].text)):
        return task_col
    for i, cell in enumerate(row.cells):
        if i > task_col and len(row.cells) <= width:
            break
        if p.TASK_CODE.match(number_text(cell.text)):
            return i
    return None


def _take_area(
    texts: dict[str, str],
    draft: TaskDraft,
    titles: dict[int, str],
    issues: list[Issue],
    loc: Location,
) -> None:
    no = p.ROW_NUMBER.match(texts.get("no", ""))
    if no and int(no["n"]) != draft.area_no:
        issues.append(
            Issue(
                "warning",
                "area_number_mismatch",
                f"task {draft.code} sits in row numbered {no['n']}",
                loc,
            )
        )
    if texts.get("area"):
        titles.setdefault(draft.area_no, " ".join(texts["area"].split()))


def _unplaced(cells: Iterable[Cell], where: str) -> list[Issue]:
    return [
        Issue("error", "cell_not_placed", f"cell {c.text!r} {where} could not be placed", c.loc)
        for c in cells
    ]


def build_tasks(table: TaskTable, plan_year: int | None) -> list[Task]:
    tasks = []
    for d in table.drafts:
        _, amount, note = parse_budget(d.text.get("budget", ""))
        agencies = lead_and_support(d.text.get("lead", ""), d.text.get("support", ""))
        if amount is not None and table.budget_scale != 1 and parse_number(d.text["budget"]):
            amount = plain(amount * table.budget_scale)  # a bare number: the header's unit
        tasks.append(
            Task(
                code=d.code,
                area_no=d.area_no,
                area=table.area_titles.get(d.area_no),
                description=" ".join(d.text.get("task", "").split()),
                products=parse_products(d.text.get("products", "")),
                lead=agencies[0],
                support=agencies[1],
                timeframe=parse_timeframe(d.text.get("timeframe", ""), plan_year),
                budget_million_vnd=amount,
                budget_note=note,
                loc=d.loc,
                cells=tuple(sorted(d.text.items())),
                no=d.no or d.code,
                group_path=d.group_path,
            )
        )
    return tasks
