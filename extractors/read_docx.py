"""Reader for Word documents (DOCX, python-docx) into the shared Document model.

Rules:

* body paragraphs and tables in document order; a paragraph's heading level comes from its
  style ("Heading 2" -> 2, "Title" -> 1); bold when every run with text is bold;
* table cells are placed on the table's grid: a cell spanning ``gridSpan`` columns is
  followed by empty cells, and a cell continuing a vertical merge (``vMerge``) is empty -
  the same grid pdfplumber gives for the PDF, so the plan parsers' "blank means the merged
  cell above" rule applies to both;
* a cell's paragraphs are joined with line breaks (they are real breaks, list items);
* content controls (``w:sdt``) are read through - around paragraphs, rows and cells alike -
  and a frame - a table whose nested tables
  hold more rows than it has itself (a one-cell box drawn around an appendix) - is read
  as the paragraphs and tables in its cells, in order: it lays the page out, it holds no
  data;
* a run of body paragraphs typed with tabs between columns (a list set out with Tab, no
  table), its first line of 3 pieces or more, is read as a table (``tab_stops``; runs of
  tabs to the next stop are one column break, said as ``tab_alignment_read``);
* a text box is read as paragraphs of its own where it is anchored, once (Word writes its
  text twice: the shape, and a VML copy for older readers - ``mc:Fallback``, skipped), not
  run into its anchor's text; text deleted or moved away under tracked changes
  (``w:del``, ``w:moveFrom``) is no text; a table nested in a cell gives the cell a line
  per row, its cells apart;
* provenance: the block's index in the body, the table's row and column.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from docx import Document as open_docx
from docx.oxml.ns import qn

from extractors.document import Block, Cell, Document, Location, Paragraph, Remark, Row, Table
from extractors.errors import ExtractionError
from extractors.legacy_encoding import apply_legacy
from extractors.normalize import nfc, squash
from extractors.tab_stops import alignment_note, pieces, tab_rows

MAX_UNCOMPRESSED = 256 * 1024 * 1024
# The body of a 1,000-page plan is a few MB of XML; parsing XML takes several times its
# size in memory, so a body far beyond that is refused before it is parsed.
MAX_DOCUMENT_XML = 32 * 1024 * 1024


def read_docx(data: bytes, path: str = "<docx>") -> Document:
    _check_container(data, path)
    try:
        docx = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise ExtractionError(path, f"unreadable DOCX ({type(exc).__name__}: {exc})") from exc
    blocks: list[Block] = []
    tabbed: dict[int, str] = {}
    _read_into(docx.element.body, blocks, itertools.count(), tabbed)
    remarks: list[Remark] = []
    doc = Document(
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        fmt="docx",
        blocks=tuple(_tab_tables(blocks, tabbed, remarks)),
        remarks=tuple(remarks),
    )
    return apply_legacy(doc, path)


MIN_TAB_COLUMNS = 3  # a header or signature line set out with one tab has two


def _tab_tables(blocks: list[Block], tabbed: dict[int, str], remarks: list[Remark]) -> list[Block]:
    """Runs of paragraphs typed with tabs (``tabbed``: a block's place -> its text with the
    tabs) as tables, when the run's first line has 3 pieces or more."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j in tabbed:
            j += 1
        lines = [tabbed[k] for k in range(i, j)]
        if j - i >= 2 and len(pieces(lines[0])) >= MIN_TAB_COLUMNS:
            cells, aligned = tab_rows(lines)
            loc = blocks[i].loc
            rows = tuple(
                Row(
                    tuple(Cell(squash(t), Location(row=r, col=c)) for c, t in enumerate(row)),
                    Location(row=r),
                )
                for r, row in enumerate(cells)
            )
            out.append(Table(rows, loc))
            if aligned:
                remarks.append(
                    Remark(
                        "tab_alignment_read",
                        f"paragraph {loc.row}: {alignment_note(lines)}",
                        loc,
                    )
                )
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


def _read_into(
    container: Any, blocks: list[Block], position: Iterator[int], tabbed: dict[int, str]
) -> None:
    """The paragraphs and tables of a body, content control or frame cell, in order;
    ``position`` numbers the elements met (the body's own index when there is no frame);
    a paragraph with a tab between texts is noted in ``tabbed`` with its tabs."""
    for element in container.iterchildren():
        index = next(position)
        if element.tag == qn("w:p"):
            for box in _text_boxes(element):
                _read_into(box, blocks, position, tabbed)
            para = _paragraph(element, index)
            if para is not None:
                raw = _text_of(element)
                if len(pieces(raw)) > 1 and "\n" not in raw:
                    tabbed[len(blocks)] = raw
                blocks.append(para)
        elif element.tag == qn("w:tbl") and _is_frame(element):
            for tr in element.iterchildren(qn("w:tr")):
                for tc in tr.iterchildren(qn("w:tc")):
                    _read_into(tc, blocks, position, tabbed)
        elif element.tag == qn("w:tbl"):
            blocks.append(_table(element, index))
        elif element.tag == qn("w:sdt"):
            for content in element.iterchildren(qn("w:sdtContent")):
                _read_into(content, blocks, position, tabbed)


