"""Figures written with their unit in the cell: ``1.200 hồ sơ``, ``12 TTHC`` under Tử số /
Mẫu số, ``85,5 điểm`` under Giá trị. A unit that is the figure's own - a counted thing in a
count column, the indicator's unit (``indicators.csv``) or the row's ``Đơn vị tính`` in
the value column - is dropped and the number read; a unit that contradicts it (``điểm``
beside a count, a counted thing as a share's value) rejects the row naming the cell, never
a number read in another unit. A word no unit here spells is left to the judge ("... is
not a number"); a "%" is the judge's own (``catalog_checks``: a share's mark).

>>> split_unit("1.200 hồ sơ"), split_unit("85,5 điểm"), split_unit("95"), split_unit("12 ha")
(('1.200', 'hồ sơ', 'count'), ('85,5', 'điểm', 'score'), None, None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from extractors.metrics.catalog_checks import COUNT, PERCENT, Catalog, unit_of
from extractors.metrics.cells import raw_record, reject_rows
from extractors.metrics.encode import distinct_values, rewritten
from extractors.metrics.unit_words import UNIT_WORDS
from extractors.metrics.vocabulary import NUMERIC_ROLES
from extractors.normalize import fold
from extractors.resolve_names import Entry, indicator_resolver

COUNTS = ("numerator", "denominator")  # counts of a share: counted things, whatever they are
HEADERS = {"numerator": "Tử số", "denominator": "Mẫu số", "value": "Giá trị"}

# a number and a word after it: "1.200 hồ sơ", "85,5 điểm", "12 TTHC"
NUMBER_WORD = re.compile(
    r"""^\s*(?P<number>\d[\d.,\s]*?)   # the number, in either convention
        \s*(?P<word>[^\W\d_][^\d]*?)   # the unit: words, no digit
        \s*$""",
    re.VERBOSE,
)
KIND_WORDS = {COUNT: "a count", "score": "a score (điểm)", PERCENT: "a share (%)"}


def split_unit(cell: str) -> tuple[str, str, str] | None:
    """A cell's number, its unit as written and the catalog unit it is (None: no number
    with a unit word this module knows)."""
    m = NUMBER_WORD.match(cell)
    if m is None:
        return None
    kind = UNIT_WORDS.get(" ".join(fold(m["word"]).split()))
    return (m["number"].strip(), m["word"].strip(), kind) if kind else None


def cell_units(
    body: pl.DataFrame, indicators: Sequence[Entry], catalog: Catalog | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The body with each figure's own unit dropped from its cell, and the rows whose unit
    contradicts their figure rejected (source_row, reason, raw_record)."""
    found: dict[str, dict[str, tuple[str, str, str]]] = {}
    for role in (r for r in NUMERIC_ROLES if r in body.columns):
        distinct = distinct_values(body[role])  # the few, not every row
        worded = distinct.filter(distinct.str.contains(r"\d\s*[^\W\d_]"))
        split = {c: s for c in worded.to_list() if (s := split_unit(c))}
        if split:
            found[role] = split
    if not found:
        return body, reject_rows([])
    resolver = indicator_resolver(list(indicators))
    units = (catalog or Catalog()).units

    def indicator_unit(raw: str | None) -> tuple[str | None, str | None]:
        code = resolver.resolve(raw).code if raw else None
        return code, units.get(code) if code else None

    marked = pl.any_horizontal(pl.col(r).cast(pl.String).is_in(list(m)) for r, m in found.items())
    out, wrong = [], []
    for src in body.filter(marked).iter_rows(named=True):
        for role, split in found.items():
            cell = src[role]
            if cell not in split:
                continue
            _, word, kind = split[cell]
            code, meant = (None, COUNT) if role in COUNTS else indicator_unit(src["indicator_raw"])
            stated = unit_of(src["unit"]) if src.get("unit") else None
            if kind in (meant, stated) or (meant is None and stated is None):
                continue
            whose = f"the unit of {code}" if code and meant else "the figure's unit"
            why = (
                f"{HEADERS[role]} '{cell}': '{word}' is {KIND_WORDS[kind]}, but "
                f"{whose} is {KIND_WORDS.get(stated or meant or '', stated or meant)}: write the "
                "figure in its indicator's unit"
            )
            out.append((src["source_row"], why, raw_record(src)))
            wrong.append(src["source_row"])
            break
    if wrong:
        body = body.filter(~pl.col("source_row").is_in(wrong))
    body = rewritten(body, {r: {c: s[0] for c, s in split.items()} for r, split in found.items()})
    return body, reject_rows(out)
