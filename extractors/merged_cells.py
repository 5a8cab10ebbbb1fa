"""A task's cells as read from its rows (``TaskDraft``), and the merged cells resolved
between tasks before their cells are parsed.

* a budget note cut in two by a row boundary ("Văn phòng UBND" / "tính dự trù kinh phí
  riêng.": the first part does not end a sentence, the second opens in lower case) is one
  vertically merged cell: the joined note applies to both tasks;
* a blank budget, lead, support or timeframe cell under a filled one in the same area (or,
  in a table of plainly numbered tasks under no group row, anywhere below it) means
  "same as above" (a vertically merged cell): the value (a note, or a dash meaning no
  budget) is carried down. An amount is never carried down (it would be counted twice);
  the blank is reported instead. A blank support cell beside a lead cell naming its
  coordinating agencies ("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp") is no such blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extractors.document import Location
from extractors.lead_and_support import by_role
from extractors.parse_budget import parse_budget
from extractors.records import Issue

CARRIED = ("lead", "support", "timeframe")
_SENTENCE_END = re.compile(r"[.!?)…]\s*$")


@dataclass
class TaskDraft:
    code: str
    area_no: int
    loc: Location
    text: dict[str, str] = field(default_factory=dict)
    no: str = ""  # as printed
    group_path: tuple[str, ...] = ()


def resolve_merged(drafts: list[TaskDraft]) -> list[Issue]:
    """Rejoin budget notes split across rows; carry "same as above" blanks down."""
    issues: list[Issue] = []
    for prev, cur in pairwise(drafts):
        a, b = prev.text.get("budget", "").strip(), cur.text.get("budget", "").strip()
        if (
            parse_budget(a)[0] == "note"
            and parse_budget(b)[0] == "note"
            and not _SENTENCE_END.search(a)
            and b[:1].islower()
        ):
            joined = f"{a} {b}"
            prev.text["budget"] = cur.text["budget"] = joined
            issues.append(
                Issue(
                    "info",
                    "merged_cell_rejoined",
                    f"budget note of tasks {prev.code} and {cur.code} was one "
                    f"merged cell split by a row boundary: {joined!r}",
                    cur.loc,
                )
            )
    for prev, cur in pairwise(drafts):
        if _merge_scope(prev) != _merge_scope(cur):
            continue
        for name in (*CARRIED, "budget"):
            if cur.text.get(name, "").strip() or not prev.text.get(name, "").strip():
                continue
            if name == "support" and by_role(cur.text.get("lead", "")):
                continue  # the lead cell names the support
            if name == "budget" and parse_budget(prev.text[name])[0] == "amount":
                issues.append(
                    Issue(
                        "warning",
                        "budget_blank",
                        f"task {cur.code}: budget cell blank under an amount; "
                        f"the amount is counted once, on task {prev.code}",
                        cur.loc,
                    )
                )
                continue
            cur.text[name] = prev.text[name]
            issues.append(
                Issue(
                    "info",
                    "blank_cell_same_as_above",
                    f"task {cur.code}: blank {name} cell read as the merged cell "
                    f"of task {prev.code}",
                    cur.loc,
                )
            )
    return issues


def _merge_scope(draft: TaskDraft) -> tuple[int | None, tuple[str, ...]]:
    """The part of the table a merged cell cannot cross: the task's group, or its area
    number when it is numbered "2.3"; tasks numbered 1, 2, 3 under no group row are one
    part (a plain number is the task's own, not an area's)."""
    if draft.group_path or "." in draft.no:
        return draft.area_no, draft.group_path
    return None, ()
