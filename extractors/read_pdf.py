"""Reader for PDF plans (pdfplumber) into the shared Document model.

Rules (stage ``read_pdf``, one page at a time, its cache flushed after):

* characters doubled by fake-bold rendering are removed (``dedupe_chars``);
* ruled tables are found per page; each cell keeps its page, row, column and bbox; a cell
  a merge spans is empty (pdfplumber gives None), as in the DOCX grid;
* a cell's lines are joined with spaces, except that a line opening with a bullet starts a
  new line (a list item) and digits a narrow column wrapped ("10" / "0") are rejoined;
* a header or signature block laid out in two borderless columns (issuer | motto, Số |
  place and date, Nơi nhận | TM. ... / name) comes back as a two-column layout table, as
  the DOCX gives it: a text line whose characters leave a gap wider than twice the font
  size is split there into columns, and the run of such lines (with the lines between them
  that stay on one side of the gutter) becomes one row of two cells;
* a page number in the top or bottom tenth of the page is page furniture and is dropped;
* text outside tables is grouped into paragraphs: a new one starts after a vertical gap,
  where the weight or the case of the lines changes (a bold all-caps heading above
  ordinary text), or at a list item ("- ", "Điều 2.");
* everything is NFC-normalised; text set in a TCVN3 font is converted, VNI is refused;
* a PDF without a text layer is not guessed at: "no text layer (scanned document; OCR
  required)". Encrypted, truncated and corrupt files get a clear error, never a traceback.

Stitching the pages' tables into one is the plan parsers' job (``stitch_tables``), shared
with every format.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors.document import Block, Cell, Document, Location, Paragraph, Row, Table
from extractors.errors import ExtractionError
from extractors.find_front_matter import has_layout_mark
from extractors.legacy_encoding import apply_legacy
from extractors.normalize import join_wrapped, nfc, squash

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
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                page_blocks, page_chars = _page(page, number)
            except ExtractionError:
                raise
            except (MemoryError, Exception) as exc:
                err = _error(path, exc)
                raise ExtractionError(path, f"{err.reason} on page {number}") from exc
            finally:
                page.close()
            blocks += page_blocks
            chars += page_chars
    except ExtractionError:
        raise
    except Exception as exc:
        raise _error(path, exc) from exc
    finally:
        pdf.close()
    if chars == 0:
        raise ExtractionError(path, "no text layer (scanned document; OCR required)")
    doc = Document(
        sha256=hashlib.sha256(data).hexdigest(), path=path, fmt="pdf", blocks=tuple(blocks)
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


def _has_doubled_chars(chars: list[dict[str, Any]]) -> bool:
    """Fake bold: the same glyph drawn twice at (almost) the same place."""
    seen = {(c["text"], round(c["x0"]), round(c["top"])) for c in chars}
    return len(seen) < len(chars)


def _page(page: Any, number: int) -> tuple[list[Block], int]:
    if _has_doubled_chars(page.chars):  # a derived page is costly: only when needed
        page = page.dedupe_chars()
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
        if outside(ln) and not _page_number(ln, page.height)
    ]
    zones, lines = layout_zones(lines)
    for zone in zones:
        placed.append((zone[0]["top"], _layout_table(zone, number)))
    for top, para in _paragraphs(lines, number):
        placed.append((top, para))
    placed.sort(key=lambda tb: tb[0])
    return [b for _, b in placed], len(page.chars)


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


def join_cell_lines(text: str) -> str:
    """Join the lines of a PDF table cell.

    >>> join_cell_lines("Kế hoạch kiểm tra\\nCCHC.\\n- Báo cáo\\nkết quả")
    'Kế hoạch kiểm tra CCHC.\\n- Báo cáo kết quả'
    >>> join_cell_lines("10\\n0")
    '100'
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
        else:
            out = join_wrapped(out, ln)
    return out


_PAGE_NUMBER = re.compile(r"^\s*(?:Trang\s+)?[-–]?\s*\d{1,4}\s*[-–]?\s*$", re.IGNORECASE)
MARGIN_BAND = 0.1  # page numbers sit in the top or bottom tenth of the page


def _page_number(line: dict[str, Any], height: float) -> bool:
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
        while hi + 1 < len(lines) and _joins(lines[hi + 1], lines[hi], gutter, split[hi + 1]):
            hi += 1
        zone = lines[lo : hi + 1]
        pieces = [_chars_text(seg) for ln in zone for seg in _segments(ln)]
        if has_layout_mark("\n".join(pieces)):
            zones.append(zone)
            taken.update(range(lo, hi + 1))
        i = hi + 1
    return zones, [ln for k, ln in enumerate(lines) if k not in taken]


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


def _layout_table(zone: list[dict[str, Any]], page: int) -> Table:
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


def _main() -> None:
    """Child-process entry (see read_any.read_pdf_guarded): bytes in, pickle out."""
    import pickle
    import sys

    path = sys.argv[1] if len(sys.argv) > 1 else "<pdf>"
    try:
        result: object = read_pdf(sys.stdin.buffer.read(), path)
    except ExtractionError as exc:
        result = exc
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    _main()
