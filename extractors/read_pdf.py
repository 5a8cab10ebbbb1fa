"""Reader for PDF plans (pdfplumber) into the shared Document model.

Rules (stage ``read_pdf``, one page at a time, its cache flushed after):

* characters doubled by fake-bold rendering are removed (``dedupe_chars``);
* struck-through glyphs (deletions a printed "track changes" left visible) are left out,
  and noted with their page (``pdf_strikes``);
* ruled tables are found per page; each cell keeps its page, row, column and bbox; a cell
  a merge spans is empty (pdfplumber gives None), as in the DOCX grid;
* a cell's lines are joined with spaces, except that a line opening with a bullet starts a
  new line (a list item) and digits a narrow column wrapped ("10" / "0") are rejoined;
* a header or signature block laid out in two borderless columns (issuer | motto, Số |
  place and date, Nơi nhận | TM. ... / name) comes back as a two-column layout table, as
  the DOCX gives it, and page numbers are dropped (``pdf_layout``);
* text outside tables is grouped into paragraphs: a new one starts after a vertical gap,
  where the weight or the case of the lines changes (a bold all-caps heading above
  ordinary text), or at a list item ("- ", "Điều 2.");
* everything is NFC-normalised; text set in a TCVN3 font is converted, VNI is refused;
* a PDF without a text layer is not guessed at: "no text layer (scanned document; OCR
  required)"; a page of images without text among pages of text (a scanned appendix) is
  kept in ``Document.unread_pages`` for the plan parser to report, never dropped silently.
  Encrypted, truncated and corrupt files get a clear error, never a traceback.

Stitching the pages' tables into one is the plan parsers' job (``stitch_tables``), shared
with every format.
"""

from __future__ import annotations

import hashlib
import io
import re
from itertools import pairwise
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors.document import Block, Cell, Document, Location, Paragraph, Remark, Row, Table
from extractors.errors import ExtractionError
from extractors.legacy_encoding import apply_legacy
from extractors.normalize import join_wrapped, nfc, squash
from extractors.pdf_layout import layout_table, layout_zones, page_number
from extractors.pdf_strikes import strikes, struck_chars, struck_text

_BULLET = re.compile(r"^\s*[-–•+]\s")
_NEW_ITEM = re.compile(r"^\s*(?:[-–•+]\s|Điều\s+\d|Căn\s+cứ|[IVX]+\.\s|\d+\.\s)")


