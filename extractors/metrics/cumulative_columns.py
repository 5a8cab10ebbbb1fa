"""Cumulative figures beside the period's own: a long file's column headed ``Lũy kế từ đầu
năm`` (or ``Lũy kế``, ``Lũy kế năm``) next to its Tử số / Mẫu số or Giá trị holds what the
agency counted from 1 January to the end of the row's period. Such a column is read as a
figure of its own, under the cumulative period that runs to the end of the row's period
(``Lũy kế đến hết Quý II/2024``: January to June), never left out with a warning.

What the bracket says is what the cells hold: ``(Tử số/Mẫu số)`` a pair of counts in one
cell (``85/200``), ``(Tử số)`` and ``(Mẫu số)`` the counts in two columns, nothing, ``(%)``
or ``(Tỷ lệ)`` a value.

>>> cumulative_columns(["Cơ quan", "Lũy kế từ đầu năm (Tử số/Mẫu số)", "Kỳ trước"], [1, 2])
{'pair': 1}
>>> cumulative_columns(["Lũy kế (Tử số)", "Lũy kế (Mẫu số)", "Lũy kế (%)"], [0, 1, 2])
{'numerator': 0, 'denominator': 1, 'value': 2}
>>> cumulative_columns(["Lũy kế (Tử số)", "Ghi chú"], [0, 1])
{}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from extractors.normalize import fold
from extractors.parse_numbers import BLANK_CELLS

# the cumulative period of a row: the end of its own period, as ``parse_period`` reads it
PREFIX = "Lũy kế đến hết"
_NAME = re.compile(r"luy\ske(?:\s(?:tu\s)?dau\snam(?:\sden\snay)?|\snam|\sca\snam)?")
# what the bracket names: the cells' role (folded)
_INNER = {
    "tu so mau so": "pair",
    "tu so": "numerator",
    "mau so": "denominator",
    "": "value",
    "%": "value",
    "ty le": "value",
    "ty le %": "value",
    "gia tri": "value",
}
_BRACKETED = re.compile(r"(?P<name>[^(\[]*)(?:[(\[](?P<inner>[^)\]]*)[)\]])?\s*")
BLANK = sorted(BLANK_CELLS)


def cumulative_columns(header: list[str], others: Sequence[int]) -> dict[str, int]:
    """Role (``pair``, ``numerator``, ``denominator``, ``value``) -> the column, for the
    columns no role took that hold cumulative figures; empty when a numerator has no
    denominator (or the reverse), or a role is written twice: such columns stay reported
    as not understood."""
    found: dict[str, int] = {}
    for i in others:
        m = _BRACKETED.fullmatch(header[i].strip())
        if m is None or not _NAME.fullmatch(fold(m["name"]).strip()):
            continue
        role = _INNER.get(" ".join(fold(m["inner"] or "").split()))
        if role is None or role in found:
            return {}
        found[role] = i
    if ("numerator" in found) != ("denominator" in found):
        return {}
    return found


def read_as(header: list[str], columns: dict[str, int]) -> list[str]:
    """What the file is told of each cumulative column (a note: how it was read)."""
    return [
        f"column '{header[i]}' (column {i + 1}) read as cumulative figures from 1 January "
        "to the end of each row's period"
        for i in sorted(columns.values())
    ]


def cumulative_rows(
    raw: pl.LazyFrame, columns: dict[str, int], text: list[pl.Expr]
) -> pl.LazyFrame:
    """One row per data row with a cumulative figure: ``text`` (source_row and the text
    role columns) with the period ``Lũy kế đến hết`` the row's, and its counts or value. A
    pair cell without its slash is its numerator alone (rejected: half a pair of counts)."""
    cells = [pl.col(f"c{i}") for i in columns.values()]
    own = [  # the row's columns as they are, its period running from 1 January
        pl.concat_str([pl.lit(PREFIX), c], separator=" ", ignore_nulls=True).alias("period_raw")
        if c.meta.output_name() == "period_raw"
        else c
        for c in text
    ]

    def cell(role: str) -> pl.Expr:
        return pl.col(f"c{columns[role]}") if role in columns else pl.lit(None, pl.String)

    num, den = cell("numerator"), cell("denominator")
    if "pair" in columns:
        split = pl.col(f"c{columns['pair']}").str.split_exact("/", 1)
        num = split.struct.field("field_0").str.strip_chars()
        den = split.struct.field("field_1").str.strip_chars()
    return raw.filter(
        pl.any_horizontal(c.is_not_null() & ~c.str.strip_chars().is_in(BLANK) for c in cells)
    ).select(*own, num.alias("numerator"), den.alias("denominator"), cell("value").alias("value"))


def cumulative_title(period_raw: pl.Expr, title: str) -> pl.Expr:
    """A cumulative row's period in a file with no period column: to the end of the
    title's (``title``) period."""
    return (
        pl.when(period_raw.str.starts_with(PREFIX))
        .then(pl.concat_str([pl.lit(f"{PREFIX} {title}"), period_raw.str.slice(len(PREFIX))]))
        .otherwise(pl.concat_str([pl.lit(title), period_raw], separator=" ", ignore_nulls=True))
    )
