"""The header vocabulary of metric files: which column plays which role (the names, close
misses and known extra columns are ``extractors.metric_headers``), and where the header
row is."""

from __future__ import annotations

from extractors.metric_headers import column_role, combine_header_rows, read_header, role_of

NUMERIC_ROLES = ("numerator", "denominator", "value")


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
        return combine_header_rows(top, sub), 2
    return top, 1


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
