"""Input files: which to read (expand), what they are (classify), and their bytes (read).

A large text file (a big CSV) is never held in memory: only its head is read, polars
reads the body from disk, and it is hashed in blocks unless no stored file has its size
(then it cannot be a stored file, and the raw copy hashes it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extractors.errors import ExtractionError
from extractors.metrics.formats import REFUSED
from extractors.metrics.layout import csv_head
from extractors.metrics.vocabulary import header_index
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet
from extractors.progress.cells import head_rows
from extractors.progress.layout import progress_header_index
from extractors.read_any import PdfLimits
from extractors.sniff import Container, sniff
from warehouse.raw_store import sha256_of, sha256_of_file

FileKind = Literal["plan", "metrics", "progress", "unknown"]  # what a submitted file holds

EXTENSIONS: dict[str, Container] = {  # a name that says one of these must hold it
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xls": "xlsx",
    ".csv": "text",
    ".txt": "text",
    ".md": "text",
    ".parquet": "parquet",
}
NEITHER = ("empty", "zip", "xls", "binary")  # neither a plan nor a metric file
SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


@dataclass(frozen=True)
class Limits:
    """How much of a file is read, and what parsing a PDF may take."""

    large_text: int = 64 * 1024 * 1024  # bytes: a text file this large is not held in memory
    head: int = 1024 * 1024  # what is read of it up front (enough to find its layout)
    pdf: PdfLimits = field(default_factory=PdfLimits)
    xlsx: XlsxLimits = field(default_factory=XlsxLimits)
    province: str | None = None  # the deployment's: for metric rows nothing else places
    # a metric file this large (bytes) is judged and written in slices of ``batch_rows``
    # rows, so its rows are never all held at once (``warehouse.metric_batches``)
    batch_from: int = 1 << 30
    batch_rows: int = 500_000


DEFAULT_LIMITS = Limits()


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named and files under folders named, skipping hidden and partial files."""
    out: list[Path] = []
    for p in map(Path, paths):
        candidates = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        out += [
            c
            for c in candidates
            if not c.name.startswith(".") and not c.name.endswith(SKIP_SUFFIXES)
        ]
    return out


def container_of(data: bytes, path: str) -> Container:
    """What the file holds, by content; refused when it is neither a plan nor a table, or
    when its name says otherwise."""
    container = sniff(data)
    if container in NEITHER:
        raise ExtractionError(path, REFUSED[container])
    ext = Path(path).suffix.lower()
    if ext in EXTENSIONS and container != EXTENSIONS[ext]:
        described = "CSV" if container == "text" else container.upper()
        raise ExtractionError(path, f"named {ext} but the content is {described}")
    return container


def classify(
    data: bytes,
    path: str,
    sheet: str | None = None,
    xlsx: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> FileKind:
    """'plan', 'progress' or 'metrics' by content; a name that contradicts the content is
    refused. A table is a progress report when its header has a status column. ``book``:
    an XLSX file's sheet already read (the ingest parses a workbook once), else it is read
    here."""
    container = container_of(data, path)
    if container in ("pdf", "docx"):
        return "plan"
    if _looks_like_progress(data, path, sheet, xlsx, book):
        return "progress"
    if container in ("xlsx", "parquet") or Path(path).suffix.lower() == ".csv":
        return "metrics"
    return "metrics" if _looks_like_metrics(data) else "plan"


def _looks_like_progress(
    data: bytes, path: str, sheet: str | None, xlsx: XlsxLimits | None, book: XlsxSheet | None
) -> bool:
    """A table whose header row (in its first rows) has a status and a task column."""
    try:
        rows = head_rows(data, path, sheet, xlsx, book)
    except ExtractionError:
        return False  # not UTF-8, or a workbook refused: the reader it goes to says why
    return progress_header_index(rows) is not None


def _looks_like_metrics(data: bytes) -> bool:
    """A text file is a metric table when the metric reader finds its header row."""
    try:
        rows, _ = csv_head(data, "<classify>")
    except ExtractionError:
        return False  # not UTF-8: a legacy-encoded plan, if anything
    return header_index(rows) is not None


def is_large_text(size: int, head: bytes, limits: Limits) -> bool:
    """A big CSV: polars reads it from disk; it is never held in memory."""
    return size > limits.large_text and sniff(head) == "text"


@dataclass(frozen=True)
class Content:
    """A file as read for ingesting."""

    data: bytes  # the whole file, or the head of a large text file
    whole: bool
    sha: str | None  # None: a large text file of a size no stored file has - new for sure,
    # hashed as it is copied to the raw store
    stat: os.stat_result

    @property
    def size(self) -> int:
        return len(self.data) if self.whole else self.stat.st_size


def read_content(
    path: Path, limits: Limits, size_seen: Callable[[int], bool], whole: bool = False
) -> Content:
    """Open the file once: small files and binary formats are read whole and hashed; a large
    text file is read up to its head and hashed in blocks, unless ``size_seen`` says no
    stored file has its size."""
    with path.open("rb") as f:
        stat = os.fstat(f.fileno())
        head = f.read(limits.head)
        if whole or not is_large_text(stat.st_size, head, limits):
            data = head + f.read()
            return Content(data, True, sha256_of(data), stat)
        if not size_seen(stat.st_size):
            return Content(head, False, None, stat)
        return Content(head, False, sha256_of_file(f), stat)
