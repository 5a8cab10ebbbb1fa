"""Rows that give an agency's table its structure, not figures: a section heading
(``I. Khối sở, ngành``, ``A``, ``Các huyện, thị xã`` alone on its row), the header row
again (sheets pasted one under another), and the signature block under the table
(``Ghi chú:`` and its notes, ``Người lập biểu``, ``KT. GIÁM ĐỐC``, ``(Ký, ghi rõ họ tên)``,
the signers' names, ``Nơi nhận:``, the date line ``..., ngày ... tháng ... năm ...``).

A row naming its agency whose figure cells hold only "-", "x" or "—" (no data) is skipped
too, with a note: the agency said it has no figure, and nothing is wrong. In a wide file
(a column per indicator) so is each cell so marked, whatever the row's other cells hold.

A row whose every column the reader reads is blank (its text is in the STT or another
column not read: "(*) Số liệu ...", a footnote under the table) is one too.

Such a row is skipped with a note naming it - one note per kind, naming its rows - only
when it holds no figure: a row with a number in a value or count column is judged as any
row is (a section row with a figure is a row of data the agency must fix)."""

from __future__ import annotations

import re
from collections.abc import Callable

import polars as pl

from extractors.metric_headers import role_of
from extractors.metrics.cells import TYPED, shown
from extractors.metrics.layout import Layout
from extractors.metrics.row_notes import SHOWN_ROWS, quoted, rows_listed
from extractors.metrics.vocabulary import NUMERIC_ROLES, numbering_row
from extractors.normalize import fold
from extractors.parse_numbers import NULL_TOKENS

TEXT_ROLES = ("province", "agency_raw", "indicator_raw", "period_raw", "unit")
NO_DATA = NULL_TOKENS - {""}  # "-", "x", "—", "n/a" ...: no figure, said on purpose

