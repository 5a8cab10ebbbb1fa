"""A large CSV is copied into the raw store and hashed by a thread of lower priority while
it is parsed: the copy runs on the core the parse leaves idle, and the file is read from
disk twice rather than held in memory once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from warehouse import raw_store
from warehouse.files import Content

T = TypeVar("T")
BACKGROUND_NICE = 10  # the raw copy's priority: it runs on what the parse leaves idle
Copying = Future[tuple[str, Path]]  # (sha256, the copy's temporary path)


def in_background(fn: Callable[..., T], *args: object) -> T:
    """Call ``fn`` in this thread at a lower CPU priority (Linux: a thread has a niceness
    of its own; elsewhere it runs at the normal priority)."""
    with suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    return fn(*args)


@contextmanager
def raw_copy(raw_dir: Path, path: Path, content: Content) -> Iterator[Copying | None]:
    """The copy of a file not read whole, made beside the parse; a copy the load does not
    keep is removed. A file read whole is stored by the load itself (None)."""
    if content.whole:
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        copying = pool.submit(
            in_background, raw_store.copy_raw, raw_dir, path, content.stat, content.sha
        )
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
