"""The manifest of every file seen (by hash), its quarantine, and what a batch reports.

Two closed vocabularies: what happened to a file in this batch (``Outcome``) and what the
manifest says of a stored file (``Stored``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import duckdb

from warehouse.database import now
from warehouse.files import FileKind


class Outcome(StrEnum):
    """What a batch did with a file."""

    NEW = "new"  # loaded
    UNCHANGED = "unchanged"  # a known hash: nothing written
    QUARANTINED = "quarantined"  # refused, with the reason


class Stored(StrEnum):
    """``file_manifest.status``."""

    LOADED = "loaded"
    QUARANTINED = "quarantined"
    SUPERSEDED = "superseded"  # a plan a newer version replaced


@dataclass(frozen=True)
class FileResult:
    path: str
    sha256: str
    status: Outcome
    kind: FileKind
    rows: int = 0
    rejects: int = 0
    error: str | None = None
    superseded: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # resolved, but an analyst should know (reorganisation)


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)
    published: bool = False

    def count(self, status: Outcome) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def superseded(self) -> int:
        return sum(len(r.superseded) for r in self.results)

    def summary(self) -> str:
        rows = sum(r.rows for r in self.results)
        rejects = sum(r.rejects for r in self.results)
        return (
            f"{len(self.results)} files: {self.count(Outcome.NEW)} new, "
            f"{self.count(Outcome.UNCHANGED)} unchanged, {self.superseded} superseded, "
            f"{self.count(Outcome.QUARANTINED)} quarantined; {rows} rows loaded, "
            f"{rejects} rows rejected"
        )


def known(con: duckdb.DuckDBPyConnection, sha: str) -> tuple[Stored, FileKind] | None:
    """The manifest's status and kind of a stored file (None: never seen)."""
    row = con.execute("select status, kind from file_manifest where sha256 = ?", [sha]).fetchone()
    return None if row is None else (Stored(row[0]), row[1])


def size_seen(con: duckdb.DuckDBPyConnection, size: int) -> bool:
    """Some stored file has this size (else a file of this size is new for sure)."""
    row = con.execute("select 1 from file_manifest where size_bytes = ? limit 1", [size])
    return row.fetchone() is not None


def record(
    con: duckdb.DuckDBPyConnection,
    sha: str,
    path: str,
    kind: FileKind,
    size: int,
    status: Stored,
    rows: int | None,
    error: str | None,
    raw: str | None,
) -> None:
    """Write a file's manifest row (inside the caller's transaction)."""
    ts = now()
    con.execute(
        """insert into file_manifest values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   on conflict (sha256) do update set original_path = excluded.original_path,
                   kind = excluded.kind, status = excluded.status,
                   rows_loaded = excluded.rows_loaded, error = excluded.error,
                   raw_path = excluded.raw_path, updated_at = excluded.updated_at""",
        [sha, path, kind, size, status.value, rows, error, raw, ts, ts],
    )


def mark_superseded(con: duckdb.DuckDBPyConnection, shas: list[str]) -> None:
    for old in shas:
        con.execute(
            "update file_manifest set status = ?, updated_at = ? where sha256 = ?",
            [Stored.SUPERSEDED.value, now(), old],
        )


def quarantine(
    con: duckdb.DuckDBPyConnection, sha: str, path: str, size: int, kind: FileKind, reason: str
) -> FileResult:
    """Record a refused file and its reason, in a transaction of its own."""
    con.execute("begin")
    con.execute("delete from quarantine where sha256 = ?", [sha])
    con.execute("insert into quarantine values (?, ?, ?, ?)", [sha, path, reason, now()])
    record(con, sha, path, kind, size, Stored.QUARANTINED, 0, reason, None)
    con.execute("commit")
    return FileResult(path, sha, Outcome.QUARANTINED, kind, error=reason)
