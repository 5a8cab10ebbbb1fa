"""A workbook whose sheet's name is its period: a sheet per quarter ("Quý I" ... "Quý IV")
or per month ("Tháng 12"), the year in the file name or the title, no period column.

Read without its sheet's name, the open "Quý IV" sheet of ``bao_cao_2023.xlsx`` loaded as
the whole year 2023 - an annual figure the agency never sent. So the sheet's name is a
period source before the title and the file name: a part of a year ("Quý IV") takes the
year they name, a period with its year ("Quý IV-2023") stands alone. Where the two say
different things - the sheet a quarter, the title another part of a year, or a period
column of whole years under a sheet named for a quarter - only the agency can say which
the figures are of, and the file is refused naming both.

>>> from extractors.parse_period import parse_period
>>> period_label(file_period("Quý IV", ["BÁO CÁO NĂM 2023"], "bao_cao.xlsx"))
'Quý 4/2023'
>>> period_label(file_period("Sheet1", [], "bao_cao_2023.xlsx"))
'Năm 2023'
>>> column_refusal("Quý I", [parse_period("2024")], "Năm")[:40]
"sheet 'Quý I' names Quý 1/2024, but colu"
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.parse_period import find_period
from extractors.period import Period, period_label


def sheet_named(sheet: str, year: int | None) -> Period | None:
    """The period a sheet's name names: one with its year as written, else a part of a year
    ("Quý IV", "Tháng 12", "6 tháng") in ``year``; None for any other name ("Sheet1")."""
    if not sheet.strip():
        return None
    own = find_period(sheet)
    if own is not None or year is None:
        return own
    part = find_period(f"{sheet} {year}")
    return part if part is not None and part.kind != "year" and part.year == year else None


def file_period(sheet: str, sources: Sequence[str], path: str) -> Period | None:
    """The period of a file without a period column: its sheet's name (``sheet``, "" for a
    CSV or Parquet file) with the year ``sources`` (the value column's header, the title
    rows) or the file name give, else what they name; refused when the sheet and the
    others name different parts of a year."""
    other = next(filter(None, map(find_period, [*sources, Path(path).stem])), None)
    own = sheet_named(sheet, other.year if other else None)
    if own is None or other is None or own == other:
        return own or other
    if other.kind == "year" and other.start <= own.start and own.end <= other.end:
        return own  # a part of the year the title or the file name names
    raise ExtractionError(
        path,
        f"sheet '{sheet}' names {period_label(own)}, but the title or the file name names "
        f"{period_label(other)}: which the figures are of, only the agency can say; write "
        "the period in a Kỳ báo cáo column, or correct the sheet's name",
    )


def column_refusal(sheet: str, parsed: Sequence[Period | None], column: str) -> str | None:
    """Why a sheet cannot be read (None: it can): its name names a part of a year while
    every period of its period column (``parsed``: its distinct values) is a whole year."""
    years = [p for p in parsed if p is not None]
    if not years or any(p.kind != "year" for p in years):
        return None
    own = sheet_named(sheet, years[0].year)
    if own is None or own.kind == "year":
        return None
    written = ", ".join(sorted({str(p.year) for p in years}))
    return (
        f"sheet '{sheet}' names {period_label(own)}, but column '{column}' gives whole "
        f"years ({written}): its figures would load as the year's; write the period in the "
        f"column ('{period_label(own)}'), or correct the sheet's name"
    )