def _error(path: str, exc: BaseException) -> ExtractionError:
    """The clear error for what pdfminer (often wrapped by pdfplumber) raised."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    text = f"{type(inner).__name__}: {inner}"
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError) or "password" in text.lower():
        return ExtractionError(path, "encrypted PDF (a password is required)")
    if isinstance(inner, MemoryError) or "allocate" in text:
        return ExtractionError(
            path, "PDF inflates beyond the memory limit (a compression bomb?); refused"
        )
    return ExtractionError(path, f"corrupt or truncated PDF ({type(inner).__name__})")


def read_pdf(data: bytes, path: str = "<pdf>") -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        upright = _unrotated(data, pdf)
        if upright is not None:  # pages turned sideways for display: read them upright
            pdf.close()
            pdf = pdfplumber.open(io.BytesIO(upright))
    except Exception as exc:  # pdfminer raises many kinds for broken files
        raise _error(path, exc) from exc
    blocks: list[Block] = []
    chars = 0
    unread: list[int] = []
    remarks: list[Remark] = []
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                page_blocks, page_chars, page_struck = _page(page, number)
                if not page_chars and page.images:
                    unread.append(number)
            except ExtractionError:
                raise
            except (MemoryError, Exception) as exc:
                err = _error(path, exc)
                raise ExtractionError(path, f"{err.reason} on page {number}") from exc
            finally:
                page.close()
            blocks += page_blocks
            chars += page_chars
            remarks += [
                Remark(
                    "struck_text_left_out",
                    f"page {number}: struck-through text left out (a deletion printed with "
                    f"tracked changes): {text!r}",
                    Location(page=number),
                )
                for text in page_struck
            ]
    except ExtractionError:
        raise
    except Exception as exc:
        raise _error(path, exc) from exc
    finally:
        pdf.close()
    if chars == 0:
        raise ExtractionError(path, "no text layer (scanned document; OCR required)")
    doc = Document(
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        fmt="pdf",
        blocks=tuple(blocks),
        unread_pages=tuple(unread),
        remarks=tuple(remarks),
    )
    return apply_legacy(doc, path)


def _unrotated(data: bytes, pdf: Any) -> bytes | None:
    """The PDF with /Rotate removed from pages whose text then runs sideways (a page turned
    for display, e.g. by a scanner or a viewer's "rotate and save"); None when none is."""
    turned = []
    for i, page in enumerate(pdf.pages):
        if page.rotation % 360:
            chars = page.chars
            if chars and sum(1 for c in chars if not _reads_normally(c)) > len(chars) / 2:
                turned.append(i)
            page.close()
    if not turned:
        return None
    import pypdfium2  # type: ignore[import-untyped]  # ships with pdfplumber

    doc = pypdfium2.PdfDocument(data)
    try:
        for i in turned:
            doc[i].set_rotation(0)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


def _reads_normally(char: dict[str, Any]) -> bool:
    """Horizontal and the right way up in page space (not sideways, not upside down)."""
    a, b, c, d = char.get("matrix", (1, 0, 0, 1, 0, 0))[:4]
    return bool(char.get("upright", True)) and a > 0 and d > 0 and abs(b) < 1e-6 > abs(c)


# How far apart (in ems) two equal glyphs on one line may be drawn and still be one glyph
# drawn twice: fake bold draws it again at the same place, LibreOffice's overlapping
# glyphs ("QQuuýý IIII//22002255") a point or so to the right. The narrowest glyphs ("i",
# ".") are a quarter em wide, so two of them side by side stay two.
_DOUBLED_EM = 0.2


def doubled_tolerance(chars: list[dict[str, Any]]) -> float | None:
    """The distance within which equal glyphs are one glyph drawn twice on this page (for
    ``dedupe_chars``), or None when no glyph is drawn twice.

    >>> c = lambda t, x: {"text": t, "x0": x, "top": 10.0, "size": 8.0}
    >>> doubled_tolerance([c("Q", 10.0), c("Q", 10.7), c("u", 14.0), c("u", 14.7)])
    1.0
    >>> doubled_tolerance([c("l", 10.0), c("l", 12.2)]) is None  # "ll": two glyphs
    True
    """
    if not chars:
        return None
    cap = _DOUBLED_EM * min(float(c.get("size", 0) or 0) or 10.0 for c in chars)
    ordered = sorted(chars, key=lambda c: (c["text"], round(c["top"]), c["x0"]))
    gaps = [
        float(b["x0"]) - float(a["x0"])
        for a, b in pairwise(ordered)
        if a["text"] == b["text"]
        and not a["text"].isspace()
        and abs(a["top"] - b["top"]) < 1
        and b["x0"] - a["x0"] < cap
    ]
    if not gaps:
        return None
    return max(1.0, min(cap, max(gaps) + 0.01))


def _page(page: Any, number: int) -> tuple[list[Block], int, list[str]]:
    tolerance = doubled_tolerance(page.chars)
    if tolerance is not None:  # a derived page is costly: only when needed
        page = page.dedupe_chars(tolerance=tolerance)
    struck = struck_chars(page.chars, strikes(page))
    left_out: list[str] = []
    if struck:
        gone = {id(page.chars[i]) for i in struck}
        left_out = struck_text(page.chars, struck)
        page = page.filter(lambda obj: id(obj) not in gone)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    placed: list[tuple[float, Block]] = []
    for t_index, table in enumerate(tables):
        placed.append((table.bbox[1], _table(table, number, t_index)))
    lines = [
        ln
        for ln in page.extract_text_lines(return_chars=True, strip=True)
        if outside(ln) and not page_number(ln, page.height)
    ]
    zones, lines = layout_zones(lines)
    for zone in zones:
        placed.append((zone[0]["top"], layout_table(zone, number)))
    for top, para in _paragraphs(lines, number):
        placed.append((top, para))
    placed.sort(key=lambda tb: tb[0])
    return [b for _, b in placed], len(page.chars), left_out


def _table(table: Any, page: int, index: int) -> Table:
    rows = []
    for r, (texts, row) in enumerate(zip(table.extract(), table.rows, strict=False)):
        cells = []
        for c, text in enumerate(texts):
            bbox = row.cells[c] if c < len(row.cells) else None
            cells.append(
                Cell(
                    text=join_cell_lines(text or ""),
                    loc=Location(page=page, row=r, col=c, bbox=tuple(bbox) if bbox else None),
                )
            )
        rows.append(Row(cells=tuple(cells), loc=Location(page=page, row=r)))
    return Table(rows=tuple(rows), loc=Location(page=page, bbox=tuple(table.bbox), row=index))


# A number whose thousands groups a narrow column wrapped after a separator: the line ends
# in groups of three digits and a separator ("1.500.000."), the next opens with three
# digits ("000 đồng"); a sentence ending in a year ("Quý II/2025.") has no such groups.
_WRAPPED_AT_SEPARATOR = re.compile(r"(?:^|\s)\d{1,3}(?:[.,]\d{3})*[.,]$")
_DIGIT_GROUP = re.compile(r"\d{3}(?:[.,]\d{3})*(?:\s|$)")


def join_cell_lines(text: str) -> str:
    """Join the lines of a PDF table cell.

    >>> join_cell_lines("Kế hoạch kiểm tra\\nCCHC.\\n- Báo cáo\\nkết quả")
    'Kế hoạch kiểm tra CCHC.\\n- Báo cáo kết quả'
    >>> join_cell_lines("10\\n0")
    '100'
    >>> join_cell_lines("1.500.000.\\n000 đồng"), join_cell_lines("Quý II/2025.\\n2026")
    ('1.500.000.000 đồng', 'Quý II/2025. 2026')
    """
    lines = [ln.strip() for ln in nfc(text).split("\n") if ln.strip()]
    out = ""
    for ln in lines:
        if not out:
            out = ln
        elif _BULLET.match(ln):
            out += "\n" + ln
        elif out[-1].isdigit() and ln[0].isdigit() and re.fullmatch(r"[\d.,\s]+", out + ln):
            out += ln  # a number a narrow column wrapped
        elif _WRAPPED_AT_SEPARATOR.search(out) and _DIGIT_GROUP.match(ln):
            out += ln  # "1.500.000." / "000 đồng": wrapped after a thousands separator
        else:
            out = join_wrapped(out, ln)
    return out


def _style(line: dict[str, Any]) -> tuple[bool, bool]:
    chars = [c for c in line.get("chars", []) if c["text"].strip()]
    bold = bool(chars) and all("bold" in c.get("fontname", "").lower() for c in chars)
    letters = [ch for ch in line["text"] if ch.isalpha()]
    caps = bool(letters) and all(ch.isupper() for ch in letters)
    return bold, caps


def _paragraphs(lines: list[dict[str, Any]], page: int) -> list[tuple[float, Paragraph]]:
    out: list[tuple[float, Paragraph]] = []
    current: list[dict[str, Any]] = []

    def flush() -> None:
        if current:
            joined = ""
            for ln in current:
                joined = join_wrapped(joined, ln["text"]) if joined else ln["text"]
            text = squash(nfc(joined))
            if text:
                bold = _style(current[0])[0]
                top = current[0]["top"]
                x0 = min(ln["x0"] for ln in current)
                bbox = (x0, top, max(ln["x1"] for ln in current), current[-1]["bottom"])
                out.append(
                    (top, Paragraph(text=text, bold=bold, loc=Location(page=page, bbox=bbox)))
                )
            current.clear()

    for line in lines:
        if current:
            prev = current[-1]
            height = max(prev["bottom"] - prev["top"], 1.0)
            gap = line["top"] - prev["bottom"]
            if gap > 0.8 * height or _style(line) != _style(prev) or _NEW_ITEM.match(line["text"]):
                flush()
        current.append(line)
    flush()
    return out
