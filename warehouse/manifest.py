"""The manifest of every file seen (by hash), its quarantine, and what a batch reports.

Two closed vocabularies: what happened to a file in this batch (``Outcome``) and what the
manifest says of a stored file (``Stored``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import duckdb

from extractors.versions import parser_version
from warehouse.batch_summary import summary_line
from warehouse.database import now
from warehouse.files import FileKind
from warehouse.publish import mark_written


class Outcome(StrEnum):
    """What a batch did with a file."""

    NEW = "new"  # loaded
    UNCHANGED = "unchanged"  # a known hash: nothing written
    QUARANTINED = "quarantined"  # refused, with the reason


class Stored(StrEnum):
    """``file_manifest.status``."""

    LOADED = "loaded"
    QUARANTINED = "quarantined"
    # kept as history: a plan a newer version replaced, an older version that arrived late,
    # a metric file or progress report whose figures a submission already there replaced
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Arrival:
    """How a file came in: the path it was submitted under (the raw store's copy is read in
    a Dagster run), when it arrived and when it was last modified (what orders
    corrections: a backfill gives the file's modification time as its arrival)."""

    submitted_as: str
    arrived_at: datetime
    modified_at: datetime | None = None
    version: int | None = None  # the version the file states, where it states one

    @classmethod
    def now(cls, path: Path, at: datetime) -> Arrival:
        """A file submitted now: files of one batch arrived together (their modification
        times order them)."""
        return cls(str(path), at, modified_at(path))


def modified_at(path: Path) -> datetime | None:
    """A file's modification time (UTC, naive like every timestamp stored)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
    except OSError:
        return None


@dataclass(frozen=True)
class FileResult:
    path: str
    sha256: str
    status: Outcome
    kind: FileKind
    rows: int = 0
    rejects: int = 0
    error: str | None = None
    superseded: tuple[str, ...] = ()  # earlier files (plan versions, submissions) it replaced
    replaced: int = 0  # figures (a progress report: task reports) of earlier files it replaced
    left_out: int = 0  # figures of the files it replaced that it does not hold (they stay)
    ties: tuple[str, ...] = ()  # files holding the same figures that nothing orders against it
    extraction_errors: int = 0  # a plan's error-level extraction issues (data lost or wrong)
    warnings: tuple[str, ...] = ()  # columns matched loosely or not understood
    notes: tuple[str, ...] = ()  # resolved, but an analyst should know (reorganisation)
    duplicates: tuple[str, ...] = ()  # rows repeating an earlier row, kept once
    fragment: str | None = None  # a plan fragment kept out of the marts: why it is one
    unread_sheets: tuple[str, ...] = ()  # a workbook's other sheets of figures, not read
    contradicted: int = 0  # a progress report's statuses its percents contradict
    totals: int = 0  # total rows kept out of the marts, agreeing with the rows they sum
    counts_dropped: int = 0  # figures whose counts a correction replaced by a share alone
    reread: bool = False  # loaded again from the raw store (``reprocess``), its rows replaced

    @property
    def said(self) -> str:
        """What the batch did with it, as said to the user: a re-read file is no new one."""
        return "re-read" if self.reread and self.status == Outcome.NEW else str(self.status)


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)
    published: bool = False
    kept_out: int = 0  # figures loaded that the marts cannot use: a name (``review_queue``)
    no_province: int = 0  # ... or no province (``extraction_issues``, code ``no_province``)
    history: int = 0  # files loaded that count for nothing: a later submission is current

    def count(self, status: Outcome) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def superseded(self) -> int:
        """Earlier files this batch replaced (in whole or in part), each counted once."""
        return len({sha for r in self.results for sha in r.superseded})

    def replaced(self, kind: FileKind) -> int:
        """Figures (task reports) of earlier files this batch's ``kind`` files replaced."""
        return sum(r.replaced for r in self.results if r.kind == kind)

    @property
    def plans_with_errors(self) -> int:
        """Plans loaded with error-level extraction issues (totals that disagree, cells
        that could not be placed): loaded, but not clean."""
        return sum(1 for r in self.results if r.extraction_errors)

    @property
    def fragments(self) -> int:
        """Plan fragments (a cover page, an annex alone, a draft without number) loaded as
        related documents: they supersede nothing and stay out of the marts."""
        return sum(1 for r in self.results if r.fragment)

    @property
    def rejects(self) -> int:
        return sum(r.rejects for r in self.results)

    @property
    def unread_sheets(self) -> int:
        """Sheets of figures in the workbooks loaded that were not read (a sheet the user
        did not choose is figures not loaded)."""
        return sum(len(r.unread_sheets) for r in self.results)

    @property
    def contradicted(self) -> int:
        """Statuses of the progress reports loaded that their percents contradict (the
        status counts: one of the two is wrong)."""
        return sum(r.contradicted for r in self.results)

    @property
    def counts_dropped(self) -> int:
        """Figures whose Tử số and Mẫu số a correction replaced by a share alone: out of the
        province's ratio of sums from now on."""
        return sum(r.counts_dropped for r in self.results)

    @property
    def tied(self) -> int:
        """Files of the batch holding figures another file holds with nothing to order the
        two (which one counts fell to their hashes)."""
        return sum(1 for r in self.results if r.ties)

    def exit_code(self) -> int:
        """The exit codes of DESIGN.md: 1 a file was quarantined; 3 none quarantined, but rows
        were rejected, figures are kept out of the marts (an unresolved name, no province, a
        plan fragment that supersedes nothing, a workbook's sheet of figures not read), a
        progress status its percent contradicts, or a plan loaded with error-level
        extraction issues; 0 everything loaded clean."""
        if self.count(Outcome.QUARANTINED):
            return 1
        kept_out = self.kept_out or self.no_province or self.fragments or self.unread_sheets
        kept_out = kept_out or self.tied or self.contradicted or self.counts_dropped
        return 3 if self.rejects or kept_out or self.plans_with_errors else 0

    def summary(self) -> str:
        """The summary line: each count, and where to look (``batch_summary``)."""
        return summary_line(self)


def known(con: duckdb.DuckDBPyConnection, sha: str) -> tuple[Stored, FileKind] | None:
    """The manifest's status and kind of a stored file (None: never seen)."""
    row = con.execute("select status, kind from file_manifest where sha256 = ?", [sha]).fetchone()
    return None if row is None else (Stored(row[0]), row[1])


def sheet_of(con: duckdb.DuckDBPyConnection, sha: str) -> str | None:
    """The worksheet a stored file's row read, as named with --sheet (None: the default)."""
    row = con.execute("select sheet from file_manifest where sha256 = ?", [sha]).fetchone()
    return None if row is None else row[0]


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
    arrival: Arrival | None = None,
    sheet: str | None = None,
) -> None:
    """Write a file's manifest row (inside the caller's transaction). A file seen before
    keeps when it first arrived. ``sheet``: the worksheet named for it (None: a workbook's
    default sheet, or not a workbook)."""
    ts = now()
    arrival = arrival or Arrival(path, ts)
    if status != Stored.QUARANTINED:  # loaded now: its quarantine (if any) is over
        con.execute("delete from quarantine where sha256 = ?", [sha])
    con.execute(
        """insert into file_manifest (sha256, original_path, kind, size_bytes, status,
                   rows_loaded, error, raw_path, first_seen_at, updated_at, arrived_at,
                   modified_at, version, supersedes, superseded_by, parser_version, sheet)
                   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, [], [], ?, ?)
                   on conflict (sha256) do update set original_path = excluded.original_path,
                   kind = excluded.kind, status = excluded.status,
                   rows_loaded = excluded.rows_loaded, error = excluded.error,
                   raw_path = excluded.raw_path, updated_at = excluded.updated_at,
                   version = excluded.version, parser_version = excluded.parser_version,
                   sheet = excluded.sheet""",
        [
            sha,
            arrival.submitted_as,
            kind,
            size,
            status.value,
            rows,
            error,
            raw,
            ts,
            ts,
            arrival.arrived_at,
            arrival.modified_at,
            arrival.version,
            None if status == Stored.QUARANTINED else parser_version(kind),
            sheet,
        ],
    )


