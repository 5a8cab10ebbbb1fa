"""Reader for plans saved from the web (HTML, lxml) into the shared Document model.

Rules:

* the page is parsed by lxml (which honours the page's declared charset); scripts, styles
  and the head are skipped; every text is NFC-normalised;
* a ``<table>`` is a Table; its cells are placed on the grid the way the DOCX and PDF
  readers place them: a cell spanning ``colspan`` columns is followed by empty cells, and
  the rows a ``rowspan`` covers get an empty cell in its column - so "blank means the
  merged cell above" holds in every format. A table inside a cell is part of the cell's
  text, except in a frame: a table whose nested tables hold more rows than it has itself
  (a portal's page layout around the article, a one-cell box around an appendix) is not
  data, and its cells are read in order as containers (``is_frame``);
* a paragraph-like element (``p``, ``h1``-``h6``, ``li`` ...) is a Paragraph (headings keep
  their level; bold when all its text is in ``b``/``strong``); text lying loose in a
  container (``<div>Số: 58/KH-UBND</div>``) is a paragraph of its own; ``<br>`` breaks a
  line;
* provenance: the source line of each paragraph and row, the row and column of each cell.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from extractors.document import Block, Cell, Document, Location, Paragraph, Row, Table
from extractors.errors import ExtractionError
from extractors.normalize import nfc, squash

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe"}
_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption"}
_BOLD = {"b", "strong"}
MAX_SPAN = 1000
# <meta charset="utf-8"> / content="text/html; charset=windows-1258"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(
    r"^\s*<\?xml[^>]*\?>"
)  # a colspan/rowspan beyond any real table is a malformed (or hostile) page


def looks_like_html(data: bytes) -> bool:
    """Whether text bytes are an HTML page (not a text rendering with ``<b>`` in cells).

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html(b"STT\\t<b>I.</b>")
    (True, False)
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(t in head for t in (b"<!doctype html", b"<html", b"<body"))


def decode_html(data: bytes, path: str) -> str:
    """The page's text: in the charset it declares, else UTF-8 (a page saved without a
    declaration is UTF-8 far more often than not); an XML declaration is dropped.

    >>> decode_html('<meta charset="windows-1258"><p>Ho\u0300a'.encode("cp1258"), "p")[-6:]
    '<p>Hòa'
    """
    m = _CHARSET.search(data[:4096])
    encoding = m.group(1).decode("ascii") if m else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise ExtractionError(path, f"HTML is not {encoding} text ({exc})") from exc
    return nfc(_XML_DECL.sub("", text, count=1))


def read_html(data: bytes, path: str = "<html>") -> Document:
    try:
        root = lxml.html.document_fromstring(decode_html(data, path))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(path, f"unreadable HTML ({exc})") from exc
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    _drop_footnote_marks(root)
    _break_blocks_in_cells(root)
    blocks: list[Block] = []
    _walk(root, blocks)
    return Document(
        sha256=hashlib.sha256(data).hexdigest(), path=path, fmt="html", blocks=tuple(blocks)
    )


_CELL_BLOCKS = _TEXT_BLOCKS | {"div", "ul", "ol", "table", "tr"}
# A footnote mark legal portals print: a raised number linking to its note on the page
# ("<sup><a href='#_ftn1'>[1]</a></sup>"); a raised number without a link ("m<sup>2</sup>")
# is text.
_FOOTNOTE_MARK = re.compile(r"^\s*\[?\d{1,3}\]?\s*$")


def _drop_footnote_marks(root: Any) -> None:
    """Remove footnote marks ("... pháp luật[1]" was a task's text); the notes themselves
    stay where the page prints them."""
    for sup in list(root.iter("sup")):
        links = [a for a in sup.iter("a") if (a.get("href") or "").startswith("#")]
        if links and _FOOTNOTE_MARK.match(sup.text_content()):
            sup.drop_tree()  # keeps the text after it


