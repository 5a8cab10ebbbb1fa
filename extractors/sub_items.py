"""Sub-items of a task table: rows numbered "a)", "b)" or "-" under a numbered item, each
with its own lead or timeframe ("1 | Kiểm soát thủ tục hành chính, gồm:" over "a) | Công bố
danh mục ... | Sở Tư pháp | ..."; "2 | Số hóa hồ sơ ... | Văn phòng UBND tỉnh" over
"- | Số hóa kết quả ... | UBND các xã"). Such a row is a task of its own, numbered under
its item: "1.a", "2.1" (dashes counted in order). A sub-item row with neither a lead nor a
timeframe stays what it was: a line of the task above.

Sub-items nest: a mark not seen yet under the item opens a level under the sub-task above
("1." over "-" rows over "+" rows: the "+" rows are "1.1.1", "1.1.2" under the first
dash), a mark seen before closes the levels under it again (``SubLevels``).

The item over lettered sub-items has no agencies and reads as a group row; the next item
of the same numbering ("2" after "1") closes that group again - unless the group already
holds items numbered 1, 2 ... of its own (then it is a section whose items restart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# "a)", "b.", "đ)" (the Vietnamese alphabet's letters in lower case) or a dash / bullet
# alone in the number cell.
_SUB_ITEM = re.compile(
    r"""^\s*(?:
        (?P<letter>[a-zđ])\s*[).]     # a lettered sub-item
      | (?P<dash>[-–+•])              # a dash or bullet
    )\s*$""",
    re.VERBOSE,
)
_OWN_FIELDS = ("lead", "timeframe")  # what makes a sub-item row a task of its own


def sub_item_label(texts: Mapping[str, str], earlier: int) -> str | None:
    """The sub-item's own label ("a", or the dash's ordinal) when the row is a sub-task.

    ``earlier``: the sub-items already read under the same item (a dash's ordinal).

    >>> sub_item_label({"no": "b)", "task": "Rà soát", "lead": "Sở Tư pháp"}, 1)
    'b'
    >>> sub_item_label({"no": "-", "task": "Số hóa", "timeframe": "Quý II/2025"}, 0)
    '1'
    >>> sub_item_label({"no": "-", "task": "Số hóa kết quả"}, 0) is None  # a list line
    True
    """
    if not texts.get("task", "").strip():
        return None
    if not any(texts.get(k, "").strip() for k in _OWN_FIELDS):
        return None
    return mark_label(texts.get("no", ""), earlier)


def mark_label(text: str, earlier: int) -> str | None:
    """The label a sub-item's mark gives it: its letter, or a dash's ordinal (``earlier``:
    the sub-items already read under the same item); None for no sub-item mark.

    >>> mark_label("b)", 1), mark_label(" - ", 1), mark_label("2", 0)
    ('b', '2', None)
    """
    m = _SUB_ITEM.match(text)
    if m is None:
        return None
    return m["letter"] or str(earlier + 1)


def sub_item_mark(text: str) -> str:
    """The kind of a sub-item's mark: ``a)`` for any letter, ``+``, or ``-`` for the other
    dashes and bullets.

    >>> sub_item_mark("b)"), sub_item_mark("+"), sub_item_mark("•")
    ('a)', '+', '-')
    """
    m = _SUB_ITEM.match(text)
    if m is None or m["letter"]:
        return "a)"
    return "+" if m["dash"] == "+" else "-"


@dataclass
class SubLevels:
    """The sub-item levels open under one item: their marks in the order they first came,
    the sub-tasks read at each level and the (code, number) of the last one."""

    marks: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    last: list[tuple[str, str]] = field(default_factory=list)

    def enter(self, mark: str) -> int:
        """Count a sub-task with ``mark``; its depth (0: right under the item).

        >>> levels = SubLevels()
        >>> [levels.enter(m) for m in ["-", "+", "+", "-", "+"]]
        [0, 1, 1, 0, 1]
        >>> levels.counts
        [2, 1]
        """
        if mark in self.marks:
            depth = self.marks.index(mark)
            del self.marks[depth + 1 :], self.counts[depth + 1 :], self.last[depth + 1 :]
        else:
            self.marks.append(mark)
            self.counts.append(0)
            depth = len(self.marks) - 1
        self.counts[depth] += 1
        return depth

    def above(self, depth: int) -> tuple[str, str] | None:
        """The (code, number) of the sub-task a sub-task at ``depth`` sits under, None for
        the item itself."""
        return self.last[depth - 1] if depth > 0 else None

    def read(self, depth: int, code: str, no: str) -> None:
        """Note the sub-task just made at ``depth``."""
        del self.last[depth:]
        self.last.append((code, no))


def is_bullet(text: str) -> bool:
    """A dash or bullet alone in the number cell: a list line of the task above when the
    row has no agency or timeframe of its own (not a cell that could not be placed).

    >>> is_bullet(" - "), is_bullet("a)"), is_bullet("2")
    (True, False, False)
    """
    m = _SUB_ITEM.match(text)
    return m is not None and m["dash"] is not None


def closes_item_group(innermost: str | None, no: str, numbers_in_group: Iterable[str]) -> bool:
    """Whether item ``no`` follows the item ``innermost`` a group row stood for (so that
    group ends), rather than being an item inside it.

    >>> closes_item_group("1", "2", []), closes_item_group("1", "2", ["1"])
    (True, False)
    >>> closes_item_group("I", "2", []), closes_item_group("1", "3", [])
    (False, False)
    """
    if innermost is None or not innermost.isdigit() or not no.isdigit():
        return False
    if any(n.isdigit() for n in numbers_in_group):
        return False
    return int(no) == int(innermost) + 1
