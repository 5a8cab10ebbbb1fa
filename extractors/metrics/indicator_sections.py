"""Indicators written as section headings: a table with no Chỉ tiêu column and no column
per indicator, whose rows are grouped under a row holding only an indicator's name ("I.
Tỷ lệ hồ sơ giải quyết trực tuyến", then the agencies' rows with their figures). Each row
under a heading reports that heading's indicator (its numbering, "I.", "1.", "a)", left
off); the heading rows themselves are skipped with a note. A heading that names no
indicator goes to the review queue as any indicator name does; a row above the first
heading has no indicator and is rejected saying so.

>>> heading_name("II. Tỷ lệ số hóa kết quả"), heading_name("1) Mức độ hài lòng")
('Tỷ lệ số hóa kết quả', 'Mức độ hài lòng')
"""

from __future__ import annotations

import re

import polars as pl

from extractors.metrics.encode import own_categorical
from extractors.metrics.layout import Layout
from extractors.metrics.row_notes import quoted, rows_listed
from extractors.metrics.vocabulary import NUMERIC_ROLES

# a heading's number or letter before its name: "I.", "II -", "1.", "2)", "a)"
_NUMBERING = re.compile(r"\s*(?:[IVXLC]{1,5}|\d{1,2}|[a-zđ])\s*[.)/:\-–]\s*", re.IGNORECASE)


def heading_name(text: str) -> str:
    """A heading's text without its numbering."""
    return _NUMBERING.sub("", text, count=1).strip() if _NUMBERING.match(text) else text.strip()


def indicator_sections(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, list[str]]:
    """The body with each row's indicator the heading's above it and without the heading
    rows, and a note naming them (nothing to do unless the layout is ``sectioned``)."""
    if not layout.sectioned or body.height == 0:
        return body, []

    def empty(c: str) -> pl.Expr:  # nothing written (a dash is "no data": a row of data)
        return pl.col(c).cast(pl.String).str.strip_chars().fill_null("") == ""

    numeric = [c for c in NUMERIC_ROLES if c in body.columns]
    agency = pl.col("agency_raw").cast(pl.String).str.strip_chars()
    heading = ~empty("agency_raw") & pl.all_horizontal(empty(c) for c in [*numeric, "period_raw"])
    body = body.sort("source_row", maintain_order=True).with_columns(
        _heading=pl.when(heading).then(agency)
    )
    headings = body.filter(pl.col("_heading").is_not_null())
    if headings.height == 0:
        return body.drop("_heading"), []
    names = {t: heading_name(t) for t in headings["_heading"].unique().to_list()}
    under = pl.col("_heading").forward_fill().replace_strict(names, default=None)
    body = body.with_columns(indicator_raw=under.cast(own_categorical()))
    listed = headings.select("source_row", "_heading").rows()
    many = "s" if len(listed) > 1 else ""
    note = (
        f"{rows_listed([r for r, _ in listed])}: indicator heading{many} "
        f"({quoted(t for _, t in listed)}): each row under one reports its indicator"
    )
    return body.filter(pl.col("_heading").is_null()).drop("_heading"), [note]
