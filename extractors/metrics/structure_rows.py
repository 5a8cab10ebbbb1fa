"""Rows that give an agency's table its structure, not figures: a section heading
(``I. Khối sở, ngành``, ``A``, ``Các huyện, thị xã`` alone on its row), the header row
again (sheets pasted one under another), and the signature block under the table
(``Người lập biểu``, ``KT. GIÁM ĐỐC``, ``(Ký, ghi rõ họ tên)``, the signers' names, ``Nơi
nhận:``, the date line ``..., ngày ... tháng ... năm ...``).

Such a row is skipped with a note naming it - one note per kind, naming its rows - only
when it holds no figure: a row with a number in a value or count column is judged as any
row is (a section row with a figure is a row of data the agency must fix)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from extractors.metric_headers import role_of
from extractors.metrics.cells import TYPED, shown
from extractors.metrics.layout import Layout
from extractors.metrics.vocabulary import NUMERIC_ROLES, numbering_row
from extractors.normalize import fold

TEXT_ROLES = ("province", "agency_raw", "indicator_raw", "period_raw", "unit")
SHOWN_ROWS = 20  # rows a note names (then "and N more")

# The signature block's lines, folded (no diacritics, no punctuation: "KT. GIÁM ĐỐC" is
# "kt giam doc"): a signer's title, the recipients, the date line, "(Ký, ghi rõ họ tên)"
_FOOTER = re.compile(
    r"""(?: (?: kt | tm | tl | ttl | q ) \s )? (?: pho \s )?  # signing for: KT., TM., Phó
        (?: giam \s doc | chu \s tich | thu \s truong | truong \s (?: phong | ban )
          | chanh \s van \s phong | ke \s toan (?: \s truong )?
          | nguoi \s (?: lap (?: \s bieu | \s bang | \s bao \s cao )? | bao \s cao | ky
                       | tong \s hop | kiem \s tra ) ) \b .*     # the signer's title
      | noi \s nhan \b .*                                         # "Nơi nhận:"
      | nhu \s tren | luu (?: \s .* )?                            # "- Như trên;", "- Lưu: VT"
      | (?: .* \s )? ngay (?: \s \d{1,2} )? \s thang (?: \s \d{1,2} )? \s nam (?: \s \d{4} )?
                                                                  # "..., ngày 15 tháng 01 năm 2024"
      | ky (?: \s ten )? (?: \s (?: ghi | dong | va | ho ) \b .* )?  # "(Ký, ghi rõ họ tên)"
    """,
    re.VERBOSE,
)
# A section heading's numbering, folded: a Roman numeral or a letter ("I. Khối sở", "A"),
# or a number ("1. Cấp tỉnh"), alone or before the section's name
_SECTION = re.compile(
    r"""(?: [ivxlc]{1,5} | [a-z] | \d{1,2} )   # the section's number or letter
        (?: \s .+ )?                           # its name
    """,
    re.VERBOSE,
)
# a cell holding a figure: a digit (a date line's digits are no figure)
_DIGIT = re.compile(r"\d")


def has_figure(cell: str) -> bool:
    """Whether a value or count cell holds a figure (a number, or a typed cell).

    >>> has_figure("90,5"), has_figure("x"), has_figure("Long An, ngày 15 tháng 01 năm 2024")
    (True, False, False)
    """
    if cell.startswith(TYPED):
        return True
    return bool(_DIGIT.search(cell)) and not _FOOTER.fullmatch(fold(cell))


def structure_rows(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, list[str]]:
    """The body without its section, repeated header and signature rows (those with no
    figure), and a note per kind naming the rows skipped."""
    numeric = [c for c in NUMERIC_ROLES if c in body.columns]
    if body.height == 0 or any(_all_figures(body[c]) for c in numeric):
        return body, []  # every row has a figure (a clean file costs this look only)
    blank = pl.all_horizontal(_no_figure(body[c]) for c in numeric)
    wide = bool(layout.measures or layout.groups)  # a row per cell: its indicator, a header
    texts = [  # the cells of the file (a unit the reader supplies is none)
        c
        for c in TEXT_ROLES
        if _ROLE_OF.get(c, c) in layout.roles and not (wide and c == "indicator_raw")
    ]
    candidates = body.filter(blank)
    if wide:  # a file row with a figure in any of its cells is a row of data
        figures = body.filter(~blank)["source_row"].unique()
        candidates = candidates.filter(~pl.col("source_row").is_in(figures.implode()))
    candidates = candidates.select(
        "source_row", *(pl.col(c).cast(pl.String) for c in (*texts, *numeric))
    )
    kinds: dict[str, list[tuple[int, str]]] = {"section": [], "header": [], "footer": []}
    headers = {fold(h) for h in layout.header if h.strip()}
    in_footer = False
    seen: set[int] = set()
    for row in candidates.iter_rows(named=True):
        kind = _kind(row, layout, headers, in_footer)
        if kind and row["source_row"] not in seen:  # (a wide file's row: once per column)
            seen.add(row["source_row"])
            cells = [str(row[c]).strip() for c in (*texts, *numeric) if _filled(row[c])]
            kinds[kind].append((row["source_row"], cells[0]))
            in_footer = in_footer or kind == "footer"
    kinds["header"] += _numbered_under(body, layout, [r for r, _ in kinds["header"]])
    skipped = [r for rows in kinds.values() for r, _ in rows]
    if not skipped:
        return body, []
    notes = [_note(kind, sorted(rows)) for kind, rows in kinds.items() if rows]
    return body.filter(~pl.col("source_row").is_in(skipped)), notes


# a body column -> the role whose column of the file it holds
_ROLE_OF = {"agency_raw": "agency", "indicator_raw": "indicator", "period_raw": "period"}


def _numbered_under(
    body: pl.DataFrame, layout: Layout, headers: list[int]
) -> list[tuple[int, str]]:
    """The rows right under a header row repeated that number its columns, as the first
    header's numbering row does (``vocabulary.numbering_row``)."""
    if not headers or layout.measures or layout.groups:
        return []
    under = body.filter(pl.col("source_row").is_in([r + 1 for r in headers]))
    order = sorted(
        (layout.roles[_ROLE_OF.get(c, c)], c)
        for c in under.columns
        if _ROLE_OF.get(c, c) in layout.roles
    )
    found = []
    for row in under.select(pl.all().cast(pl.String)).iter_rows(named=True):
        cells = [shown(row[c]) or "" for _, c in order]
        if numbering_row(cells):
            found.append((int(row["source_row"]), ""))
    return found


