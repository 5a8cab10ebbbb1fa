"""Reader for the plain-text (markdown-like) rendering of a plan.

The rendering is what converters such as pandoc or PDF-to-markdown tools emit:

* paragraphs separated by blank lines, ``#`` headings, ``**bold**``, list lines ``- ...``;
* table rows as tab-separated lines, cells possibly holding HTML (``<b>``, ``<ul><li>``);
* page breaks as blank lines, even in the middle of a table.

Rules (stage ``read_text``):

1. Decode UTF-8 (a BOM is dropped), normalise to NFC.
2. A line containing a tab is a table row, and so is a markdown pipe row
   (``| a | b |``; the ``|---|---|`` rule under its header is skipped, ``<br>`` is a line
   break in a cell). Consecutive rows form one table; blank lines between rows do not end
   it (a page break inside a table), any other line does.
3. Other non-blank lines group into paragraphs until a blank line, a heading line or a
   list item (``- ``) starts a new one. ``****`` (two bold runs glued together) splits a
   paragraph in two.
4. A run of TAB rows laid out with tabs for alignment (as many tabs between two cells as
   reach the next column) is read on its header's columns (``tab_stops``), and said.
5. A table laid out with spaces as columns (no TAB, no pipe: text copied from a PDF
   viewer) starts at its ``STT``/``TT`` header line and is read by ``aligned_text``.
"""

from __future__ import annotations

import hashlib
import re

from extractors import aligned_text
from extractors.document import Block, Cell, Document, Location, Paragraph, Remark, Row, Table
from extractors.errors import ExtractionError
from extractors.legacy_encoding import TCVN3_NOTE, VNI_REFUSED, detect, from_tcvn3
from extractors.normalize import is_bold_markup, nfc, squash, strip_markup
from extractors.tab_stops import alignment_note, tab_rows

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# "| a | b |": a markdown pipe-table row (the outer pipes required, as converters write).
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# "|---|:---:|": the rule under a pipe table's header.
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary (not an escaped "\|")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*[-•]\s+")


