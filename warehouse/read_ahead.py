"""A batch's first file, read while the warehouse opens.

What the batch does before its first file - waiting for the writer's turn, opening and
migrating the warehouse, syncing the reference data - runs on one core and does not depend
on that file's rows. So the first file's reading starts before any of that, on the
machine's other core:

* a workbook: its sheet's child is started (``extractors.metrics.xlsx.start_reading``).
  Whether the file is new is decided as before once the warehouse is open: a file found
  unchanged kills its child unread.
* a metric CSV, when the warehouse is fresh (no working file yet): its table is read
  (``extractors.metrics.read.read_table``: polars, on every core) in a thread while the
  warehouse is made. A fresh warehouse has no file stored, so the CSV is new for sure and
  a large one is not hashed up front (its raw copy hashes it). Any other warehouse may
  hold the CSV, and a read once started cannot be stopped: it is read in its turn.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.limited import Limited
from extractors.metrics import read as metric_read
from extractors.metrics.xlsx import start_reading
from warehouse.files import Content, Limits, classify, container_of, read_content

_ZIP = b"PK\x03\x04"  # every workbook starts so


@dataclass(frozen=True)
class ReadAhead:
    """A file's bytes as ``read_content`` read them, and its reading at work: a workbook's
    child, or a CSV's table in a thread. A ``with`` ends the reading however the batch
    ends (``contextlib.closing``: a child is killed; a thread, which cannot be stopped, is
    waited for)."""

    path: Path
    content: Content
    reading: Limited | None = None
    table: Future[metric_read.TableRead] | None = None

    def still_new(self, size_seen: Callable[[int], bool]) -> bool:
        """The bytes read ahead still stand for the file: read whole and hashed, or read
        as new for sure and the warehouse, made by another writer meanwhile, holds no file
        of its size."""
        return self.content.sha is not None or not size_seen(self.content.size)

    def close(self) -> None:
        if self.reading is not None:
            self.reading.close()
        if self.table is not None:
            wait([self.table])


def read_ahead(
    files: list[Path], sheet: str | None, limits: Limits, fresh: bool
) -> ReadAhead | None:
    """The first of ``files``, read and its reading started, when it is a workbook, or a
    metric CSV going into a ``fresh`` warehouse (anything else, or a file that cannot be
    read here, is read as usual in its turn). The caller closes it however the batch ends."""
    if not files:
        return None
    path = files[0]
    try:
        with path.open("rb") as f:
            workbook = f.read(len(_ZIP)) == _ZIP
        if workbook:
            return _workbook_ahead(path, sheet, limits)
        return _csv_ahead(path, sheet, limits) if fresh else None
    except (OSError, ExtractionError):
        return None


def _workbook_ahead(path: Path, sheet: str | None, limits: Limits) -> ReadAhead | None:
    # (a binary file is read whole whatever sizes the warehouse has seen)
    content = read_content(path, limits, lambda _size: True)
    if not content.whole or container_of(content.data, str(path)) != "xlsx":
        return None
    reading = start_reading(content.data, str(path), sheet, limits.xlsx)
    return ReadAhead(path, content, reading=reading)


def _csv_ahead(path: Path, sheet: str | None, limits: Limits) -> ReadAhead | None:
    content = read_content(path, limits, lambda _size: False)  # (nothing stored has its size)
    spath = str(path)
    if container_of(content.data, spath) != "text" or classify(content.data, spath) != "metrics":
        return None
    csv_file = None if content.whole else path
    pool = ThreadPoolExecutor(1, thread_name_prefix="read-ahead")
    table = pool.submit(metric_read.read_table, content.data, spath, sheet, csv_file, limits.xlsx)
    pool.shutdown(wait=False)  # (its thread ends with the read)
    return ReadAhead(path, content, table=table)
