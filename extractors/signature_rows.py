"""A signature block laid out as rows of the table above it.

A text rendering writes the signature's two columns ("Nơi nhận:" | "TM. ỦY BAN NHÂN
DÂN", "- Bộ Nội vụ;" | "KT. CHỦ TỊCH" ...) as TAB rows; after the tasks table they were
read as more rows of it, so the last task took the distribution list as its coordinating
agencies and the signer as its timeframe, and no signer was found. From the first row
that opens a signature - its first filled cell "Nơi nhận" or a role signed for someone
("TM. ...", "KT. ...") - to the table's end, where no row fills more cells than a layout
table has, the rows are a table of their own: the signature block
(``find_front_matter`` reads it, ``stitch_tables`` ends the appendix at it).
"""

from __future__ import annotations

from dataclasses import replace

from extractors.document import Block, Document, Row, Table
from extractors.find_front_matter import MAX_LAYOUT_COLUMNS, MAX_LAYOUT_ROWS, opens_signature


def split_signature_rows(doc: Document) -> Document:
    """The document with each table's trailing signature rows made a table of their own."""
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            blocks.extend(_split(block))
        else:
            blocks.append(block)
    return replace(doc, blocks=tuple(blocks)) if len(blocks) != len(doc.blocks) else doc


def _split(table: Table) -> list[Table]:
    at = signature_start(list(table.rows))
    if at is None or at == 0:
        return [table]
    body, tail = table.rows[:at], table.rows[at:]
    return [replace(table, rows=body), Table(rows=tail, loc=tail[0].loc)]


def signature_start(rows: list[Row]) -> int | None:
    """The index of the row a trailing signature block opens at, or None.

    >>> from extractors.document import Cell, Location
    >>> def row(*texts): return Row(tuple(Cell(t, Location()) for t in texts), Location())
    >>> signature_start([row("1", "Rà soát", "Sở Tư pháp", "Quý II/2025"),
    ...                  row("Nơi nhận:", "KT. CHỦ TỊCH"), row("", "Lê Văn A")])
    1
    >>> signature_start([row("1", "Báo cáo", "Q. Giám đốc Sở", "Quý II/2025")]) is None
    True
    """
    for i, row in enumerate(rows):
        filled = [c.text for c in row.cells if not c.empty]
        if not filled or not opens_signature(filled[0]):
            continue
        tail = rows[i:]
        narrow = all(sum(1 for c in r.cells if not c.empty) <= MAX_LAYOUT_COLUMNS for r in tail)
        if narrow and len(tail) <= MAX_LAYOUT_ROWS:
            return i
    return None