def _is_frame(tbl: Any) -> bool:
    """Its nested tables have more rows than it has (see the module's rules)."""
    own = len(_own(tbl, "w:tr"))
    return sum(1 for _ in tbl.iter(qn("w:tr"))) - own > own


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# What a reader must not see: a text box's VML copy, text deleted or moved away under
# tracked changes; a text box's own content is read apart (``_text_boxes``).
_UNSEEN = frozenset({_MC_FALLBACK, qn("w:del"), qn("w:moveFrom")})
_BOX = qn("w:txbxContent")
_CONTROLS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})


def _seen(el: Any) -> Iterator[Any]:
    """The element's descendants a reader sees as its own text, in order: none under
    ``_UNSEEN`` or in a text box."""
    for child in el.iterchildren():
        if child.tag in _UNSEEN or child.tag == _BOX:
            continue
        yield child
        yield from _seen(child)


def _text_boxes(el: Any) -> Iterator[Any]:
    """The text boxes anchored in paragraph ``el`` (their ``w:txbxContent``), each once,
    in order: none under ``_UNSEEN``."""
    for child in el.iterchildren():
        if child.tag == _BOX:
            yield child
        elif child.tag not in _UNSEEN:
            yield from _text_boxes(child)


def _own(el: Any, tag: str) -> list[Any]:
    """The children of ``el`` named ``tag``, content controls around them read through."""
    out: list[Any] = []
    for child in el.iterchildren():
        if child.tag == qn(tag):
            out.append(child)
        elif child.tag in _CONTROLS:
            out += _own(child, tag)
    return out


def _check_container(data: bytes, path: str) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExtractionError(path, "corrupt or truncated DOCX (not a readable ZIP)") from exc
    if "word/document.xml" not in zf.namelist():
        raise ExtractionError(path, "a ZIP file but not a Word document (no word/document.xml)")
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_UNCOMPRESSED:
        raise ExtractionError(path, f"DOCX inflates to {total:,} bytes; refused")
    body = zf.getinfo("word/document.xml").file_size  # zipfile never inflates past it
    if body > MAX_DOCUMENT_XML:
        raise ExtractionError(
            path,
            f"DOCX body (word/document.xml) inflates to {body:,} bytes, more than any plan "
            f"({MAX_DOCUMENT_XML // 2**20} MB); refused",
        )


def _text_of(p: Any) -> str:
    parts = []
    for node in _seen(p):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:tab"),):
            parts.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return nfc("".join(parts))


def _bold(p: Any) -> bool:
    runs = [
        r
        for r in _seen(p)
        if r.tag == qn("w:r") and "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
    ]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(qn("w:rPr"))
        b = rpr.find(qn("w:b")) if rpr is not None else None
        if b is None or b.get(qn("w:val")) in ("0", "false"):
            return False
    return True


def _level(p: Any) -> int:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    name = (style.get(qn("w:val")) or "") if style is not None else ""
    m = re.match(r"(?i)heading\s*(\d)", name)
    if m:
        return int(m.group(1))
    return 1 if name.lower() == "title" else 0


def _paragraph(p: Any, index: int) -> Paragraph | None:
    text = squash(_text_of(p).replace("\t", " "))
    if not text:
        return None
    return Paragraph(text=text, loc=Location(row=index), level=_level(p), bold=_bold(p))


def _table(tbl: Any, index: int) -> Table:
    rows = []
    for r, tr in enumerate(_own(tbl, "w:tr")):
        cells: list[Cell] = []
        for tc in _own(tr, "w:tc"):
            tcpr = tc.find(qn("w:tcPr"))
            span = 1
            continued = False
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                span = int(gs.get(qn("w:val"))) if gs is not None else 1
                vm = tcpr.find(qn("w:vMerge"))
                continued = vm is not None and vm.get(qn("w:val")) in (None, "continue")
            paragraphs = _own(tc, "w:p")
            text = "" if continued else squash("\n".join(_cell_lines(tc)))
            bold = (not continued) and any(_bold(p) for p in paragraphs) and bool(text)
            col = len(cells)
            cells.append(Cell(text=text, bold=bold, loc=Location(row=r, col=col)))
            cells += [Cell(text="", loc=Location(row=r, col=col + k)) for k in range(1, span)]
        rows.append(Row(cells=tuple(cells), loc=Location(row=r)))
    return Table(rows=tuple(rows), loc=Location(row=index))


def _cell_lines(container: Any) -> Iterable[str]:
    """A cell's lines: each paragraph (its text boxes' paragraphs first), and a line per
    row of a table nested in it, the row's cells apart."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            for box in _text_boxes(child):
                yield from _cell_lines(box)
            yield _text_of(child)
        elif child.tag == qn("w:tbl"):
            for tr in _own(child, "w:tr"):
                yield " ".join(
                    " ".join(x for x in _cell_lines(tc) if x.strip()) for tc in _own(tr, "w:tc")
                )
        elif child.tag in _CONTROLS:
            yield from _cell_lines(child)
