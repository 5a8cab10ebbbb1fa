"""A note under the table saying where a year's figures stop: "Ghi chú: số liệu năm 2024
tính đến ngày 30/9/2024", "(*) Số liệu tính đến ngày 30/11/2024".

A province sends its annual report before the year ends and says so under the table, not
in its title (``title_period`` reads a title's cut-off). Loaded as the year, the figures
to 30 September would be corrected silently by the final report. A file with no period
column takes its period from its title: the note cuts that year short (1 January to the
note's day). A file whose period column gives the whole year is refused naming both, as a
title's cut-off over a column of years is: which one is right cannot be guessed.

A day after the year's end is the day the figures were taken; the year stands. So does a
day from 14 December on: the official annual report runs from 15 December of the year
before to 14 December (Nghị định 09/2019/NĐ-CP, Điều 12), so "số liệu tạm tính đến ngày
15/12" is how a year's report is taken, not a year cut short.

>>> from extractors.parse_period import parse_period
>>> cut_by_note(parse_period("Năm 2024"), ["Ghi chú: Số liệu tính đến ngày 30/11/2024"])[:3]
('cumulative', datetime.date(2024, 1, 1), datetime.date(2024, 11, 30))
>>> cut_by_note(parse_period("Năm 2024"), ["Ghi chú: chốt đến ngày 15/01/2025"]).kind
'year'
>>> cut_by_note(parse_period("Năm 2024"), ["Số liệu tạm tính đến ngày 14/12/2024"]).kind
'year'
>>> note_refusal(["số liệu tính đến ngày 30/9/2024"], [parse_period("2024")], "Năm")[:61]
'the note under the table names lũy kế đến 30/9/2024, but colu'
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from extractors.metrics.structure_rows import TEXT_ROLES, every_row_has_a_figure, figureless
from extractors.normalize import fold
from extractors.parse_period import find_period
from extractors.period import Period, period_label
from extractors.period_spans import CUT_OFF


def notes_below(body: pl.DataFrame) -> list[str]:
    """The texts of the body's rows with no figure that name a day the figures run to
    (read before those rows are skipped as the signature block)."""
    # the rows with no figure first (none, at a look, in a clean file): a file's few, so
    # that no text column of a large file is gone through whole for a note it rarely has
    if every_row_has_a_figure(body):
        return []
    notes = body.filter(figureless(body))
    found: dict[str, None] = {}
    for c in (c for c in TEXT_ROLES if c in notes.columns):
        texts = notes[c].cast(pl.String).drop_nulls().unique(maintain_order=True)
        found.update(dict.fromkeys(v for v in texts if _names_a_day(v)))
    return list(found)


def _names_a_day(text: str) -> bool:
    """Whether a note names a day (or a month's end) of a year the figures run to: "đến ngày
    30/9/2024", "tính đến 30-11-2024", "đến hết tháng 11/2024" (``period_spans.CUT_OFF``,
    the cut-off a title's or a cell's is read by, its year written)."""
    m = CUT_OFF.search(f" {fold(text)} ")
    return m is not None and m["y"] is not None


def cut_by_note(period: Period, notes: Sequence[str]) -> Period:
    """A year ``period`` cut at the day a note says its figures run to (else as it is:
    a day from the annual report's cut-off on, ``period_spans.year_taken``)."""
    if period.kind != "year":
        return period
    for note in notes:
        cut = find_period(f"năm {period.year} {note}")
        if cut is not None and cut.kind == "cumulative" and cut.start == period.start:
            return cut
    return period


def note_refusal(notes: Sequence[str], parsed: Sequence[Period | None], column: str) -> str | None:
    """Why a file cannot be read (None: it can): a note cuts short a year that every
    period of the column (``parsed``: its distinct values) gives whole."""
    years = [p for p in parsed if p is not None]
    if not notes or not years or any(p.kind != "year" for p in years):
        return None
    for year in years:
        cut = cut_by_note(year, notes)
        if cut != year:
            label = period_label(cut)
            return (
                f"the note under the table names {label[0].lower()}{label[1:]}, but column "
                f"'{column}' gives the whole year {year.year}: its figures would load as the "
                f"year's; write the period in the column ('{label}'), or correct the note"
            )
    return None