def mark_superseded(con: duckdb.DuckDBPyConnection, shas: list[str]) -> None:
    for old in shas:
        con.execute(
            "update file_manifest set status = ?, updated_at = ? where sha256 = ?",
            [Stored.SUPERSEDED.value, now(), old],
        )


def quarantine(
    con: duckdb.DuckDBPyConnection,
    sha: str,
    path: str,
    size: int,
    kind: FileKind,
    reason: str,
    arrival: Arrival | None = None,
    sheet: str | None = None,
) -> FileResult:
    """Record a refused file and its reason, in a transaction of its own (``sheet``: the
    worksheet named for it)."""
    submitted = arrival.submitted_as if arrival else path
    con.execute("begin")
    con.execute("delete from quarantine where sha256 = ?", [sha])
    con.execute("insert into quarantine values (?, ?, ?, ?)", [sha, submitted, reason, now()])
    record(con, sha, path, kind, size, Stored.QUARANTINED, 0, reason, None, arrival, sheet)
    mark_written(con)
    con.execute("commit")
    return FileResult(path, sha, Outcome.QUARANTINED, kind, error=reason)


def as_submitted(result: FileResult, arrival: Arrival) -> FileResult:
    """A result named by the path the file was submitted under (a Dagster run reads the raw
    store's copy)."""
    if result.path == arrival.submitted_as:
        return result
    error = result.error and result.error.replace(result.path, arrival.submitted_as)
    return replace(result, path=arrival.submitted_as, error=error)