def _figures(column: pl.Series) -> pl.Series:
    """Per distinct value of a column (its categories, by code), whether it holds a figure:
    a value with a digit and no letter is one (most are: tested at once); one with both
    (a date line, "90 (ước)") is looked at by ``has_figure``."""
    values: pl.Series = column.dtype.categories.to_series()  # type: ignore[attr-defined]
    digit = values.str.contains(r"\d") | values.str.starts_with(TYPED)  # a typed cell is one
    letter = values.str.contains(r"\p{L}")
    mixed = (digit & letter).arg_true()
    if mixed.len() == 0:
        return digit
    return digit.scatter(mixed, [has_figure(v) for v in values.gather(mixed)])


def _all_figures(column: pl.Series) -> bool:
    """Whether every row's cell of a column holds a figure (no blank, no text)."""
    return column.null_count() == 0 and bool(_figures(column).all())


def _no_figure(column: pl.Series) -> pl.Series:
    """Per row, whether its cell of a column holds no figure (blank, or text)."""
    return (~_figures(column)).gather(column.to_physical()).fill_null(True)


def _filled(cell: str | None) -> bool:
    return cell is not None and bool(cell.strip())


def _kind(row: dict[str, str | None], layout: Layout, headers: set[str], footer: bool) -> str:
    """A row's kind of structure ("": none, a row of data without its figure)."""
    cells = [str(v).strip() for c, v in row.items() if c != "source_row" and _filled(v)]
    if not cells:
        return ""
    agency = row.get("agency_raw") or ""
    if role_of(agency)[0] == "agency" and all(role_of(c)[0] or fold(c) in headers for c in cells):
        return "header"
    if footer or any(_FOOTER.fullmatch(fold(c)) for c in cells):
        return "footer"
    if len(set(cells)) == 1:  # one text, or a workbook's cell merged across the row
        return "section"
    named = _filled(row.get("indicator_raw"))  # (a wide file's rows have none)
    dated = _filled(row.get("period_raw"))
    numbered = any(_SECTION.fullmatch(fold(c)) for c in cells)
    if not named and not dated and numbered:
        return "section"
    return ""


def _note(kind: str, rows: list[tuple[int, str]]) -> str:
    """One note for a kind's rows, naming them (the first ``SHOWN_ROWS``)."""
    many = len(rows) > 1
    numbers = ", ".join(str(r) for r, _ in rows[:SHOWN_ROWS])
    more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    where = f"row{'s' if many else ''} {numbers}{more}"
    said = _quoted(t for _, t in rows)
    what = {
        "section": f"section heading{'s' if many else ''} with no figure ({said})",
        "header": "the header row again (as when sheets are pasted one under another)",
        "footer": f"the signature block under the table ({said})",
    }[kind]
    return f"{where}: {what}: skipped, not read as data"


def _quoted(texts: Iterable[str], shown: int = 3) -> str:
    """The first distinct texts, quoted."""
    distinct = list(dict.fromkeys(texts))
    more = ", ..." if len(distinct) > shown else ""
    return ", ".join(f"'{t}'" for t in distinct[:shown]) + more
