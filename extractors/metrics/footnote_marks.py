"""Figures written with a footnote's mark in their cell: ``95,5(*)``, ``95,5 (1)``, ``120*``.

An agency marks a figure whose footnote under the table explains it (an estimate, a
figure from another source); the mark is no part of the number. Read as written the cell
is "not a number" and the row is rejected although its figure is plain. Only marks a
footnote is called by are dropped - ``(*)``, ``*``, ``(1)`` to ``(9)`` after the number -
with a warning naming the column, so the agency knows its footnote did not travel with the
figure; anything else (``95,5 (10)``, a word) is left to the judge ("... is not a number").

>>> without_mark("95,5(*)"), without_mark("95,5 (1)"), without_mark("120*")
('95,5', '95,5', '120')
>>> without_mark("95,5 (10)"), without_mark("(*)"), without_mark("95,5")
(None, None, None)
"""

from __future__ import annotations

import re

import polars as pl

from extractors.metrics.encode import distinct_values, rewritten
from extractors.metrics.layout import Layout
from extractors.metrics.vocabulary import NUMERIC_ROLES

# a number, then a footnote's mark and nothing after it
MARKED = re.compile(
    r"""^\s*(?P<number>.*\d%?)     # the number as written (its "%" too), ending in a digit
        \s*(?:\(\*\)|\*|\([1-9]\))  # the mark: (*), *, or (1) to (9)
        \s*$""",
    re.VERBOSE,
)


def without_mark(cell: str) -> str | None:
    """The cell without its footnote mark (None: it carries none)."""
    m = MARKED.match(cell)
    return m["number"].strip() if m else None


def dropped_marks(body: pl.DataFrame, layout: Layout) -> tuple[pl.DataFrame, list[str]]:
    """The body with the footnote marks dropped from its figures' cells, and a warning per
    column that had any (naming the column and one cell as written)."""
    warnings, found = [], {}
    for role in (r for r in NUMERIC_ROLES if r in body.columns):
        distinct = distinct_values(body[role])  # the few, not every row
        candidates = distinct.filter(distinct.str.contains(r"[*)]\s*$")).to_list()
        marked = {c: n for c in candidates if (n := without_mark(c)) is not None}
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
    return rewritten(body, found), warnings
