"""Choose a reader by the file's content (not its name) and read it into a Document.

PDF parsing runs in a child process with a memory ceiling and a time limit: a 0.5 MB PDF
can inflate to gigabytes (a compression bomb), and such a file must be refused with a
clear error while the calling process survives.
"""

from __future__ import annotations

import pickle
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from extractors.document import Document
from extractors.errors import ExtractionError
from extractors.read_html import looks_like_html, read_html
from extractors.read_text import read_text
from extractors.sniff import sniff

_ROOT = str(Path(__file__).resolve().parent.parent)


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
        if looks_like_html(data):
            return read_html(data, path)
        return read_text(data, path)
    if container == "pdf":
        return read_pdf_guarded(data, path, limits)
    if container in ("docx", "xlsx", "zip"):  # (read_docx names what else a ZIP holds)
        from extractors.read_docx import read_docx

        return read_docx(data, path)
    raise ExtractionError(path, "binary data, not a plan document")


def read_pdf_guarded(data: bytes, path: str, limits: PdfLimits = DEFAULT_PDF_LIMITS) -> Document:
    """read_pdf in a child process that may use at most the ``limits``' memory and time.

    The child (``python -m extractors.read_pdf``) reads the bytes on stdin and writes the
    pickled Document (or ExtractionError) on stdout.
    """

    memory, seconds = limits.memory_bytes, limits.seconds

    def limit() -> None:  # runs in the child before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "extractors.read_pdf", path],
            input=data,
            capture_output=True,
            timeout=seconds,
            preexec_fn=limit,
            cwd=_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError(
            path, f"PDF took longer than {seconds:.0f} s to parse; refused"
        ) from exc
    if proc.returncode != 0 or not proc.stdout:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if "MemoryError" in tail[0] or "allocate" in tail[0] or proc.returncode < 0:
            raise ExtractionError(
                path,
                f"PDF needs more than {memory // 2**20} MB to parse (a compression bomb?); refused",
            )
        raise ExtractionError(path, f"PDF parser failed ({tail[0][:200]})")
    result = pickle.loads(proc.stdout)
    if isinstance(result, ExtractionError):
        raise result
    assert isinstance(result, Document)
    return result
