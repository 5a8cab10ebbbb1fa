"""The header vocabulary of metric files: which column plays which role (the names, close
misses and known extra columns are ``extractors.metric_headers``), and where the header
row is."""

from __future__ import annotations

import re
from itertools import pairwise

from extractors.metric_headers import column_role, combine_header_rows, read_header, role_of
from extractors.metrics.period_columns import year_groups
from extractors.metrics.unit_words import UNIT_WORDS
from extractors.normalize import fold

NUMERIC_ROLES = ("numerator", "denominator", "value")

# A cell of a numbering row, as statistical tables number their columns under the header:
# "(1)", "1", "A", "(B)", or a column computed from others ("(6)=(4)/(5)x100", "3=1/2").
_COLUMN_NUMBER = re.compile(
    r"""\(? (?P<mark> \d{1,2} | [A-Za-z] ) \)?                  # the column's number or letter
        (?: \s* [=+\-*/:x×] \s* \(? (?: \d{1,3} | [A-Za-z] ) \)? )*  # = a formula of others
        \s* %?
    """,
    re.VERBOSE,
)


# A column of planned figures beside the reported ones, folded: "Kế hoạch (%)", "KH 2024",
# "Chỉ tiêu giao", "Mục tiêu"; "Chỉ tiêu" with a unit ("Chỉ tiêu (%)") is a target's figure,
# not the indicator's name (which "Chỉ tiêu" alone is)
_PLANNED = re.compile(
    r"""(?: ke \s hoach | kh | muc \s tieu
          | chi \s tieu \s (?: ke \s hoach | kh | giao | de \s ra ) )   # "Chỉ tiêu giao"
        (?: \s .* )?
    """,
    re.VERBOSE,
)
_UNIT = re.compile(r"\([^)]*\)")  # "(%)", "(hồ sơ)"
# A count with no indicator of its own beside a wide file's indicators, folded: "Số hồ sơ",
# "Tổng số", "Tổng số hồ sơ", "Số lượng"
_BARE_COUNT = re.compile(
    r"(?: tong \s so | so \s luong | so \s ho \s so | tong \s so \s ho \s so )", re.VERBOSE
)


def planned_columns(header: list[str], wide: bool) -> dict[int, str]:
    """The columns of planned figures (any file) and, in a ``wide`` one, of counts naming no
    indicator: column -> the warning saying so. Their cells are not loaded: a plan is not a
    reported figure, and a count of what is unsaid is no indicator's.

    >>> planned_columns(["Cơ quan", "Tỷ lệ (%)", "Kế hoạch (%)", "Chỉ tiêu (%)"], True)[2][:45]
    "column 'Kế hoạch (%)' (column 3) is a planned"
    >>> sorted(planned_columns(["Cơ quan", "Số hồ sơ", "Chỉ tiêu"], False))
    []
    """
    found = {}
    for i, h in enumerate(header):
        bare = " ".join(fold(_UNIT.sub(" ", h.replace("_", " "))).split())
        if _PLANNED.fullmatch(bare) or (bare == "chi tieu" and "%" in h):
            found[i] = (
                f"column '{h}' (column {i + 1}) is a planned figure (kế hoạch, chỉ tiêu), "
                "not a reported one; its cells are not loaded"
            )
        elif wide and _BARE_COUNT.fullmatch(bare):
            found[i] = (
                f"column '{h}' (column {i + 1}) is a count that names no indicator; its cells "
                "are not loaded (a share's counts go in Tử số and Mẫu số)"
            )
    return found


def map_roles(header: list[str]) -> dict[str, int]:
    """role -> column of a header row (exact names and close misses)."""
    return read_header(header).roles


def header_index(rows: list[list[str]]) -> int | None:
    """The first of 15 rows that names an agency column."""
    for i, row in enumerate(rows[:15]):
        if any(role_of(cell)[0] == "agency" for cell in row):
            return i
    return None


def header_rows(rows: list[list[str]], index: int) -> tuple[list[str], int]:
    """The header at ``rows[index]``, with the row under it when that row is a second
    header row (a merged group cell above sub-columns that name roles): the header and how
    many rows it takes."""
    top = [c.strip() for c in rows[index]]
    if index + 1 >= len(rows):
        return top, 1
    sub = [c.strip() for c in rows[index + 1]]
    agency = next(i for i, c in enumerate(top) if role_of(c)[0] == "agency")
    blank_agency = agency >= len(sub) or not sub[agency]
    under_a_merge = any(c and (i >= len(top) or not top[i]) for i, c in enumerate(sub))
    if blank_agency and under_a_merge and any(role_of(c)[0] for c in sub):
        return [_year_last(h) for h in combine_header_rows(top, sub)], 2
    by_year = year_groups(top, sub) if blank_agency and under_a_merge else None
    if by_year is not None:  # a year merged over its quarters: a column per quarter
        return by_year, 2
    if blank_agency and wrapped_names(top, sub):
        under = [*sub, *[""] * len(top)][: len(top)]  # (a short row: its cells run out)
        return [f"{t} {s}" if s else t for t, s in zip(top, under, strict=True)], 2
    return top, 1


