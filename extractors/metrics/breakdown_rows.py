"""Rows in the agency column that name no agency: a breakdown of the row above ("Trong đó:
- Cấp tỉnh", "- Cấp huyện", the parts of an agency's figure by level) and an average of the
rows ("Bình quân chung", "Trung bình"). The marts add up and divide the agencies' own rows,
so such a row is kept out with a note saying what it is, never queued for review as an
unknown agency name nor loaded as a figure of nobody's (total rows: ``total_rows``).

Each distinct agency text is looked at once. A breakdown starts at a "Trong đó" row and runs
over the rows under it that begin with a dash or a plus or name a level; a row naming only
a level ("Cấp tỉnh", "- Cấp huyện", "Khối cấp huyện") outside such a run is that level's
subtotal (heading its agencies' rows, or under them), kept out as well. A dash before an
agency's name ("- Sở Y tế") outside such a run is the agency's row.

>>> row_kind("Trong đó: - Cấp tỉnh"), row_kind("- Cấp huyện"), row_kind("Bình quân chung")
('breakdown', 'level', 'average')
>>> row_kind("- Sở Y tế"), row_kind("Trung tâm Phục vụ hành chính công"), row_kind("Sở Nội vụ")
('dashed', None, None)
"""

from __future__ import annotations

import re

import polars as pl

from extractors.metrics.encode import distinct_values
from extractors.metrics.row_notes import quoted, rows_listed
from extractors.normalize import fold

# matched on folded text (no diacritics, lower case, punctuation as spaces)
_IN_WHICH = re.compile(r"trong\sdo\b.*")  # "Trong đó:", "Trong đó: - Cấp tỉnh"
# a level of government, not an agency: "cấp tỉnh", "cấp huyện", "cấp xã", "cấp cơ sở"; a
# bloc of one ("Khối cấp huyện")
_LEVEL = re.compile(r"(?:khoi\s)?cap\s(?:tinh|huyen|xa|so|bo|trung\suong|co\sso|thanh\spho)\b.*")
# "Bình quân", "Bình quân chung", "Trung bình", "Trung bình chung toàn tỉnh"
_AVERAGE = re.compile(r"(?:binh\squan|trung\sbinh)(?:\s.*)?")
_DASH = re.compile(r"\s*[-+–—•]\s*")  # a list's mark before a line


def row_kind(agency: str) -> str | None:
    """What an agency cell says its row is: ``breakdown``, ``average``, ``level`` (a level
    named: a breakdown under a "Trong đó" row, else the level's subtotal), ``dashed`` (a
    dash before a name: a breakdown only under a "Trong đó" row), or None (an agency)."""
    marked = _DASH.match(agency)
    folded = " ".join(fold(agency).split())
    if _IN_WHICH.fullmatch(folded):
        return "breakdown"
    if _LEVEL.fullmatch(folded):
        return "level"
    if _AVERAGE.fullmatch(folded):
        return "average"
    return "dashed" if marked else None


def breakdown_rows(body: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """The body without its breakdown and average rows, and a note per kind naming them."""
    if body.height == 0:
        return body, []
    kinds = {v: row_kind(v) for v in distinct_values(body["agency_raw"]).to_list() if v}
    if not any(k in ("breakdown", "average", "level") for k in kinds.values()):
        return body, []
    marked = {v: k for v, k in kinds.items() if k is not None}
    rows = (
        body.select("source_row", pl.col("agency_raw").cast(pl.String))
        .unique("source_row", keep="first")
        .sort("source_row")
    )
    found: dict[str, list[tuple[int, str]]] = {"breakdown": [], "average": [], "level": []}
    under, last = False, -1  # in a "Trong đó" run, and the row it reached
    for row, agency in rows.iter_rows():
        kind = marked.get(agency) if agency else None
        if kind in ("dashed", "level") and under and row == last + 1:
            kind = "breakdown"  # a part of the row above; else a level's subtotal
        under = kind == "breakdown"
        last = row
        if kind in found:
            found[kind].append((row, agency))
    skipped = [r for listed in found.values() for r, _ in listed]
    if not skipped:
        return body, []
    notes = [_note(kind, listed) for kind, listed in found.items() if listed]
    return body.filter(~pl.col("source_row").is_in(skipped)), notes


def _note(kind: str, rows: list[tuple[int, str]]) -> str:
    what = {
        "breakdown": "a breakdown of the row above",
        "average": "an average of the rows",
        "level": "a level's subtotal",
    }[kind]
    return (
        f"{rows_listed([r for r, _ in rows])}: {what} ({quoted(a for _, a in rows)}), not "
        "an agency: kept out of the marts, which compute their own from the agencies' rows"
    )
