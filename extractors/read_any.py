"""Choose a reader by the file's content (not its name) and read it into a Document.

PDF parsing runs in a child process with a memory ceiling and a time limit
(``extractors.limited``): a 0.5 MB PDF can inflate to gigabytes (a compression bomb), and
such a file must be refused with a clear error while the calling process survives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from extractors.document import Document
from extractors.errors import ExtractionError
from extractors.limited import run_limited
from extractors.read_html import looks_like_html, read_html
from extractors.read_text import read_text
from extractors.sniff import sniff

# A plan's text rendering is a few MB at most (a 1,000-page plan: ~3 MB) and its longest
# line a table row of some KB; far beyond either is not a plan, and reading it as one
# would take minutes and gigabytes. A saved HTML page may be minified into one line.
MAX_TEXT_BYTES = 32 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
_LONG_LINE = re.compile(rb"[^\n]{%d}" % MAX_LINE_BYTES)


@dataclass(frozen=True)
class PdfLimits:
    """What parsing one PDF may take (the edges override these from
    ``PARPLAN_PDF_MEMORY_MB`` and ``PARPLAN_PDF_SECONDS``)."""

    memory_bytes: int = 2048 * 1024 * 1024
    seconds: float = 300.0


DEFAULT_PDF_LIMITS = PdfLimits()


def read_document(
    path: str | Path, data: bytes | None = None, limits: PdfLimits = DEFAULT_PDF_LIMITS
) -> Document:
    path = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ExtractionError(path, f"cannot read file ({exc.strerror})") from exc
    container = sniff(data)
    if container in ("text", "empty"):  # (read_text refuses an empty file by name)
        if Path(path).suffix.lower() == ".pdf":
            raise ExtractionError(path, "named .pdf but the content is not a PDF")
        check_text_size(data, path)
        if looks_like_html(data):
            return read_html(data, path)
        return read_text(data, path)
    if container == "pdf":
        return read_pdf_guarded(data, path, limits)
    if container in ("docx", "xlsx", "zip"):  # (read_docx names what else a ZIP holds)
        from extractors.read_docx import read_docx

        return read_docx(data, path)
    raise ExtractionError(path, "binary data, not a plan document")


def check_text_size(data: bytes, path: str) -> None:
    """Refuse a text far larger than any plan, or (unless HTML) with an absurdly long line.

    >>> check_text_size(b"x" * (MAX_LINE_BYTES + 1), "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractors.errors.ExtractionError: a.txt: a line of more than 1 MB: ... refused
    """
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractionError(
            path,
            f"{len(data) / 2**20:.0f} MB of text, more than any plan "
            f"({MAX_TEXT_BYTES // 2**20} MB); refused",
        )
    if not looks_like_html(data) and _LONG_LINE.search(data):
        raise ExtractionError(
            path, f"a line of more than {MAX_LINE_BYTES // 2**20} MB: not a plan rendering; refused"
        )


def read_pdf_guarded(data: bytes, path: str, limits: PdfLimits = DEFAULT_PDF_LIMITS) -> Document:
    """read_pdf in a child process that may use at most the ``limits``' memory and time."""
    result = run_limited("extractors.read_pdf:read_pdf", path, data, limits, "PDF")
    assert isinstance(result, Document)
    return result
