"""Choose a reader by the file's content (not its name) and read it into a Document."""

from __future__ import annotations

from pathlib import Path

from extractors.document import Document
from extractors.errors import ExtractionError
from extractors.read_text import read_text


def sniff(data: bytes) -> str:
    """'pdf', 'docx', 'zip', 'text' or 'binary' from the first bytes.

    >>> sniff(b"%PDF-1.7"), sniff(b"PK\\x03\\x04"), sniff("Số: 1".encode())
    ('pdf', 'zip', 'text')
    """
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    path = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ExtractionError(path, f"cannot read file ({exc.strerror})") from exc
    kind = sniff(data)
    if kind == "text":
        return read_text(data, path)
    if kind == "pdf":
        raise ExtractionError(path, "PDF plans are not supported yet")
    if kind == "zip":
        raise ExtractionError(path, "DOCX plans are not supported yet")
    raise ExtractionError(path, "binary data, not a plan document")
