"""Publishing the analysts' copy, crash-consistently.

The working file counts its writes: every transaction that changes what analysts see bumps
a *generation* (``meta``), and the published copy carries the generation it was copied at.
A writer that finds the published copy behind the working file (a run killed between its
commit and its publish, a disk that filled during the copy) or missing publishes before it
lets go of the lock, so a re-run that changes nothing still brings the analysts up to date.

A copy is made under a temporary name and renamed over the published file: analysts see
the old copy or the new one, never half of one. A copy that fails (a full disk) removes its
temporary file and raises ``PublishError``; the published copy is untouched. Temporary
files a killed process left behind (publish copies, raw-store copies) are removed when the
next writer starts: their names carry the pid of their writer, and a file whose writer is
gone is a leftover.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

Copy = Callable[[Path, Path], object]  # (source, destination): shutil.copyfile by default

TEMP_NAME = re.compile(
    r"""^\.          # hidden
        .+\.         # the file it is a copy of
        (?P<pid>\d+) # the writer's process id
        \.tmp$""",
    re.VERBOSE,
)


class PublishError(OSError):
    """The analysts' copy could not be published; it is unchanged."""


def mark_written(con: duckdb.DuckDBPyConnection) -> None:
    """Count a write (inside the writing transaction): the published copy is now behind."""
    con.execute(
        """insert or replace into meta
        select 'generation', (coalesce(max(value::bigint), 0) + 1)::varchar, now()::timestamp
        from meta where key = 'generation'"""
    )


def generation(con: duckdb.DuckDBPyConnection) -> int:
    """The working file's generation (0: nothing written since generations were counted)."""
    row = con.execute("select value from meta where key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def published_generation(published: Path) -> int | None:
    """The generation of the analysts' copy (None: there is none, or it cannot be read)."""
    if not published.exists():
        return None
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            return generation(con)
    except duckdb.Error:
        return None


def is_behind(con: duckdb.DuckDBPyConnection, published: Path) -> bool:
    """The analysts' copy lacks writes the working file holds (or does not exist)."""
    seen = published_generation(published)
    return seen is None or seen < generation(con)


def publish(work: Path, published: Path, copy: Copy = shutil.copyfile) -> Path:
    """Copy the working file over the analysts' copy atomically (no connection to it open)."""
    tmp = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    with duckdb.connect(str(work)) as con:
        con.execute("checkpoint")
    try:
        copy(work, tmp)
        os.replace(tmp, published)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        why = "the disk is full" if full else (exc.strerror or str(exc))
        raise PublishError(
            exc.errno,
            f"{published}: cannot publish the analysts' copy ({why}); it is unchanged and "
            "the next run publishes once there is room",
        ) from exc
    return published


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_leftovers(folders: list[Path]) -> list[Path]:
    """Remove temporary files whose writer is gone, in these folders and the raw store's
    sub-folders below them; returns what was removed."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]:
            m = TEMP_NAME.match(path.name)
            if m and not pid_alive(int(m["pid"])):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed
