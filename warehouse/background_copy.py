"""A large CSV is copied into the raw store and hashed by a second thread while it is
parsed: the file is read from disk twice rather than held in memory once.

The thread runs at the parse's own priority: the load's commit needs the copy's hash, so
a copy left to what the parse and the machine's other work leave idle (a lower priority)
only moved its cost to the end of the load, where nothing else runs beside it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

from warehouse import raw_store
from warehouse.files import Content

Copying = Future[tuple[str, Path]]  # (sha256, the copy's temporary path)


@contextmanager
def raw_copy(raw_dir: Path, path: Path, content: Content) -> Iterator[Copying | None]:
    """The copy of a file not read whole, made beside the parse; a copy the load does not
    keep is removed. A file read whole is stored by the load itself (None)."""
    if content.whole:
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        copying = pool.submit(raw_store.copy_raw, raw_dir, path, content.stat, content.sha)
        try:
            yield copying
        finally:
            with suppress(Exception):  # (a failed copy left nothing)
                copying.result()[1].unlink(missing_ok=True)


def copied_sha(copying: Copying | None) -> str | None:
    """The hash the raw copy took of a file whose load failed (None: no copy was made)."""
    if copying is None or copying.exception() is not None:
        return None
    return copying.result()[0]
