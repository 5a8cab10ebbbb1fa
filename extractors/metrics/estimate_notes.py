"""A row its note, or its column of the kind of figure, calls an estimate is no reported
figure.

Agencies send a year's figures before the year is over and say so in the note column, not
in the period: ``Năm 2024`` with ``Ghi chú`` "ước thực hiện", "số ước tính", "dự kiến"; or in
a column saying which kind of figure each row is (``Loại số liệu``: "Ước thực hiện" beside
"Thực hiện"). Loaded, the estimate would count as the period's actual figure and the final
figures, sent later, would correct it only if someone remembered to. A period written as an
estimate is already refused (``parse_period``: "Ước TH 2024", "Năm 2024 (ước)"); so a row
whose note says estimate gets its note in its period ("Năm 2024 (ước thực hiện)") and is
refused the same way, its reason naming the note - the period its column gives, or the
title's or the file name's (``judge``), or its column's in a file of a column per period
(``period_columns``). A note saying anything else is ignored, as before. A kind of figure
that is neither an estimate nor the figure done ("Thực hiện", "TH", "Chính thức") goes in
the period too ("Năm 2024 (Kế hoạch)"), refused naming it: a plan is a target, and a kind
this reader does not know is not loaded as the figure done.

The whole report may be one (``file_estimate``): a title row "BÁO CÁO ƯỚC THỰC HIỆN ...
NĂM 2024" or "SỐ LIỆU SƠ BỘ", or a figure column headed "Giá trị (ước tính)", says it of
every row, which then carries it as a kind of figure: each row is refused naming the
period to send once final, and the file is told where the word stood.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from extractors.estimate_words import FOLDED, PRELIMINARY, WRITTEN
from extractors.metric_headers import folded_header, read_header
from extractors.metrics.cumulative_columns import cumulative_title
from extractors.normalize import fold

# the note columns that may call a row an estimate: "Ghi chú", "Ghi chú, giải trình"
_NOTE = "ghi chu"
# the columns of the kind of figure, folded: "Loại số liệu", "Tính chất số liệu"
KINDS = ("loai so lieu", "tinh chat so lieu")
# the estimate's words, any case, with or without diacritics (the period's own)
_ESTIMATE = WRITTEN
# the figure done, as a kind of figure: "Thực hiện", "TH", "Số chính thức", "Thực tế"
_DONE = (
    r"(?i)^\s*(?:số\s+liệu\s+|so\s+lieu\s+|số\s+|so\s+)?"
    r"(?:thực\s+hiện|thuc\s+hien|th|chính\s+thức|chinh\s+thuc|thực\s+tế|thuc\s+te)\s*$"
)


def note_columns(header: list[str]) -> list[int]:
    """The columns of a header that are a note column (``Ghi chú``)."""
    return [i for i in read_header(header).extras if folded_header(header[i]).startswith(_NOTE)]


def kind_columns(header: list[str]) -> list[int]:
    """The columns of a header that say the kind of figure (``Loại số liệu``)."""
    return [i for i in read_header(header).extras if folded_header(header[i]).startswith(KINDS)]


def estimate_period(
    period: pl.Expr | None, notes: Sequence[pl.Expr], kinds: Sequence[pl.Expr] = ()
) -> pl.Expr:
    """The period as written, with the first note calling the row an estimate, or the first
    kind of figure that is not the figure done, appended in brackets (the period parser
    refuses it). ``period`` None: the file has no period column (its title or name gives
    the period, ``judge``): the bracket alone, or null."""
    said = [pl.when(n.str.contains(_ESTIMATE)).then(n.str.strip_chars()) for n in notes]
    said += [
        pl.when((k.str.strip_chars().str.len_chars() > 0) & ~k.str.contains(_DONE)).then(
            k.str.strip_chars()
        )
        for k in kinds
    ]
    if not said:
        return period if period is not None else pl.lit(None, pl.String)
    first = pl.coalesce(said)
    bracket = pl.format("({})", first)
    if period is None:
        return bracket
    return pl.when(first.is_not_null()).then(pl.format("{} {}", period, bracket)).otherwise(period)


def titled(body: pl.DataFrame, period: str) -> pl.DataFrame:
    """The rows of a file with no period column given the title's or the file name's
    ``period``, a note calling a row an estimate kept after it ("Năm 2024 (ước)")."""
    said = pl.col("period_raw").cast(pl.String)
    # (a cumulative figure's row runs to the end of that period: ``cumulative_columns``)
    return body.with_columns(period_raw=cumulative_title(said, period))


def file_estimate(title: Sequence[str], figures: Sequence[str]) -> tuple[str, str] | None:
    """The kind of figure a whole file states, as a row's ``Loại số liệu`` would ("ước
    tính" or "sơ bộ"), and where it says so: a title row, else the header of a column of
    figures (None: it states none).

    >>> file_estimate(["BÁO CÁO ƯỚC THỰC HIỆN NĂM 2024"], ["Tỷ lệ (%)"])[0]
    'ước tính'
    >>> file_estimate(["BÁO CÁO KẾT QUẢ NĂM 2024 - TỈNH BÌNH PHƯỚC"], ["Giá trị"]) is None
    True
    """
    said = [(f"the title calls its figures {{}} ('{t.strip()}')", t) for t in title]
    said += [(f"column '{h.strip()}' calls its figures {{}}", h) for h in figures]
    for where, text in said:
        folded = fold(text)
        if FOLDED.search(folded):
            return "ước tính", where.format("an estimate") + ": each row is refused as one"
        if PRELIMINARY.search(folded):
            return "sơ bộ", where.format("preliminary") + ": each row is refused as such"
    return None
