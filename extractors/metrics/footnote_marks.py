"""Figures written with a footnote's mark in their cell: ``95,5(*)``, ``95,5 (1)``, ``120*``.

An agency marks a figure whose footnote under the table explains it (an estimate, a
figure from another source); the mark is no part of the number. Read as written the cell
is "not a number" and the row is rejected although its figure is plain. Only marks a
footnote is called by are dropped - ``(*)``, ``*``, ``(1)`` to ``(9)`` after the number -
with a warning naming the column, so the agency knows its footnote did not travel with the
figure; anything else (``95,5 (10)``, a word) is left to the judge ("... is not a number").
A figure whose footnote under the table calls it an estimate ("(*) Số liệu ước thực hiện",
"(1) dự kiến", "* ƯTH") is no figure to load: its row is rejected naming the cell and the
footnote, as an estimate in the period column is (``extractors.estimate_words``).

>>> without_mark("95,5(*)"), without_mark("95,5 (1)"), without_mark("120*")
('95,5', '95,5', '120')
>>> without_mark("95,5 (10)"), without_mark("(*)"), without_mark("95,5")
(None, None, None)
"""

from __future__ import annotations

import re

import polars as pl

from extractors.estimate_words import FOLDED as ESTIMATE
from extractors.metrics.cells import raw_record, reject_rows
from extractors.metrics.encode import distinct_values, rewritten
from extractors.metrics.layout import Layout
from extractors.metrics.vocabulary import NUMERIC_ROLES
from extractors.normalize import fold

# a number, then a footnote's mark and nothing after it
MARKED = re.compile(
    r"""^\s*(?P<number>.*\d%?)     # the number as written (its "%" too), ending in a digit
        \s*(?P<mark>\(\*\)|\*|\([1-9]\))  # the mark: (*), *, or (1) to (9)
        \s*$""",
    re.VERBOSE,
)
# a footnote under the table: its mark first, then what it says ("(*) Số liệu ước ...")
FOOTNOTE = re.compile(r"^\s*(?P<mark>\(\*\)|\*|\([1-9]\))\s*(?P<text>\S.*)$", re.DOTALL)


def without_mark(cell: str) -> str | None:
    """The cell without its footnote mark (None: it carries none)."""
    m = MARKED.match(cell)
    return m["number"].strip() if m else None


def estimate_notes(body: pl.DataFrame) -> dict[str, str]:
    """Mark -> the footnote, for the footnotes written in the body's text cells (rows under
    the table) that call their figures estimates.

    >>> estimate_notes(pl.DataFrame({"agency_raw": ["Sở Y tế", "(1) Số liệu ước tính"]}))
    {'(1)': '(1) Số liệu ước tính'}
    """
    found: dict[str, str] = {}
    for name in body.columns:
        if name in NUMERIC_ROLES or body.schema[name].is_numeric():
            continue
        for cell in distinct_values(body[name]).to_list():
            m = FOOTNOTE.match(cell or "")
            if m and ESTIMATE.search(fold(m["text"])):
                found.setdefault(m["mark"], cell.strip())
    return found


def dropped_marks(
    body: pl.DataFrame, layout: Layout
) -> tuple[pl.DataFrame, list[str], pl.DataFrame]:
    """The body with the footnote marks dropped from its figures' cells, a warning per
    column that had any (naming the column and one cell as written), and the rows whose
    marked figure the footnote calls an estimate, rejected (and out of the body)."""
    warnings, found, estimates = [], {}, estimate_notes(body)
    named: dict[str, str] = {}  # a cell marked for an estimate -> why its row is rejected
    for role in (r for r in NUMERIC_ROLES if r in body.columns):
        distinct = distinct_values(body[role])  # the few, not every row
        candidates = distinct.filter(distinct.str.contains(r"[*)]\s*$")).to_list()
        marked = {c: n for c in candidates if (n := without_mark(c)) is not None}
        for cell in marked:
            mark = MARKED.match(cell)["mark"]  # type: ignore[index]
            if mark in estimates:
                named.setdefault(
                    cell,
                    f"{role} '{cell}' is marked {mark}, and the footnote under the table calls "
                    f"it an estimate ('{estimates[mark]}'): send the figure once it is final",
                )
        marked = {c: n for c, n in marked.items() if c not in named}
        if not marked:
            continue
        found[role] = marked
        column = layout.header[layout.roles[role]] if role in layout.roles else "the figures'"
        example = sorted(marked)[0]
        warnings.append(
            f"column '{column}': footnote mark dropped from {len(marked)} distinct value(s), "
            f"the number read (e.g. '{example}' read as {marked[example]}); the footnote "
            "itself is not kept"
        )
    if not named:
        return rewritten(body, found), warnings, reject_rows([])
    roles = [r for r in NUMERIC_ROLES if r in body.columns]
    # (a blank cell is no hit, never a null that would drop its row from the body)
    hit = pl.any_horizontal(
        pl.col(r).cast(pl.String).is_in(list(named)).fill_null(False) for r in roles
    )
    out = [
        (src["source_row"], next(named[src[r]] for r in roles if src[r] in named), raw_record(src))
        for src in body.filter(hit).iter_rows(named=True)
    ]
    return rewritten(body.filter(~hit), found), warnings, reject_rows(out)
