"""Group headings of an appendix table at any depth, and the codes of the items under them.

Real appendices nest their rows: parts A/B/C, then I, II, then 5.1, then the items 5.1.1.
A group row is told by what it holds, wherever the converter put it:

* one filled cell reading "A. Title", "II - Title", "5.1. Title" (a row merged across the
  table, or a title cell with an empty number cell);
* a label in the number column ("B", "IV", "I.1", "5.1") and a title, nothing else - a
  dotted number is a group only when the title is bold or the next numbered row is under
  it ("5.1" followed by "5.1.1"), since "5.1 | a task with no agency" is an item;
* a bold title alone in the content column (an unnumbered sub-group).

Each level has a numbering style (letters, roman numerals, "I.1", "5.1"); a new group of a
style already open closes that level and the deeper ones. An item's ``code`` is its number
as printed, qualified by the group labels it does not already carry ("B.IV.5.1.3": "5.1"
is carried by "5.1.3"), so numbering that restarts in each group stays unique; an item
extending the number of an item before it in its group ("1.1" after "1") is coded under
that item ("I.1.1", whatever the group's label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import patterns as p
from extractors.document import Row
from extractors.roman import roman_to_int

# A group label alone: "A", "B.", "IV", "I.1", "5.1", "5.1.2".
LABEL = re.compile(
    rf"""^\s*(?P<label>
          (?:{p.ROMAN})(?:\.\d{{1,2}})*     # I, IV, I.1 (roman, maybe with sub-numbers)
        | [A-HJ-UWYZĐ](?![A-Za-z])          # A, B, C (I, V and X read as roman numerals)
        | \d{{1,2}}(?:\.\d{{1,3}}){{1,3}}   # 5.1, 5.1.2 (a dotted number)
        )\s*[.:)]?\s*$""",
    re.VERBOSE,
)
# A label and its title in one cell: "A. PHÁT TRIỂN ...", "II - Cải cách TTHC", "5.1. Thương mại".
LABELLED_TITLE = re.compile(
    rf"""^\s*(?P<label>
          (?:{p.ROMAN})(?:\.\d{{1,2}})*
        | [A-HJ-UWYZĐ](?![A-Za-z])
        | \d{{1,2}}(?:\.\d{{1,3}}){{1,3}}
        )\s*[.:)\-–]\s*(?P<title>\S.*)$""",
    re.VERBOSE | re.DOTALL,
)
# An item number as printed in the number column: "3", "12.", "(4)", "1.2", "5.1.3".
ITEM_NO = re.compile(r"^\s*\(?(?P<no>\d{1,3}(?:\.\d{1,3}){0,4})\)?\s*\.?\s*$")
MAX_TITLE = 250
# A narrow number column wraps "III.1.1" after a dot; the PDF line join leaves a space.
_WRAPPED_DOT = re.compile(r"(?<=[.])\s+(?=\d)")


def number_text(text: str) -> str:
    r"""A number cell with the spaces a wrap left after its dots removed.

    >>> number_text("III.1. 1"), number_text("5.1.\n2")
    ('III.1.1', '5.1.2')
    """
    return _WRAPPED_DOT.sub("", text) if len(text) < 20 else text


def _is_roman(part: str) -> bool:
    return bool(re.fullmatch(p.ROMAN, part))


def label_style(label: str) -> str:
    """The numbering style of a label: its level's identity.

    >>> [label_style(x) for x in ("B", "IV", "I.2", "5.1", "")]
    ['alpha', 'roman', 'roman.2', 'number.2', 'plain']
    """
    if not label:
        return "plain"
    parts = label.split(".")
    if _is_roman(parts[0]):
        return "roman" if len(parts) == 1 else f"roman.{len(parts)}"
    if parts[0].isdigit():
        return f"number.{len(parts)}"
    return "alpha"


def label_parts(label: str) -> tuple[int, ...] | None:
    """The numeric value of a label's parts (None for a letter or no label).

    >>> label_parts("IV"), label_parts("5.1"), label_parts("B")
    ((4,), (5, 1), None)
    """
    parts = label.split(".")
    if not label or not (parts[0].isdigit() or _is_roman(parts[0])):
        return None
    head = int(parts[0]) if parts[0].isdigit() else roman_to_int(parts[0])
    return (head, *(int(x) for x in parts[1:]))


def area_number(label: str, ordinal: int) -> int:
    """The area number of a first-level group: its value, a letter's place (A=1)."""
    parts = label_parts(label)
    if parts is not None:
        return parts[0]
    if len(label) == 1 and label.isalpha():
        return ord(label.upper()) - ord("A") + 1
    return ordinal


@dataclass(frozen=True)
class Group:
    label: str
    title: str

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title


