"""Phụ lục 1 (targets) rows -> Target records.

Row kinds, decided by content:

* group row - its first non-empty cell is "I. Cải cách thể chế" (or the number cell holds a
  roman numeral and the text cell the title): opens area I..VI;
* target row - the number cell holds an integer: opens a target; when the integer is not
  in the number column the row is re-aligned on it;
* continuation row - anything else: its cells are appended, column by column, to the
  target above (a row a page break split in two).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors import patterns as p
from extractors.align_rows import continuation_joined, join_text, place
from extractors.document import Cell, Location, Row
from extractors.parse_measures import parse_measures
from extractors.records import Issue, Target
from extractors.roman import roman_to_int
from extractors.split_agencies import split_agencies
from extractors.stitch_tables import AppendixTable


@dataclass
class _Draft:
    no: int
    area_no: int | None
    area: str | None
    loc: Location
    text: dict[str, str] = field(default_factory=dict)


def group_heading(row: Row, columns: dict[str, int]) -> tuple[int, str] | None:
    """The (number, title) of a group row, or None."""
    texts = [c.text.strip() for c in row.cells]
    filled = [t for t in texts if t]
    if not filled:
        return None
    m = p.GROUP_HEADING.match(filled[0])
    if m and len(filled[0]) < 250:
        return roman_to_int(m["roman"]), " ".join(m["title"].split())
    no_col = columns.get("no", 0)
    only = p.ROMAN_ONLY.match(texts[no_col]) if len(texts) > no_col else None
    if only and len(filled) == 2:
        return roman_to_int(only["roman"]), " ".join(filled[1].split())
    return None


def parse_targets(table: AppendixTable) -> tuple[list[Target], list[Issue]]:
    issues: list[Issue] = []
    drafts: list[_Draft] = []
    area_no: int | None = None
    area: str | None = None
    cols = table.columns
    no_col = cols.get("no", 0)
    by_col = {i: name for name, i in cols.items()}
    for row in table.rows:
        group = group_heading(row, cols)
        if group:
            area_no, area = group
            continue
        first = next((i for i, c in enumerate(row.cells) if not c.empty), None)
        number = p.ROW_NUMBER.match(row.cells[first].text) if first is not None else None
        if number and first is not None:
            placed = place(row, table.width, first, no_col)
            draft = _Draft(no=int(number["n"]), area_no=area_no, area=area, loc=row.loc)
            drafts.append(draft)
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


def _unplaced(cells: Iterable[Cell], where: str) -> list[Issue]:
    return [Issue("error", "cell_not_placed", f"cell {c.text!r} {where}", c.loc) for c in cells]


def _build(d: _Draft, issues: list[Issue]) -> Target:
    text = " ".join(d.text.get("text", "").split())
    if not text:
        issues.append(Issue("warning", "target_text_missing", f"target {d.no} has no text", d.loc))
    if d.area_no is None:
        issues.append(
            Issue(
                "warning", "target_area_missing", f"target {d.no} comes before any group row", d.loc
            )
        )
    note = " ".join(d.text.get("note", "").split()) or None
    return Target(
        no=d.no,
        area_no=d.area_no,
        area=d.area,
        text=text,
        cells=tuple(sorted(d.text.items())),
        lead=split_agencies(d.text.get("lead", "")),
        support=split_agencies(d.text.get("support", "")),
        note=note,
        loc=d.loc,
        measures=parse_measures(text),
    )