# a group cell naming a year alone, folded: "Năm 2023", "2023"
_YEAR_GROUP = re.compile(r"(?:nam\s)?(?:19|20)\d{2}")


def _year_last(header: str) -> str:
    """A value or planned sub-column under a year's group (``Năm 2023 / Thực hiện``,
    ``Năm 2023 / Kế hoạch``) named as one row names it, its year after it (``Thực hiện Năm
    2023``): a column per year of done figures, the plan's known as such. Read as a group,
    each year's value column was the value again, and the file was refused.

    >>> _year_last("Năm 2023 / Thực hiện"), _year_last("Năm 2023 / Tử số")
    ('Thực hiện Năm 2023', 'Năm 2023 / Tử số')
    """
    group, _, sub = header.rpartition(" / ")
    bare = " ".join(fold(_UNIT.sub(" ", sub)).split())
    named = role_of(sub)[0] == "value" or _PLANNED.fullmatch(bare)
    return f"{sub} {group}" if named and _YEAR_GROUP.fullmatch(fold(group)) else header


# what a row under the header may give its columns (folded): a units row, not names
_UNITS = {*UNIT_WORDS, "phan tram"}


def wrapped_names(top: list[str], sub: list[str]) -> bool:
    """Whether the row under the header carries on the names of the columns above it, as a
    name too long for its cell is typed on two rows (``Mức độ hài lòng về giải quyết TTHC``
    over ``lĩnh vực đất đai, xây dựng, đầu tư (%)``): text of two words or more under the
    columns that play no role (the indicators of a wide file), nothing under the others,
    no number, no unit alone. Read as a units row, the second half of the name was lost
    and the first half named another indicator.

    >>> wrapped_names(["Cơ quan", "Mức độ hài lòng về"], ["", "giải quyết TTHC (%)"])
    True
    >>> wrapped_names(["Cơ quan", "Tỷ lệ hồ sơ"], ["", "hồ sơ"])
    False
    >>> wrapped_names(["Cơ quan", "Số giao dịch trực tuyến"], ["", "giao dịch"])  # a unit too
    False
    >>> wrapped_names(["Cơ quan", "Kỳ báo cáo", "Hài lòng"], ["", "Năm 2024", "giải quyết TTHC"])
    False
    """
    filled = {i: c for i, c in enumerate(sub) if c and i < len(top)}
    if not filled or len(filled) < sum(1 for c in sub if c):
        return False
    for i, cell in filled.items():
        words = re.sub(r"\([^)]*\)", " ", fold(cell)).split()
        alpha = [w for w in words if w.isalpha()]
        if not top[i] or role_of(top[i])[0] or len(alpha) < 2 or role_of(cell)[0]:
            return False
        if " ".join(words) in _UNITS or re.fullmatch(r"[\d\s.,%()-]+", cell):
            return False
    return True


def numbering_row(row: list[str]) -> bool:
    """Whether a row (the one under the header) numbers the columns, as statistical tables
    do: every cell filled is a column's number or letter (at least two), the numbers and
    the letters each in order, one after another (``A, B, 1, 2``; ``(1), (2), (3)``).

    >>> numbering_row(["(1)", "(2)", "(3)", "(4)=(2)/(3)"]), numbering_row(["A", "B", "1", "2"])
    (True, True)
    >>> numbering_row(["Sở Y tế", "1", "2"]), numbering_row(["2", "1"]), numbering_row(["1"])
    (False, False, False)
    """
    cells = [c.strip() for c in row if c and c.strip()]
    marks = [m["mark"] for m in map(_COLUMN_NUMBER.fullmatch, cells) if m]
    if len(marks) < 2 or len(marks) < len(cells):
        return False
    numbers = [int(m) for m in marks if m.isdigit()]
    letters = [ord(m.upper()) for m in marks if not m.isdigit()]
    return all(b == a + 1 for run in (numbers, letters) for a, b in pairwise(run))


def wide_groups(header: list[str]) -> tuple[list[str], list[tuple[str, dict[str, int]]]]:
    """A wide file's merged groups whose sub-columns are counts or a value (``"Tỷ lệ hồ sơ
    trực tuyến / Tử số"``): each group is an indicator, its sub-columns its numerator,
    denominator and value. Returns the header with those sub-columns blanked (they play no
    role for the whole file) and the groups, in order. A long file (with an indicator
    column) has none.

    >>> wide_groups(["Cơ quan", "Hồ sơ / Tử số", "Hồ sơ / Mẫu số", "Hài lòng (%)"])
    (['Cơ quan', '', '', 'Hài lòng (%)'], [('Hồ sơ', {'numerator': 1, 'denominator': 2})])
    """
    if any(column_role(h)[0] == "indicator" for h in header):
        return header, []
    groups: dict[str, dict[str, int]] = {}
    rest = list(header)
    for i, h in enumerate(header):
        if " / " not in h:
            continue
        group, sub = h.rsplit(" / ", 1)
        role = role_of(sub)[0]
        if role in NUMERIC_ROLES and role not in groups.get(group, {}):
            groups.setdefault(group, {})[role] = i
            rest[i] = ""
    return rest, list(groups.items())
