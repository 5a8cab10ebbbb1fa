"""The shared document model every reader produces and every plan parser consumes.

A reader (plain text, PDF, DOCX) turns a file into a :class:`Document`: an ordered
sequence of :class:`Paragraph` and :class:`Table` blocks. Every block, row and cell
carries a :class:`Location` so a record built from it can say where it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in its source file (fields unknown to a format are None)."""

    line: int | None = None
    page: int | None = None
    row: int | None = None
    col: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Cell:
    text: str
    loc: Location
    bold: bool = False

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    loc: Location

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    @property
    def empty(self) -> bool:
        return all(c.empty for c in self.cells)


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    loc: Location


@dataclass(frozen=True)
class Paragraph:
    text: str
    loc: Location
    level: int = 0  # heading level, 0 for body text
    bold: bool = False


Block = Paragraph | Table
PlanFormat = Literal["text", "pdf", "docx", "html"]  # what a plan document was read from


@dataclass(frozen=True)
class Remark:
    """What a reader did to part of a document, said as an issue of ``code`` at ``loc``:
    struck-through text left out (``struck_text_left_out``), tabs read as alignment
    (``tab_alignment_read``)."""

    code: str
    message: str
    loc: Location


@dataclass(frozen=True)
class Document:
    sha256: str
    path: str
    fmt: PlanFormat
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the reader did to the text (e.g. a legacy encoding)
    unread_pages: tuple[int, ...] = ()  # pages with an image and no text layer (a scan)
    # repairs a reader made to part of the text, each under a code of its own (``notes``
    # are conversions of the whole text)
    remarks: tuple[Remark, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


def map_text(doc: Document, convert: Callable[[str], str], note: str) -> Document:
    """The same document with every paragraph and cell text passed through ``convert``."""
    blocks: list[Block] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            blocks.append(Paragraph(convert(b.text), b.loc, b.level, b.bold))
        else:
            blocks.append(
                Table(
                    tuple(
                        Row(tuple(Cell(convert(c.text), c.loc, c.bold) for c in row.cells), row.loc)
                        for row in b.rows
                    ),
                    b.loc,
                )
            )
    return replace(doc, blocks=tuple(blocks), notes=(*doc.notes, note))
