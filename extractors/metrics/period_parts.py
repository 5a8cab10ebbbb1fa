"""A period written in two columns: the year in one (``Năm``: "2024", "Năm 2024"), the part of
it in another (``Quý``: "I", "2", "Quý III"; ``Tháng``: "1", "12", "T6"; ``6 tháng``: "I",
"đầu"...). Each row's period is the two together ("Quý I 2024"), read by the period grammar
as any period cell is; a row with no part is the year's own figure. A part column with no
year column beside it is the period column itself, its values with their year ("I/2024",
"Quý II/2024", "3/2024" under ``Quý``: quarters). A bare number or Roman numeral is read as
the part its header names, never guessed from the value; a part naming another year than
its row's year column is refused with both. Two part columns (a quarter and a month) stay
refused: which one is the period is not for this reader to guess.

>>> part_word("Quý"), part_word("Tháng báo cáo"), part_word("6 tháng"), part_word("Kỳ")
('Quý', 'Tháng', '6 tháng', None)
>>> df = pl.DataFrame({"y": ["2024", "Năm 2024", "2024", "2023"],
...                    "p": ["I", "Quý II", None, "I/2024"]})
>>> df.select(combined(pl.col("p"), pl.col("y"), "Quý")).to_series().to_list()
['Quý I 2024', 'Quý II 2024', '2024', 'Quý I/2024 | 2023']
"""

from __future__ import annotations

import re

import polars as pl

from extractors.normalize import fold

# A column naming part of a period ("Quý", "Tháng", "6 tháng", folded), with the word its
# bare values are read with ("Quý" I: "Quý I")
_PART = re.compile(
    r"""(?P<part> quy | thang | 6 \s thang | quarter | month | half)   # the part's name
        (?:\s (?:bao \s cao | so))?                                  # "Quý báo cáo", "Tháng số"
    """,
    re.VERBOSE,
)
_WORDS = {
    "quy": "Quý", "quarter": "Quý", "thang": "Tháng", "month": "Tháng",
    "6 thang": "6 tháng", "half": "6 tháng",
}  # fmt: skip
# a part written as a bare number or Roman numeral, with its year or without ("I", "12",
# "I/2024", "3/2024"): the header's word goes before it
_BARE = r"(?i)^(?:[ivx]+|\d{1,2})(?:\s*[/.\-]\s*(?:19|20)\d\d)?$"
_YEAR = r"((?:19|20)\d\d)"


def part_word(header: str) -> str | None:
    """The word a part-of-year header reads its bare values with (None: no such header)."""
    m = _PART.fullmatch(fold(header))
    return _WORDS[m["part"]] if m else None


def combined(part: pl.Expr, year: pl.Expr | None, word: str) -> pl.Expr:
    """The period a row's part (and its year column's cell, ``year``; None: no year
    column) names, as text for the period grammar."""
    p = part.cast(pl.String).str.strip_chars()
    if word == "6 tháng":  # a half's number: the first or the second half of the year
        first, second = r"(?i)^(?:1|i)\b", r"(?i)^(?:2|ii)\b"
        p = (
            pl.when(p.str.contains(first))
            .then(p.str.replace(first, "6 tháng đầu năm"))
            .when(p.str.contains(second))
            .then(p.str.replace(second, "6 tháng cuối năm"))
            .otherwise(p)
        )
    else:
        p = pl.when(p.str.contains(_BARE)).then(pl.format(f"{word} {{}}", p)).otherwise(p)
    if year is None:
        return p
    y = year.cast(pl.String).str.strip_chars()
    y = (
        pl.when(y.str.contains(r"(?i)^(?:năm|nam)\s*(?:19|20)\d\d$"))
        .then(y.str.extract(_YEAR))
        .otherwise(y)
    )
    own = p.str.extract(_YEAR)  # the year the part writes itself
    return (
        pl.when(p.is_null() | (p == ""))
        .then(y)  # no part: the year's own figure
        .when(own.is_null())
        .then(pl.format("{} {}", p, y))
        .when(own == y.str.extract(_YEAR))
        .then(p)
        .otherwise(pl.format("{} | {}", p, y))  # two years: refused, naming both
    )


def two_parts(header: list[str], parts: list[int]) -> str:
    """Why a file with two part-of-year columns is refused, naming them."""
    i, j = parts[:2]
    return (
        f"column '{header[j]}' (column {j + 1}) names part of the period beside "
        f"'{header[i]}' (column {i + 1}): write one period per row, in one column (Quý "
        "II/2023, Tháng 12/2023) or as a year and one part of it (Năm, Quý)"
    )


def period_column(
    roles: dict[str, int], part: int | None, word: str | None, year: int | None = None
) -> pl.Expr | None:
    """The text of a row's period: its period column's, or its year and part together - the
    year its year column's, else ``year`` (the title's or the file name's) - (None: no
    period column, the title or the file name gives it)."""
    if part is None or word is None:
        return pl.col(f"c{roles['period']}") if "period" in roles else None
    column = roles.get("period")
    given = pl.lit(str(year)) if year is not None else None
    return combined(
        pl.col(f"c{part}"), given if column in (part, None) else pl.col(f"c{column}"), word
    )