def _break_blocks_in_cells(root: Any) -> None:
    """A cell's paragraphs are lines of its text (as the DOCX reader joins a cell's
    paragraphs): "<td><p>TỈNH X</p><p>Số: 5/KH</p></td>" is not "TỈNH XSố: 5/KH"; a table
    nested in a cell gives a line per row, its cells apart ("- Cấp tỉnh 100%")."""
    for cell in root.iter("td", "th"):
        for el in cell.iterdescendants():
            if _tag(el) in _CELL_BLOCKS:
                el.text = "\n" + (el.text or "")
                el.tail = "\n" + (el.tail or "")
            elif _tag(el) in ("td", "th"):  # a nested table's cell: apart from the one before
                el.text = " " + (el.text or "")


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _walk(el: Any, blocks: list[Block]) -> None:
    _loose(el.text, el, blocks)
    for child in el:
        tag = _tag(child)
        if tag in _SKIP or not tag:
            pass
        elif tag == "table" and is_frame(child):
            for tr in _rows_of(child):
                for td in tr:
                    if _tag(td) in ("td", "th"):
                        _walk(td, blocks)
        elif tag == "table":
            blocks.append(_table(child))
        elif tag in _TEXT_BLOCKS and not child.xpath(".//table"):
            text = _text(child)
            if text:
                level = int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else 0
                blocks.append(
                    Paragraph(text, Location(line=child.sourceline), level, _all_bold(child))
                )
        else:
            _walk(child, blocks)
        _loose(child.tail, el, blocks, child)


def _loose(text: str | None, parent: Any, blocks: list[Block], after: Any = None) -> None:
    """Text lying directly in a container (before its first child or after a child)."""
    text = squash(nfc(text or ""))
    if text:
        line = (after.sourceline if after is not None else parent.sourceline) or None
        blocks.append(Paragraph(text, Location(line=line)))


def _text(el: Any) -> str:
    return squash(nfc(el.text_content()))


def _all_bold(el: Any) -> bool:
    """All of the element's text sits inside b/strong (or a bold style)."""
    total = len("".join(el.text_content().split()))
    if not total:
        return False
    bold = 0
    for b in el.iter():
        tag = _tag(b)
        style = (b.get("style") or "").replace(" ", "").lower()
        marked = tag in _BOLD or "font-weight:bold" in style or "font-weight:700" in style
        if marked and not any(_tag(a) in _BOLD for a in b.iterancestors() if a is not el):
            bold += len("".join(b.text_content().split()))
    return bold >= total


def is_frame(table: Any) -> bool:
    """Whether a table lays out a page rather than holding data: the tables nested in it
    have more rows than it has (a data table with a small table in one cell has fewer).

    >>> page = "<table><tr><td>menu</td><td><table><tr><td>a</td></tr><tr><td>b</td></tr>"
    >>> is_frame(lxml.html.fragment_fromstring(page + "</table></td></tr></table>"))
    True
    """
    own = len(_rows_of(table))
    nested = sum(len(_rows_of(t)) for t in table.iter("table") if t is not table)
    return nested > own


def _rows_of(table: Any) -> list[Any]:
    """The table's own rows (not those of a table nested in a cell)."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), MAX_SPAN))
    except ValueError:
        return 1


def _table(table: Any) -> Table:
    rows: list[Row] = []
    below: dict[int, int] = {}  # column -> rows a rowspan above still covers
    for r, tr in enumerate(_rows_of(table)):
        cells = _grid_row(tr, r, below)
        rows.append(Row(cells=tuple(cells), loc=Location(line=tr.sourceline, row=r)))
    return Table(rows=tuple(rows), loc=Location(line=table.sourceline))


def _grid_row(tr: Any, r: int, below: dict[int, int]) -> list[Cell]:
    """One row's cells on the grid; ``below`` carries the rowspans down (updated)."""
    cells: list[Cell] = []

    def empty(col: int) -> Cell:
        return Cell(text="", loc=Location(line=tr.sourceline, row=r, col=col))

    def skip_covered() -> None:
        while below.get(len(cells), 0) > 0:
            below[len(cells)] -= 1
            cells.append(empty(len(cells)))

    for td in tr:
        if _tag(td) not in ("td", "th"):
            continue
        skip_covered()
        col = len(cells)
        colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
        text = _text(td)
        bold = bool(text) and (_tag(td) == "th" or _all_bold(td))
        cells.append(Cell(text=text, loc=Location(line=td.sourceline, row=r, col=col), bold=bold))
        cells += [empty(col + k) for k in range(1, colspan)]
        for k in range(colspan if rowspan > 1 else 0):
            below[col + k] = rowspan - 1
    skip_covered()
    return cells