# The signature block's lines, folded (no diacritics, no punctuation: "KT. GIÁM ĐỐC" is
# "kt giam doc"): a signer's title, the recipients, the date line, "(Ký, ghi rõ họ tên)"
_FOOTER = re.compile(
    r"""(?: (?: kt | tm | tl | ttl | q ) \s )? (?: pho \s )?  # signing for: KT., TM., Phó
        (?: giam \s doc | chu \s tich | thu \s truong | truong \s (?: phong | ban )
          | chanh \s van \s phong | ke \s toan (?: \s truong )?
          | nguoi \s (?: lap (?: \s bieu | \s bang | \s bao \s cao )? | bao \s cao | ky
                       | tong \s hop | kiem \s tra ) ) \b .*     # the signer's title
      | noi \s nhan \b .*                                         # "Nơi nhận:"
      | (?: ghi \s chu | chu \s thich ) (?: \s .* )?              # "Ghi chú:" under the table
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
    figure), and a note per kind naming the rows skipped; a wide file's cells marked "no
    data" too (``no_data_cells``)."""
    if not (layout.measures or layout.groups):
        return _structure_rows(body, layout)
    order = [*(layout.header[i] for i in layout.measures), *(n for n, _ in layout.groups)]
    body, marked = no_data_cells(body, order)
    body, notes = _structure_rows(body, layout)
    return body, [*marked, *notes]


def no_data_cells(body: pl.DataFrame, order: list[str]) -> tuple[pl.DataFrame, list[str]]:
    """A wide file's body (a row per agency x indicator column) without the cells its
    agency marked "no data" ("-", "x", "—": every figure cell of the indicator a mark or
    blank), whatever the row's other indicators hold, and a note naming them and their
    columns (``order``: the indicators' columns in the file's order)."""
    numeric = [c for c in NUMERIC_ROLES if c in body.columns]
    marks = {c: _flags(body[c], _is_no_data) for c in numeric}
    if body.height == 0 or not any(m.any() for m in marks.values()) or "agency_raw" not in body:
        return body, []
    marked = _flags(body["agency_raw"], _is_text) & _any(marks, marks.__getitem__)
    for c in numeric:  # every figure cell a mark or blank (a count beside a dash is judged)
        marked = marked & (marks[c] | ~_flags(body[c], _is_text))
    if not marked.any():
        return body, []
    cells = body.filter(marked)
    rows = rows_of(cells, numeric)
    named = set(cells["indicator_raw"].cast(pl.String).unique())
    columns = quoted((n for n in order if n in named), 5)
    where = f"column{'s' if ', ' in columns else ''} {columns}"
    note = (
        f"{rows_listed([r for r, _ in rows])}: no data ({quoted(t for _, t in rows)}) in "
        f"{where}, the agency's mark for a figure it does not have: skipped, not read as data"
    )
    return body.filter(~marked), [note]


def _structure_rows(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, list[str]]:
    """``structure_rows`` of a body whose wide cells marked "no data" are out."""
    if body.height == 0 or every_row_has_a_figure(body):
        return body, []  # (a clean file costs this look only)
    numeric = [c for c in NUMERIC_ROLES if c in body.columns]
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
    cols = [*texts, *numeric]
    rows = candidates.height
    if rows == 0:
        return body, []
    # the header's names, each row's of a two-row header too ("Số hồ sơ / Tử số")
    headers = {fold(part) for h in layout.header for part in h.split(" / ") if part.strip()}
    filled = {c: _flags(candidates[c], _is_text, c in numeric) for c in cols}
    footer = _any(filled, lambda c: _flags(candidates[c], _is_footer, c in numeric))
    marked = _any(filled, lambda c: _flags(candidates[c], _is_numbered, c in numeric))
    count = pl.sum_horizontal(filled.values()) if cols else pl.Series([0] * rows, dtype=pl.Int64)
    none = pl.Series([False] * rows, dtype=pl.Boolean)
    named = filled.get("indicator_raw", none) | filled.get("period_raw", none)
    section = (count == 1) | (~named & marked)
    # a cell merged across the row: one text throughout (a workbook's, or an export's that
    # writes a merged cell's text into every cell it spans)
    section = section | _one_text(candidates, cols)
    # "-", "x", "—" in every figure cell written: the agency says it has no data; nothing
    # to load and nothing wrong (a count beside a dash is half a pair: judged, rejected)
    marks = {c: _flags(candidates[c], _is_no_data) for c in numeric}
    no_data = filled.get("agency_raw", none) & _any(marks, marks.__getitem__)
    for c in numeric:  # every figure cell a mark or blank
        no_data = no_data & (marks[c] | ~filled[c])
    section = section & ~no_data
    header = _flags(candidates["agency_raw"], lambda v: role_of(v)[0] == "agency")
    if header.any():  # the header again: every cell a column's name (few rows to look at)
        header = header.scatter(
            header.arg_true(), _headers_again(candidates.filter(header), cols, headers)
        )
    if footer.any():  # every row with no figure under the first signature line
        first = candidates["source_row"].filter(footer).min()
        footer = candidates["source_row"] >= first
    kinds = {
        "section": candidates.filter(section & ~header & ~footer),
        "header": candidates.filter(header),
        "footer": candidates.filter(footer & ~header),
        # text only in columns the reader does not read ("(*) Số liệu ..." in STT)
        "outside": candidates.filter((count == 0) & ~footer),
    }
    found = {k: rows_of(frame, cols) for k, frame in kinds.items()}
    found["no_data"] = rows_of(candidates.filter(no_data & ~header & ~footer), numeric)
    again = [r for r, _ in found["header"]]
    found["header"] += _numbered_under(body, layout, again)
    found["header"] += _second_row_under(candidates, layout, again, cols, headers)
    skipped = [r for rows in found.values() for r, _ in rows]
    if not skipped:
        return body, []
    notes = [_note(kind, sorted(rows)) for kind, rows in found.items() if rows]
    return body.filter(~pl.col("source_row").is_in(skipped)), notes


def rows_of(frame: pl.DataFrame, cols: list[str]) -> list[tuple[int, str]]:
    """Each row's number (once: a wide file's row comes once per column), and for the first
    few, the first text written on it (the notes quote them)."""
    numbers = frame["source_row"].unique(maintain_order=True).to_list()
    first = frame.unique("source_row", keep="first", maintain_order=True).head(SHOWN_ROWS)
    said = [
        next((str(v).strip() for c, v in row.items() if c in cols and _filled(v)), "")
        for row in first.select("source_row", *(pl.col(c).cast(pl.String) for c in cols)).iter_rows(
            named=True
        )
    ]
    return [(r, said[i] if i < len(said) else "") for i, r in enumerate(numbers)]


def _headers_again(rows: pl.DataFrame, cols: list[str], headers: set[str]) -> list[bool]:
    """Per row (whose agency cell names the agency column), whether every cell of it names
    a column: the header row again."""
    texts = rows.select(pl.col(c).cast(pl.String) for c in cols)
    return [
        all(role_of(v)[0] or fold(v) in headers for v in row if _filled(v))
        for row in texts.iter_rows()
    ]


def _is_text(value: str) -> bool:
    return bool(value.strip())


def _is_no_data(value: str) -> bool:
    return value.strip().lower() in NO_DATA


def _is_footer(value: str) -> bool:
    return bool(_FOOTER.fullmatch(fold(value)))


def _is_numbered(value: str) -> bool:
    return bool(_SECTION.fullmatch(fold(value)))


def _any(filled: dict[str, pl.Series], flag: Callable[[str], pl.Series]) -> pl.Series:
    """Per row, whether any filled cell has the flag."""
    rows = len(next(iter(filled.values()))) if filled else 0
    out = pl.Series([False] * rows, dtype=pl.Boolean)
    for c, cells in filled.items():
        out = out | (cells & flag(c))
    return out


def _one_text(rows: pl.DataFrame, cols: list[str]) -> pl.Series:
    """Per row, whether its filled cells (more than one) all hold one text."""
    texts = rows.select(pl.concat_list(pl.col(c).cast(pl.String).str.strip_chars() for c in cols))
    cells = texts.to_series().list.eval(pl.element().filter(pl.element() != "")).list
    return (cells.len() > 1) & (cells.n_unique() == 1)


def _flags(column: pl.Series, test: Callable[[str], bool], text_only: bool = False) -> pl.Series:
    """Per row, ``test`` of its cell (blank: False), run once per distinct value; with
    ``text_only``, only on the values that hold no figure (a count column's numbers are
    many, and none is a heading or a signature)."""
    values: pl.Series = column.dtype.categories.to_series()  # type: ignore[attr-defined]
    looked = ~_figures(column) if text_only else pl.Series([True] * values.len(), dtype=pl.Boolean)
    table = [bool(look) and test(v) for v, look in zip(values, looked, strict=True)]
    return pl.Series(table, dtype=pl.Boolean).gather(column.to_physical()).fill_null(False)


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


def _second_row_under(
    candidates: pl.DataFrame,
    layout: Layout,
    headers: list[int],
    cols: list[str],
    names: set[str],
) -> list[tuple[int, str]]:
    """The rows right under a header row repeated that are its second row (a two-row
    header's sub-columns, ``Tử số``, ``Mẫu số``): every cell filled names a column."""
    if not headers or layout.measures or layout.groups:
        return []
    under = candidates.filter(pl.col("source_row").is_in([r + 1 for r in headers]))
    second = _headers_again(under, cols, names)
    return rows_of(under.filter(pl.Series(second, dtype=pl.Boolean)), cols)


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


def every_row_has_a_figure(body: pl.DataFrame) -> bool:
    """Whether no row of the body is figureless: a value or count column holds a figure in
    every row (looked at per distinct value: a clean file's one cheap look). False says
    only that ``figureless`` must look row by row.

    >>> cells = pl.Series(["90", "85,5"], dtype=pl.Categorical)
    >>> every_row_has_a_figure(pl.DataFrame({"value": cells}))
    True
    >>> noted = pl.Series(["90", "Ghi chú"], dtype=pl.Categorical)
    >>> every_row_has_a_figure(pl.DataFrame({"value": noted}))
    False
    """
    return any(_all_figures(body[c]) for c in NUMERIC_ROLES if c in body.columns)


def figureless(body: pl.DataFrame) -> pl.Series:
    """Per row of the body, whether none of its value and count cells holds a figure."""
    numeric = [c for c in NUMERIC_ROLES if c in body.columns]
    if not numeric:
        return pl.Series([True] * body.height, dtype=pl.Boolean)
    return body.select(pl.all_horizontal(_no_figure(body[c]) for c in numeric)).to_series()


def _all_figures(column: pl.Series) -> bool:
    """Whether every row's cell of a column holds a figure (no blank, no text)."""
    return column.null_count() == 0 and bool(_figures(column).all())


def _no_figure(column: pl.Series) -> pl.Series:
    """Per row, whether its cell of a column holds no figure (blank, or text)."""
    return (~_figures(column)).gather(column.to_physical()).fill_null(True)


def _filled(cell: str | None) -> bool:
    return cell is not None and bool(cell.strip())


def _note(kind: str, rows: list[tuple[int, str]]) -> str:
    """One note for a kind's rows, naming them (``rows_listed``)."""
    many = len(rows) > 1
    where = rows_listed([r for r, _ in rows])
    said = quoted(t for _, t in rows)
    what = {
        "section": f"section heading{'s' if many else ''} with no figure ({said})",
        "header": "the header row again (as when sheets are pasted one under another)",
        "footer": f"the signature block under the table ({said})",
        "outside": "no figure, no name, no period: text only in columns not read",
        "no_data": f"no data ({said}), the agency's mark for a figure it does not have",
    }[kind]
    return f"{where}: {what}: skipped, not read as data"
