"""Struck-through text in a PDF: deletions a printed "track changes" left visible.

A document printed with its changes shows a deleted passage as ordinary glyphs with a
line drawn through their middle; read as text, the deleted words joined the plan's text
("Rà soát thủ tục và đơn giản hóa thủ tục" where "và đơn giản hóa thủ tục" was struck
out). Rules:

* a strike is a horizontal line (or a rectangle under 1.5 points high) crossing a glyph
  between 30% and 75% of its height from the top: an underline runs under the glyphs, a
  table border between the rows;
* the glyphs a strike crosses are left out of the page's text, and the reader notes the
  struck text (page and words) so the plan says what was left out.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import Any

_THIN = 1.5  # points: a rectangle this low is a drawn line
_BAND = (0.3, 0.75)  # where in a glyph's height a strike crosses it, from the top


def strikes(page: Any) -> list[tuple[float, float, float]]:
    """The page's horizontal lines as (y from the top, x0, x1)."""
    out = [
        (float(ln["top"]), float(ln["x0"]), float(ln["x1"]))
        for ln in page.lines
        if abs(float(ln["top"]) - float(ln["bottom"])) < _THIN
    ]
    out += [
        ((float(r["top"]) + float(r["bottom"])) / 2, float(r["x0"]), float(r["x1"]))
        for r in page.rects
        if float(r["bottom"]) - float(r["top"]) < _THIN
    ]
    return out


def struck_chars(chars: list[dict[str, Any]], lines: list[tuple[float, float, float]]) -> set[int]:
    """The indexes of the glyphs a line crosses through their middle.

    >>> g = lambda x: {"x0": x, "x1": x + 4, "top": 10.0, "bottom": 18.0}
    >>> sorted(struck_chars([g(0), g(4), g(40)], [(14.0, 0, 10)]))  # a strike over two
    [0, 1]
    >>> struck_chars([g(0)], [(18.5, 0, 10), (9.5, 0, 10)])  # underline, border above
    set()
    """
    if not lines or not chars:
        return set()
    order = sorted(range(len(chars)), key=lambda i: float(chars[i]["top"]))
    tops = [float(chars[i]["top"]) for i in order]
    tallest = max(float(c["bottom"]) - float(c["top"]) for c in chars)
    out: set[int] = set()
    for y, x0, x1 in lines:
        for k in range(bisect_left(tops, y - tallest), bisect_left(tops, y)):
            c = chars[order[k]]
            top, height = float(c["top"]), float(c["bottom"]) - float(c["top"])
            middle = (float(c["x0"]) + float(c["x1"])) / 2
            within = top + _BAND[0] * height <= y <= top + _BAND[1] * height
            if within and x0 <= middle <= x1:
                out.add(order[k])
    return out


def struck_text(chars: list[dict[str, Any]], struck: set[int]) -> list[str]:
    """The struck glyphs as runs of text, in reading order (a run per line)."""
    runs: dict[float, list[dict[str, Any]]] = {}
    for i in sorted(struck):
        runs.setdefault(round(float(chars[i]["top"])), []).append(chars[i])
    out = []
    for _, run in sorted(runs.items()):
        run.sort(key=lambda c: float(c["x0"]))
        text = run[0]["text"]
        for a, b in pairwise(run):
            gap = float(b["x0"]) - float(a["x1"])
            text += (" " if gap > 0.15 * (float(b["bottom"]) - float(b["top"])) else "") + b["text"]
        out.append(" ".join(text.split()))
    return out
