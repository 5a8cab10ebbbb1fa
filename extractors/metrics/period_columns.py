"""A column per period: ``Chỉ tiêu | Quý I/2023 | Quý II/2023 | ...``, or ``Tháng 1 |
Tháng 2 | ...`` under a title naming the year ("BÁO CÁO SỐ LIỆU NĂM 2023"). Each such
column is a period and each of its cells a row of that period (its indicator the row's
Chỉ tiêu), so the file loads as if it had a Kỳ báo cáo column - and the usual rules hold:
a year is built from quarters or months only when they are complete, a reported year
wins over its parts.

A column per whole year (``Năm 2022 | Năm 2023``, ``Kết quả 2022``) is read the same way
when nothing else in the file holds a figure or a period (``metric_headers``: beside a
Giá trị or a Kỳ báo cáo column it stays refused). Columns naming a part of a year while
nothing names the year (``Quý I | Quý II``, no year in the title or the file name) are
refused saying so (``yearless_reason``).

>>> period_columns(["Cơ quan", "Chỉ tiêu", "Quý I/2023", "Quý II/2023"], [2, 3], [])
{2: 'Quý 1/2023', 3: 'Quý 2/2023'}
>>> period_columns(["Cơ quan", "Chỉ tiêu", "Tháng 1", "Tháng 2"], [2, 3], ["NĂM 2023"])
{2: 'Tháng 1/2023', 3: 'Tháng 2/2023'}
>>> period_columns(["Cơ quan", "Chỉ tiêu", "Tháng 1", "Ghi chú 2"], [2, 3], [])
{}
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from extractors.parse_numbers import BLANK_CELLS
from extractors.parse_period import find_period, parse_period
from extractors.period import Period, period_label

PARTS = ("half", "quarter", "nine_months", "month")  # the kinds a column may be
# beside parts, a whole year written as no Năm column is ("Cả năm 2024": ``year_groups``)
COLUMN_KINDS = (*PARTS, "year")
BLANK = sorted(BLANK_CELLS)  # a cell with no figure: no row


def period_columns(header: list[str], others: Sequence[int], title: list[str]) -> dict[int, str]:
    """Column -> the period it holds (as ``period_label`` writes it), for the columns no
    role took that name a part of a year: whole (``Quý I/2023``), or without their year
    (``Tháng 1``, ``Quý II``) under a title naming one year. Empty unless every such
    column names a part of a year."""
    named = next(filter(None, map(find_period, title)), None)
    year = named.year if named is not None else None
    found: dict[int, str] = {}
    for i in others:
        text = header[i].strip()
        period = parse_period(text) or (parse_period(f"{text}/{year}") if year else None)
        if period is not None and period.kind in COLUMN_KINDS and _in_year(period, year):
            found[i] = period_label(period)
    return found


def year_groups(top: list[str], sub: list[str]) -> list[str] | None:
    """Two header rows where each period is a cell merged across its parts (``Năm 2023``
    over ``Quý III | Quý IV``, ``Năm 2024`` over ``6 tháng | Cả năm``, ``Quý I`` over
    ``Tháng 1 | Tháng 2``; the merged cell's text in its first column, blanks after it), as
    one header per column: each part with its year (``Quý 3/2023``; a part of a group
    naming no year as written, its year the title's), so that every sub-column is a column
    per period. None unless every cell of the lower row stands under such a group and names
    a part of it. Read as one row, the first part of each group loaded as the whole group
    and the others were dropped.

    >>> year_groups(["Cơ quan", "Năm 2023", "", "Năm 2024"], ["", "Quý III", "Quý IV", "Quý I"])
    ['Cơ quan', 'Quý 3/2023', 'Quý 4/2023', 'Quý 1/2024']
    >>> year_groups(["Cơ quan", "Năm 2024", ""], ["", "6 tháng", "Cả năm"])
    ['Cơ quan', '6 tháng đầu năm 2024', 'Cả năm 2024']
    >>> year_groups(["Cơ quan", "Quý I", ""], ["", "Tháng 1", "Tháng 2"])
    ['Cơ quan', 'Tháng 1', 'Tháng 2']
    >>> year_groups(["Cơ quan", "Năm 2023", ""], ["", "%", "%"]) is None  # units, not parts
    True
    """
    out: list[str] = []
    group: tuple[Period, bool] | None = None  # the group's period, and whether it names a year
    for i in range(max(len(top), len(sub))):
        t = (top[i] if i < len(top) else "").strip()
        s = (sub[i] if i < len(sub) else "").strip()
        if t:
            group = _group(t)
        if not s:
            out.append(t)
            continue
        label = _part_label(s, group)
        if label is None:
            return None
        out.append(label)
    return out if any(c.strip() for c in sub) else None


def _group(text: str) -> tuple[Period, bool] | None:
    """The period a group cell names, and whether with its year ("Quý I" names none)."""
    named = parse_period(text)
    if named is not None:
        return named, True
    some = parse_period(f"{text}/2000")
    return (some, False) if some is not None else None


def _part_label(text: str, group: tuple[Period, bool] | None) -> str | None:
    """A sub-column's header as a period column's: the part of its group it names."""
    if group is None:
        return None
    period, dated = group
    part = parse_period(f"{text}/{period.year}")
    if part is None or not (period.start <= part.start and part.end <= period.end):
        return None
    if part.kind == "year":  # "Cả năm" (not "Năm 2024": that alone is the value's header)
        return f"Cả năm {period.year}" if dated else None
    if part.kind not in PARTS or part == period:
        return None
    return period_label(part) if dated else text


def yearless_reason(header: list[str], others: Sequence[int]) -> str | None:
    """Why a file whose figures stand in columns naming parts of a year without the year
    cannot be read (None: no column is such).

    >>> yearless_reason(["Cơ quan", "Chỉ tiêu", "Quý I", "Quý II"], [2, 3])[:62]
    "'Quý I' (column 3) and 'Quý II' (column 4) each name a part of"
    """
    parts = [i for i in others if _part_of_some_year(header[i].strip())]
    if not parts:
        return None
    named = " and ".join(f"'{header[i].strip()}' (column {i + 1})" for i in parts)
    example = f"{header[parts[0]].strip()}/2023"
    return (
        f"{named} each name a part of a year, but no year: neither the header, the title "
        f"nor the file name names one; write the year in the header ('{example}') or in "
        "a title row"
    )


def _part_of_some_year(text: str) -> bool:
    period = parse_period(f"{text}/2000") if text else None
    return period is not None and period.kind in PARTS


def _in_year(period: Period, year: int | None) -> bool:
    return year is None or period.year == year


def period_rows(raw: pl.LazyFrame, periods: dict[int, str], columns: list[pl.Expr]) -> pl.LazyFrame:
    """One row per data row and period column with a figure: ``columns`` (source_row and
    the text role columns; a period column among them is the column's own), its period and
    its value."""
    none = pl.lit(None, pl.String)
    keep = [c for c in columns if c.meta.output_name() != "period_raw"]
    # a note calling the row an estimate, in brackets (``estimate_notes``): with each period
    said = next(c for c in columns if c.meta.output_name() == "period_raw")
    parts = [
        raw.filter(
            pl.col(f"c{i}").is_not_null() & ~pl.col(f"c{i}").str.strip_chars().is_in(BLANK)
        ).select(
            *keep,
            pl.concat_str([pl.lit(label), said], separator=" ", ignore_nulls=True).alias(
                "period_raw"
            ),
            none.alias("numerator"),
            none.alias("denominator"),
            pl.col(f"c{i}").alias("value"),
        )
        for i, label in periods.items()
    ]
    return pl.concat(parts).sort("source_row", maintain_order=True)
