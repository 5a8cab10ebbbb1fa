"""A row its note calls an estimate is no reported figure.

Agencies send a year's figures before the year is over and say so in the note column, not
in the period: ``Năm 2024`` with ``Ghi chú`` "ước thực hiện", "số ước tính", "dự kiến".
Loaded, the estimate would count as the year's actual figure and the final figures, sent
later, would correct it only if someone remembered to. A period written as an estimate is
already refused (``parse_period``: "Ước TH 2024", "Năm 2024 (ước)"); so a row whose note
says estimate gets its note in its period ("Năm 2024 (ước thực hiện)") and is refused the
same way, its reason naming the note. A note saying anything else is ignored, as before.
"""

from __future__ import annotations

import polars as pl

from extractors.estimate_words import WRITTEN
from extractors.metric_headers import read_header
from extractors.normalize import fold

# the note columns that may call a row an estimate: "Ghi chú", "Ghi chú, giải trình"
_NOTE = "ghi chu"
# the words of an estimate, any case, with or without diacritics (the period's own)
_ESTIMATE = WRITTEN


def note_columns(header: list[str]) -> list[int]:
    """The columns of a header that are a note column (``Ghi chú``)."""
    return [i for i in read_header(header).extras if fold(header[i]).startswith(_NOTE)]


def estimate_period(period: pl.Expr, notes: list[pl.Expr]) -> pl.Expr:
    """The period as written, with the first note calling the row an estimate appended in
    brackets (the period parser refuses it as one)."""
    if not notes:
        return period
    said = pl.coalesce(
        pl.when(note.str.contains(_ESTIMATE)).then(note.str.strip_chars()) for note in notes
    )
    return pl.when(said.is_not_null()).then(pl.format("{} ({})", period, said)).otherwise(period)