def decode_text(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode UTF-8 text (BOM allowed), or TCVN3 (ABC) bytes converted to Unicode.

    Returns the NFC text and notes on any conversion; raises a clear error naming the file
    for anything else (VNI text included).
    """
    if not data.strip():
        raise ExtractionError(path, "empty file")
    if b"\x00" in data[:4096]:
        raise ExtractionError(path, "binary data, not a text rendering of a plan")
    not_utf8: UnicodeDecodeError | None = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text, not_utf8 = data.decode("latin-1"), exc  # an 8-bit legacy file, if anything
    kind = detect(text)  # TCVN3 letters may also come as Latin-1 characters inside UTF-8
    if kind == "vni":
        raise ExtractionError(path, VNI_REFUSED)
    if kind == "tcvn3":
        return nfc(from_tcvn3(text)), [TCVN3_NOTE]
    if not_utf8 is not None:
        bad = data[not_utf8.start : not_utf8.start + 1]
        raise ExtractionError(
            path, f"not UTF-8 text (byte {not_utf8.start}: {bad!r})"
        ) from not_utf8
    return nfc(text), []


def read_text(data: bytes, path: str = "<text>") -> Document:
    """Read the text rendering into a :class:`Document`."""
    text, notes = decode_text(data, path)
    sha = hashlib.sha256(data).hexdigest()
    remarks: list[Remark] = []
    return Document(
        sha256=sha,
        path=path,
        fmt="text",
        blocks=tuple(_blocks(text.split("\n"), remarks)),
        notes=tuple(notes),
        remarks=tuple(remarks),
    )


def _row(line: str, lineno: int) -> Row:
    return _cells_row(_raw_cells(line.rstrip("\r")), lineno)


def _cells_row(raws: list[str], lineno: int) -> Row:
    cells = tuple(
        Cell(text=strip_markup(raw), bold=is_bold_markup(raw), loc=Location(line=lineno, col=i))
        for i, raw in enumerate(raws)
    )
    return Row(cells=cells, loc=Location(line=lineno))


def _tab_table(rows: list[Row], lines: list[str], remarks: list[Remark]) -> Table:
    """The table of a run of rows, re-read on its header's columns when its tabs align."""
    if len(lines) != len(rows):
        return Table(rows=tuple(rows), loc=rows[0].loc)
    cells, aligned = tab_rows(lines)
    if not aligned:
        return Table(rows=tuple(rows), loc=rows[0].loc)
    remarks.append(
        Remark(
            "tab_alignment_read", f"line {rows[0].loc.line}: {alignment_note(lines)}", rows[0].loc
        )
    )
    found = [_cells_row(c, r.loc.line or 0) for c, r in zip(cells, rows, strict=True)]
    return Table(rows=tuple(found), loc=found[0].loc)


def _raw_cells(line: str) -> list[str]:
    r"""The cells of a tab row or of a markdown pipe row.

    >>> _raw_cells("| 1 | Sở Tư pháp \\| Sở Nội vụ | a<br>b |")
    ['1', 'Sở Tư pháp | Sở Nội vụ', 'a\nb']
    """
    if "\t" in line:
        return line.split("\t")
    inner = line.strip()[1:-1]
    return [_BR.sub("\n", c).replace("\\|", "|").strip() for c in _PIPE.split(inner)]


def _aligned_row(texts: list[str], lineno: int) -> Row:
    cells = tuple(
        Cell(text=text, bold=False, loc=Location(line=lineno, col=i))
        for i, text in enumerate(texts)
    )
    return Row(cells=cells, loc=Location(line=lineno))


def _is_row(line: str) -> bool:
    return "\t" in line or bool(_PIPE_ROW.match(line))


def _paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Turn one run of prose lines into paragraphs (splitting glued bold runs)."""
    first = lines[0][0]
    heading = _HEADING.match(lines[0][1])
    level = len(heading.group(1)) if heading else 0
    raw = "\n".join(
        heading.group(2) if heading and i == 0 else ln for i, (_, ln) in enumerate(lines)
    )
    out = []
    for part in re.split(r"\*\*\*\*", raw):
        text = strip_markup(part if part.count("**") % 2 == 0 else part + "**")
        if text:
            bold = is_bold_markup(part) or raw.startswith("**")
            out.append(
                Paragraph(text=squash(text), level=level, bold=bold, loc=Location(line=first))
            )
    return out


def _blocks(lines: list[str], remarks: list[Remark]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[Row] = []
    tab_lines: list[str] = []  # the rows' lines, while every row is a TAB row
    prose: list[tuple[int, str]] = []

    def flush_prose() -> None:
        if prose:
            blocks.extend(_paragraphs(prose))
            prose.clear()

    def flush_rows() -> None:
        if rows:
            blocks.append(_tab_table(rows, tab_lines, remarks))
            rows.clear()
            tab_lines.clear()

    aligned: list[tuple[int, list[str]]] = []  # an aligned table's rows, cells still growing
    columns: list[int] = []

    def flush_aligned() -> None:
        if aligned:
            found = [_aligned_row(texts, lineno) for lineno, texts in aligned]
            blocks.append(Table(rows=tuple(found), loc=found[0].loc))
            aligned.clear()

    for lineno, line in enumerate(lines, start=1):
        if aligned and not line.strip():
            continue  # a page break inside the table
        if aligned and aligned_text.is_row(line, columns):
            wrapped = aligned_text.continues(line, columns)
            if wrapped is not None:
                col, text = wrapped
                last = aligned[-1][1]
                last[col] = f"{last[col]} {text}".strip()
            else:
                aligned.append((lineno, aligned_text.place(aligned_text.cells_at(line), columns)))
            continue
        flush_aligned()
        header = None if rows else aligned_text.header_columns(line)
        if header is not None:
            flush_prose()
            columns = header
            aligned.append((lineno, [text for _, text in aligned_text.cells_at(line)]))
            continue
        if _PIPE_RULE.match(line) and rows:
            continue
        if _is_row(line):
            flush_prose()
            rows.append(_row(line, lineno))
            if "\t" in line:
                tab_lines.append(line.rstrip("\r"))
        elif not line.strip():
            flush_prose()  # a blank line ends a paragraph but not a table (page break)
        else:
            flush_rows()
            starts_new = _HEADING.match(line) or _LIST_ITEM.match(line)
            if starts_new or (prose and _HEADING.match(prose[0][1])):
                flush_prose()
            prose.append((lineno, line))
    flush_prose()
    flush_rows()
    flush_aligned()
    return blocks