@dataclass
class GroupStack:
    """The open groups, outermost first."""

    levels: list[Group] = field(default_factory=list)
    opened: int = 0  # first-level groups opened so far

    def open(self, label: str, title: str) -> None:
        style = label_style(label)
        if label and style == "roman" and label in ("I", "V", "X"):
            style = self._letter_or_roman(label)
        for i, g in enumerate(self.levels):
            if self._style(g) == style:
                del self.levels[i:]
                break
        self.levels.append(Group(label, " ".join(title.split())))
        if len(self.levels) == 1:
            self.opened += 1

    def _style(self, g: Group) -> str:
        s = label_style(g.label)
        return self._letter_or_roman(g.label) if g.label in ("I", "V", "X") else s

    def _letter_or_roman(self, label: str) -> str:
        """ "I" after "H" is a letter; otherwise a roman numeral."""
        before = chr(ord(label) - 1)
        return "alpha" if any(g.label == before for g in self.levels) else "roman"

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(g.heading for g in self.levels)

    def area(self) -> tuple[int, str] | None:
        """The first level: (number, title)."""
        if not self.levels:
            return None
        first = self.levels[0]
        return area_number(first.label, self.opened), first.title

    def code(self, no: str) -> str:
        return qualify([g.label for g in self.levels], no)


def item_code(stack: GroupStack, no: str, earlier: list[tuple[str, str]]) -> str:
    """The code of item ``no`` under ``stack``, given the (number, code) of the items before
    it in its group: under the last one whose number it extends ("1.1" after "1"), that
    item's code and the rest - "1" is then the item, not the group "I" - else ``qualify``.

    >>> stack = GroupStack([Group("I", "Chính quyền số")])
    >>> item_code(stack, "1.1", [("1", "I.1")]), item_code(stack, "1.1", [])
    ('I.1.1', '1.1')
    """
    for prior_no, prior_code in reversed(earlier):
        if no.startswith(f"{prior_no}."):
            return prior_code + no[len(prior_no) :]
    return stack.code(no)


def qualify(labels: list[str], no: str) -> str:
    """The item's number qualified by the group labels it does not carry.

    A label is left out when the next label or the item number starts with it ("I" before
    "I.1"; "5.1" before "5.1.3"; "I" before "1.2": the item's first part is the group's).

    >>> qualify(["B", "IV", "5.1"], "5.1.3"), qualify(["A", "I"], "1.1"), qualify(["II"], "3")
    ('B.IV.5.1.3', 'A.1.1', 'II.3')
    >>> qualify(["I", "I.1"], "2"), qualify([], "7")
    ('I.1.2', '7')
    """
    kept: list[str] = []
    labels = [x for x in labels if x]
    for i, label in enumerate(labels):
        nxt = labels[i + 1] if i + 1 < len(labels) else no
        if _carried(label, nxt):
            continue
        kept.append(label)
    return ".".join([*kept, no])


def _carried(label: str, inner: str) -> bool:
    outer_parts, inner_parts = label_parts(label), label_parts(inner)
    if outer_parts is None or inner_parts is None or len(inner_parts) <= len(outer_parts):
        return False
    return inner_parts[: len(outer_parts)] == outer_parts


def read_group(
    row: Row, no_col: int | None, text_col: int | None, next_no: str | None
) -> Group | None:
    """The group a row opens, or None (see the module rules)."""
    cells = [(i, c) for i, c in enumerate(row.cells) if not c.empty]
    if not cells:
        return None
    if len(cells) == 1:
        i, cell = cells[0]
        text = cell.text.strip()
        m = LABELLED_TITLE.match(text)
        if (
            m
            and len(text) < MAX_TITLE
            and (not _dotted(m["label"]) or cell.bold or _under(m["label"], next_no))
        ):
            return Group(m["label"], m["title"])
        if cell.bold and i == text_col and len(text) < MAX_TITLE and not ITEM_NO.match(text):
            return Group("", text)
        return None
    if len(cells) == 2 and no_col is not None and cells[0][0] == no_col:
        label_m = LABEL.match(number_text(cells[0][1].text))
        title_cell = cells[1][1]
        if label_m is None or len(title_cell.text) >= MAX_TITLE:
            return None
        label = label_m["label"]
        if not _dotted(label) or title_cell.bold or _under(label, next_no):
            return Group(label, title_cell.text)
    return None


def _dotted(label: str) -> bool:
    return label[:1].isdigit()


def _under(label: str, next_no: str | None) -> bool:
    return bool(next_no) and str(next_no).startswith(f"{label}.")


def next_numbers(rows: list[Row], no_col: int | None) -> list[str | None]:
    """For each row, the item number of the next row with one in the number column."""
    out: list[str | None] = [None] * len(rows)
    nxt: str | None = None
    for k in range(len(rows) - 1, -1, -1):
        out[k] = nxt
        cells = rows[k].cells
        if no_col is not None and no_col < len(cells):
            m = ITEM_NO.match(number_text(cells[no_col].text))
            if m:
                nxt = m["no"]
    return out
