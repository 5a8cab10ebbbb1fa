"""Phụ lục 1 (targets) rows -> Target records.

Row kinds, decided by content:

* group row - its first non-empty cell is "I. Cải cách thể chế" (or the number cell holds a
  roman numeral and the text cell the title): opens area I..VI;
* target row - the number cell holds an integer: opens a target; when the integer is not
  in the number column the row is re-aligned on it;
* sub-target row - the number cell holds a sub-item mark ("a)", "-") and the row a value
  of its own ("2 | Tỷ lệ hồ sơ ... xử lý trên môi trường mạng" over "a) | Cấp tỉnh | % |
  95" and "b) | Cấp xã | % | 80"): a target numbered under the item above ("2.a"), its
  text the item's and its own, its lead its own or the item's;
* continuation row - anything else: its cells are appended, column by column, to the
  target above (a row a page break split in two).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.align_rows import continuation_joined, join_text, place
from extractors.appendix_header import year_of
from extractors.document import Cell, Location, Row
from extractors.footnote_refs import without_footnote_mark
from extractors.group_rows import (
    ITEM_NO,
    GroupStack,
    item_code,
    next_numbers,
    number_text,
    read_group,
)
from extractors.lead_and_support import lead_and_support
from extractors.parse_measures import parse_measures
from extractors.records import Issue, Target
from extractors.stitch_tables import AppendixTable
from extractors.sub_items import mark_label


@dataclass
class _Draft:
    no: str
    area_no: int | None
    area: str | None
    loc: Location
    code: str
    group_path: tuple[str, ...]
    text: dict[str, str] = field(default_factory=dict)
    stem: str = ""  # a sub-target's item text ("Tỷ lệ hồ sơ ...") its own text completes
    subs: int = 0  # the sub-targets read under this target


def group_heading(row: Row, columns: dict[str, int]) -> tuple[int, str] | None:
    """The (number, title) of a group row, or None.

    >>> from extractors.document import Cell
    >>> group_heading(Row((Cell("II. Cải cách TTHC", Location()),), Location()), {"no": 0})
    (2, 'Cải cách TTHC')
    """
    group = read_group(row, columns.get("no", 0), columns.get("text"), None)
    if group is None:
        return None
    stack = GroupStack()
    stack.open(group.label, group.title)
    return stack.area()


def parse_targets(table: AppendixTable) -> tuple[list[Target], list[Issue]]:
    issues: list[Issue] = []
    drafts: list[_Draft] = []
    cols = table.columns
    no_col = cols.get("no", 0)
    by_col = {i: name for name, i in cols.items()}
    nexts = next_numbers(table.rows, no_col)
    stack = GroupStack()
    item: _Draft | None = None  # the last numbered target: the item sub-targets belong to
    for k, row in enumerate(table.rows):
        group = read_group(row, no_col, cols.get("text"), nexts[k])
        if group:
            stack.open(group.label, group.title)
            item = None
            continue
        first = next((i for i, c in enumerate(row.cells) if not c.empty), None)
        number = ITEM_NO.match(number_text(row.cells[first].text)) if first is not None else None
        if number and first is not None:
            placed = place(row, table.width, first, no_col)
            area = stack.area()
            draft = _Draft(
                no=number["no"],
                area_no=area[0] if area else None,
                area=area[1] if area else None,
                loc=row.loc,
                code=item_code(
                    stack,
                    number["no"],
                    [(d.no, d.code) for d in drafts if d.group_path == stack.path],
                ),
                group_path=stack.path,
            )
            drafts.append(draft)
            item = draft
            if placed.shifted:
                issues.append(
                    Issue(
                        "info",
                        "row_realigned",
                        f"target {draft.no}: cells re-aligned on the number",
                        row.loc,
                    )
                )
            if placed.short:
                issues.append(
                    Issue(
                        "warning",
                        "row_incomplete",
                        f"target {draft.no}: row ends before the last column",
                        row.loc,
                    )
                )
        else:
            placed = place(row, table.width)
            if not drafts:
                issues.extend(_unplaced(placed.cells.values(), "before the first target"))
                continue
            sub = _sub_target(placed.cells, by_col, item, row.loc)
            if sub is not None:
                drafts.append(sub)
                draft = sub
            else:
                draft = drafts[-1]
                issues.append(continuation_joined(f"target {draft.no}", row.loc))
        for col, cell in placed.cells.items():
            name = by_col.get(col)
            if name is None or name == "no":
                if name is None:
                    issues.extend(_unplaced([cell], "in a column without a header"))
                continue
            draft.text[name] = join_text(draft.text.get(name, ""), cell.text)
        issues.extend(_unplaced(placed.unplaced, "outside the table's columns"))
    return [_build(d, issues) for d in drafts], issues


def _sub_target(
    cells: dict[int, Cell], by_col: dict[int, str], item: _Draft | None, loc: Location
) -> _Draft | None:
    """The target a sub-item row of ``item`` states: a sub-item mark in the number cell,
    text, and a value (or a year's value) of its own; None for any other row."""
    texts = {by_col[c]: cell.text for c, cell in cells.items() if c in by_col}
    has_value = any(v.strip() for k, v in texts.items() if k == "value" or year_of(k))
    label = mark_label(texts.get("no", ""), item.subs) if item is not None else None
    if item is None or label is None or not has_value or not texts.get("text", "").strip():
        return None
    item.subs += 1
    lead = {} if texts.get("lead", "").strip() else {"lead": item.text.get("lead", "")}
    return _Draft(
        no=f"{item.no}.{label}",
        area_no=item.area_no,
        area=item.area,
        loc=loc,
        code=f"{item.code}.{label}",
        group_path=item.group_path,
        text=lead,
        stem=" ".join(item.text.get("text", "").split()).rstrip(" :"),
    )


# A footnote's mark raised after a figure ("80²"), never a unit's square or cube ("m²")
_MARK = re.compile(r"(?<=\d)[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*$")


def _unplaced(cells: Iterable[Cell], where: str) -> list[Issue]:
    return [Issue("error", "cell_not_placed", f"cell {c.text!r} {where}", c.loc) for c in cells]


def _build(d: _Draft, issues: list[Issue]) -> Target:
    own = " ".join(d.text.get("text", "").split())
    text, text_mark = without_footnote_mark(f"{d.stem}: {own}" if d.stem else own)
    if text_mark:  # "... toàn trình¹": the note under the table says what the target counts
        issues.append(
            Issue(
                "info",
                "footnote_mark_dropped",
                f"target {d.no}: footnote mark {text_mark!r} dropped from its text",
                d.loc,
            )
        )
    if not text:
        issues.append(Issue("warning", "target_text_missing", f"target {d.no} has no text", d.loc))
    if d.area_no is None:
        issues.append(
            Issue(
                "warning",
                "target_area_missing",
                f"target {d.no} comes before any group row",
                d.loc,
            )
        )
    note = " ".join(d.text.get("note", "").split()) or None
    agencies = lead_and_support(d.text.get("lead", ""), d.text.get("support", ""))
    marked = {k: v for k, v in d.text.items() if (k == "value" or year_of(k)) and _MARK.search(v)}
    if marked:  # "80²": the note under the table says what the figure counts
        d.text.update({k: _MARK.sub("", v) for k, v in marked.items()})
        issues.append(
            Issue(
                "info",
                "footnote_mark_dropped",
                f"target {d.no}: footnote mark dropped from "
                + ", ".join(repr(v.strip()) for v in marked.values()),
                d.loc,
            )
        )
    yearly = _values_by_year(d.text)
    value = " ".join(d.text.get("value", "").split()) or (yearly[-1][1] if yearly else None)
    return Target(
        no=int(d.no) if d.no.isdigit() else d.no,
        code=d.code,
        group_path=d.group_path,
        area_no=d.area_no,
        area=d.area,
        text=text,
        cells=tuple(sorted(d.text.items())),
        lead=agencies[0],
        support=agencies[1],
        note=note,
        unit=" ".join(d.text.get("unit", "").split()) or None,
        value=value,
        values_by_year=yearly,
        loc=d.loc,
        measures=parse_measures(text),
    )


def _values_by_year(cells: dict[str, str]) -> tuple[tuple[int, str], ...]:
    """The filled year columns' values, in year order.

    >>> _values_by_year({"text": "Tỷ lệ", "year 2030": "100", "year 2026": " 80 ", "year 2027": ""})
    ((2026, '80'), (2030, '100'))
    """
    years = ((year_of(k), " ".join(v.split())) for k, v in cells.items())
    return tuple(sorted((y, v) for y, v in years if y is not None and v))
