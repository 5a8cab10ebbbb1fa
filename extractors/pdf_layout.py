"""Two-column layout blocks on a PDF page: the header and signature offices set in borderless
tables, which pdfplumber reads as lines running across both columns.

Rules (used by ``read_pdf`` on each page's text lines, outside ruled tables):

* a page number in the top or bottom tenth of the page is page furniture and is dropped
  (read with the text, it glues itself to a line beside it: "Nguyễn Văn Út2");
* a text line whose characters leave a gap wider than twice the font size is split there
  into columns; the run of such lines, with the neighbouring lines that keep to one side
  of the gutter, becomes one row of a two-column table - the same table the DOCX gives -
  when it holds a header or signature mark (so a wide space in prose stays prose); the
  document's heading alone on a line ("KẾ HOẠCH") ends the run.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.classify_document import split_heading
from extractors.document import Cell, Location, Row, Table
from extractors.find_front_matter import has_layout_mark
from extractors.normalize import nfc, squash

_PAGE_NUMBER = re.compile(r"^\s*(?:Trang\s+)?[-–]?\s*\d{1,4}\s*[-–]?\s*$", re.IGNORECASE)
MARGIN_BAND = 0.1  # page numbers sit in the top or bottom tenth of the page


def page_number(line: dict[str, Any], height: float) -> bool:
    """A page number in the page header or footer ("2", "- 2 -", "Trang 2"): page furniture,
    not text - read with the text it would glue itself to a line beside it."""
    in_band = line["bottom"] < MARGIN_BAND * height or line["top"] > (1 - MARGIN_BAND) * height
    return in_band and bool(_PAGE_NUMBER.match(line["text"]))


COLUMN_GAP = 2.0  # a gap wider than this many font sizes separates two columns


def _segments(line: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The line's characters split where a gap between two of them is a column gutter."""
    chars = sorted((c for c in line["chars"] if c["text"].strip()), key=lambda c: c["x0"])
    out: list[list[dict[str, Any]]] = []
    for c in chars:
        if out and c["x0"] - out[-1][-1]["x1"] > COLUMN_GAP * max(c["size"], 1.0):
            out.append([c])
        elif out:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _chars_text(chars: list[dict[str, Any]]) -> str:
    """Text of characters of one line in x order, a space where they stand apart."""
    text = ""
    for prev, c in zip([None, *chars], chars, strict=False):
        if prev is not None and c["x0"] - prev["x1"] > 0.2 * max(c["size"], 1.0):
            text += " "
        text += c["text"]
    return text


def layout_zones(
    lines: list[dict[str, Any]],
) -> tuple[list[list[dict[str, Any]]], list[dict[str, Any]]]:
    """Runs of lines set in two columns (a header or signature block), and the other lines.

    A run starts at a line split by a gutter and takes in the neighbouring lines that keep
    to one side of it (no more than 1.5 line heights apart); a run counts only when it
    holds a header or signature mark, so a wide space in prose stays prose.
    """
    split = [len(_segments(ln)) > 1 for ln in lines]
    zones: list[list[dict[str, Any]]] = []
    taken: set[int] = set()
    i = 0
    while i < len(lines):
        if not split[i] or i in taken:
            i += 1
            continue
        gutter = _gutter(_segments(lines[i]))
        lo = hi = i
        while lo > 0 and _joins(lines[lo - 1], lines[lo], gutter, split[lo - 1], back=True):
            lo -= 1
        while (
            hi + 1 < len(lines)
            and _joins(lines[hi + 1], lines[hi], gutter, split[hi + 1])
            and not _opens_body(lines[hi + 1])
        ):
            hi += 1
        zone = lines[lo : hi + 1]
        pieces = [_chars_text(seg) for ln in zone for seg in _segments(ln)]
        if has_layout_mark("\n".join(pieces)):
            zones.append(zone)
            taken.update(range(lo, hi + 1))
        i = hi + 1
    return zones, [ln for k, ln in enumerate(lines) if k not in taken]


def _opens_body(line: dict[str, Any]) -> bool:
    """The document's heading alone on its line ("KẾ HOẠCH", "QUYẾT ĐỊNH") opens the body:
    set flush left under the issuer's column it is no line of that column."""
    heading = split_heading(line["text"])
    return heading is not None and not heading[1]


def _gutter(segments: list[list[dict[str, Any]]]) -> tuple[float, float]:
    return segments[0][-1]["x1"], segments[1][0]["x0"]


def _joins(
    line: dict[str, Any],
    neighbour: dict[str, Any],
    gutter: tuple[float, float],
    split: bool,
    back: bool = False,
) -> bool:
    """Whether ``line`` belongs to the run ``neighbour`` is in. Going up, a line on the left
    only joins when split itself (the line above "Nơi nhận" ends the body, it is no column)."""
    height = max(neighbour["bottom"] - neighbour["top"], 1.0)
    near = bool(abs(line["top"] - neighbour["top"]) < 2.5 * height)
    if split:
        return near
    left_end, right_start = gutter
    right = line["x0"] >= left_end + 2
    one_side = right or (line["x1"] <= right_start - 2 and not back)
    return near and one_side


def layout_table(zone: list[dict[str, Any]], page: int) -> Table:
    gutter = next(_gutter(s) for s in map(_segments, zone) if len(s) > 1)
    left: list[str] = []
    right: list[str] = []
    for line in zone:
        segments = _segments(line)
        if len(segments) > 1:
            gutter = _gutter(segments)
            left.append(_chars_text(segments[0]))
            right.append(" ".join(_chars_text(s) for s in segments[1:]))
        elif line["x0"] >= gutter[0] + 2:
            right.append(_chars_text(segments[0]))
        else:
            left.append(_chars_text(segments[0]))
    bbox = (
        min(ln["x0"] for ln in zone),
        zone[0]["top"],
        max(ln["x1"] for ln in zone),
        zone[-1]["bottom"],
    )
    cells = tuple(
        Cell(text=squash(nfc("\n".join(texts))), loc=Location(page=page, row=0, col=c))
        for c, texts in enumerate((left, right))
    )
    return Table(
        rows=(Row(cells=cells, loc=Location(page=page, row=0)),), loc=Location(page=page, bbox=bbox)
    )
