"""When a file in the inbox is whole: the sensor's rules, apart from Dagster.

A file being copied into the inbox must not load half-way. It is *settled* when its size,
modification and change times and inode have stayed the same for a quiet period (a copy
that stalls for one tick is not yet done), no process has it open for writing (where the
platform tells: ``/proc/*/fd`` on Linux), it is not empty, and its name is not one that
copying tools give unfinished files (``.part``, ``.tmp``, Office's ``~$`` lock files). A
symbolic link is followed only to a file inside the inbox.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warehouse.files import expand_paths

LOCK_PREFIXES = ("~$",)  # Office's owner files beside an open document
WRITE_MODES = (os.O_WRONLY, os.O_RDWR)


@dataclass(frozen=True)
class Sighting:
    """A file as a tick saw it: its signature and since when it has had it (epoch s)."""

    signature: tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
    since: float
    sha: str | None = None

    def as_json(self) -> list[object]:
        return [*self.signature, self.sha, self.since]

    @classmethod
    def from_json(cls, row: list[object]) -> Sighting | None:
        if len(row) != 6:  # a cursor written before the quiet period was kept
            return None
        size, mtime, ctime, ino, sha, since = row
        sig = (int(size), int(mtime), int(ctime), int(ino))  # type: ignore[call-overload]
        return cls(sig, float(since), str(sha) if sha else None)  # type: ignore[arg-type]


def signature(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def candidates(inbox: Path) -> Iterator[Path]:
    """The inbox's files that may be submissions (links leading out of it are skipped)."""
    root = inbox.resolve()
    for path in expand_paths([inbox]) if inbox.exists() else []:
        if path.name.startswith(LOCK_PREFIXES):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            continue
        yield path


def writers_of(path: Path, proc: Path = Path("/proc")) -> list[int]:
    """The processes holding ``path`` open for writing ([] where /proc does not tell)."""
    if not proc.is_dir():
        return []
    target = str(path.resolve())
    found = []
    for fd_dir in proc.glob("[0-9]*/fd"):
        try:
            fds = list(fd_dir.iterdir())
        except OSError:  # gone, or another user's
            continue
        for fd in fds:
            try:
                if os.readlink(fd) != target:
                    continue
                flags = int(
                    (fd_dir.parent / "fdinfo" / fd.name).read_text().split("flags:")[1].split()[0],
                    8,
                )
            except (OSError, IndexError, ValueError):
                continue
            if flags & os.O_ACCMODE in WRITE_MODES:
                found.append(int(fd_dir.parent.name))
                break
    return found


def look(path: Path, before: Sighting | None, now: float, quiet: float) -> tuple[Sighting, bool]:
    """How the file looks now, and whether it is settled."""
    sig = signature(path)
    if before is None or before.signature != sig:  # new, or still changing
        return Sighting(sig, now), False
    if before.sha is not None:  # settled on an earlier tick, and untouched since
        return before, True
    settled = sig[0] > 0 and now - before.since >= quiet and not writers_of(path)
    return before, settled
