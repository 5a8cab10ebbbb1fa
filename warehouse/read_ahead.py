"""A batch's first workbook, read while the warehouse opens.

An XLSX sheet is read in a child process (``extractors.metrics.xlsx.start_reading``), and
what the batch does before its first file - waiting for the writer's turn, opening and
migrating the warehouse, syncing the reference data - does not depend on that sheet. So
the first file of a batch, when it is a workbook, is read and its child started before
any of that: the parse runs on the machine's other core meanwhile. Whether the file is
new, and what is done with the sheet, is decided as before once the warehouse is open: a
file found unchanged kills its child unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.limited import Limited
from extractors.metrics.xlsx import start_reading
from warehouse.files import Content, Limits, container_of, read_content

_ZIP = b"PK\x03\x04"  # every workbook starts so


@dataclass(frozen=True)
class ReadAhead:
    """A workbook's bytes as ``read_content`` read them, and its child at work."""

    path: Path
    content: Content
    reading: Limited


def read_ahead(files: list[Path], sheet: str | None, limits: Limits) -> ReadAhead | None:
    """The first of ``files``, read and its sheet's child started, when it is a workbook
    (anything else, or a file that cannot be read here, is read as usual in its turn).
    The caller closes ``reading`` (a ``with``) however the batch ends."""
    if not files:
        return None
    path = files[0]
    try:
        with path.open("rb") as f:
            if f.read(len(_ZIP)) != _ZIP:
                return None
        # (a binary file is read whole whatever sizes the warehouse has seen)
        content = read_content(path, limits, lambda _size: True)
        if not content.whole or container_of(content.data, str(path)) != "xlsx":
            return None
        reading = start_reading(content.data, str(path), sheet, limits.xlsx)
    except (OSError, ExtractionError):
        return None
    return ReadAhead(path, content, reading)
