"""Ingest files into the warehouse: one file, one transaction, nothing lost.

For each file: hash the bytes; a hash already in the manifest is *unchanged* and costs no
write. Otherwise parse it (outside any transaction, so a parse error leaves no trace but
its quarantine row), keep the bytes in the raw store, then in one transaction delete the
file's old rows, insert the new ones and write its manifest row. A failure anywhere rolls
the transaction back and quarantines the file with the reason; the rest of the batch goes
on. After a batch that wrote anything, the analysts' copy is published once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from contextlib import closing, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import duckdb

from extractors.document import PlanFormat
from extractors.errors import ExtractionError
from extractors.metrics.judge import Judged
from extractors.metrics.layout import unread_sheet_message
from extractors.metrics.read import TableRead, read_judged
from extractors.metrics.xlsx import XlsxSheet, sheet_read, start_reading
from extractors.progress import ProgressFile, read_progress
from extractors.read_submission import read_submission
from extractors.records import PlanExtraction
from extractors.reference import Registry
from extractors.xlsx_workbook import sheets as workbook_sheets
from warehouse import manifest, raw_store
from warehouse.background_copy import Copying, copied_sha, raw_copy
from warehouse.batch_outcome import as_history, corrected, kept_out
from warehouse.corrections import record_report_date, refresh_manifest
from warehouse.database import Warehouse, now
from warehouse.files import (
    DEFAULT_LIMITS,
    Content,
    FileKind,
    Limits,
    classify,
    container_of,
    expand_paths,
    read_content,
)
from warehouse.load_plan import load_plan
from warehouse.manifest import Arrival, BatchReport, FileResult, Outcome, Stored, as_submitted
from warehouse.metric_load import CatalogTables, catalog_tables, delete_metrics, load_metrics
from warehouse.metric_notes import judged_said, record_notes
from warehouse.progress_load import delete_progress, load_progress
from warehouse.province_conflicts import reject_conflicts
from warehouse.publish import mark_written
from warehouse.raw_store import FileChanged, sheet_identity
from warehouse.read_ahead import ReadAhead, read_ahead
from warehouse.reference import read_and_sync
from warehouse.resolve import resolve_pending
from warehouse.sheet_attempts import settle_sheet_attempts

Parsed = tuple[PlanExtraction, PlanFormat] | Judged | ProgressFile  # a file read, not yet written


class Progress(Protocol):
    """What a batch reports as it goes (the CLI draws a bar from it)."""

    def begin(self, files: list[Path]) -> None: ...
    def file_started(self, path: Path) -> None: ...
    def file_done(self, result: FileResult) -> None: ...


def ingest(
    paths: Iterable[str | Path],
    wh: Warehouse,
    progress: Progress | None = None,
    retry_quarantined: bool = False,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    arrivals: Mapping[Path, Arrival] | None = None,
    publish: bool = True,
    reread: bool = False,
) -> BatchReport:
    """Ingest files and folders under the writer's lock; publish if anything was written
    (or the analysts' copy was behind already).
    ``sheet``: the worksheet to read from XLSX metric files (default: each one's first);
    a workbook quarantined before is read again when one is chosen.
    ``arrivals``: how files came in (default: now, the batch's start, for every file).
    ``publish=False``: a step of a larger batch that publishes at its end."""
    files = expand_paths(paths)
    report = BatchReport()
    if progress:
        progress.begin(files)
    started = now()
    # (read while the warehouse opens; its reading ended however the batch ends)
    ahead = read_ahead(files, sheet, limits, fresh=not wh.work.exists())
    with (
        closing(ahead) if ahead else nullcontext(),
        wh.writer(publish=False, catch_up=publish) as con,
    ):
        registry, wrote = read_and_sync(con, wh.reference)  # read once for the batch
        for i, path in enumerate(files):
            if progress:
                progress.file_started(path)
            arrival = (arrivals or {}).get(path) or Arrival.now(path, started)
            first = ahead if i == 0 else None
            done = ingest_file(
                con, wh, registry, path, retry_quarantined, sheet, limits, arrival, reread, first
            )
            if first:  # (its reading, still at work when the file was found unchanged, ends)
                first.close()
            result = replace(as_submitted(done, arrival), reread=reread)
            report.results.append(result)
            if progress:
                progress.file_done(result)
        wrote = wrote or any(r.status != Outcome.UNCHANGED for r in report.results)
        loaded = [r.sha256 for r in report.results if r.status == Outcome.NEW]
        if wrote:
            con.execute("begin")
            resolve_pending(con, wh.reference, registry)
            replaced = refresh_manifest(con, loaded)
            mark_written(con)
            con.execute("commit")
            report.results = [corrected(con, r, replaced.get(r.sha256)) for r in report.results]
        report.kept_out, report.no_province = kept_out(
            con, [r.sha256 for r in report.results if r.rows]
        )
        report.history = as_history(con, loaded)
        report.published = publish and wh.is_behind(con)  # published as the lock is let go
    return report


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    registry: Registry,
    path: Path,
    retry_quarantined: bool = False,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    arrival: Arrival | None = None,
    reread: bool = False,
    ahead: ReadAhead | None = None,
) -> FileResult:
    """Load one file in one transaction, or quarantine it with the reason. ``reread``: a
    stored file read again (its rows replaced), as a newer reader reads it. ``ahead``: the
    file read, and its sheet's child started, before the warehouse opened."""
    spath = str(path)
    arrival = arrival or Arrival.now(path, now())
    seen = lambda size: manifest.size_seen(con, size)  # noqa: E731
    file_sha = None  # a sheet of a workbook loaded already: the workbook's (its raw copy's)
    if ahead and not ahead.still_new(seen):  # (another writer made the warehouse meanwhile)
        ahead = None
    try:
        content = ahead.content if ahead else read_content(path, limits, seen)
    except OSError as exc:
        reason = f"{spath}: cannot read ({exc.strerror})"
        return FileResult(spath, "", Outcome.QUARANTINED, "unknown", error=reason)
    if content.sha is not None:
        stored = manifest.known(con, content.sha)
        # a quarantined file is read again on --retry, or when a sheet is chosen (what its
        # quarantine asked for: nothing of it is stored)
        again = (
            (retry_quarantined or sheet is not None) and stored and stored[0] == Stored.QUARANTINED
        )
        sha = content.sha
        # a sheet of a workbook loaded (unless its load read that sheet: the workbook's row)
        if stored and sheet is not None and not again and manifest.sheet_of(con, sha) != sheet:
            file_sha, sha = sha, sheet_identity(sha, sheet)
            content = replace(content, sha=sha)
            stored = manifest.known(con, sha)  # (the sheet's own row, if loaded)
        if stored and not reread and not again:
            return FileResult(spath, sha, Outcome.UNCHANGED, stored[1])
    kind: FileKind = "unknown"
    copying = tables = None
    try:  # everything that can fail on the content fails before any write
        book = None
        if container_of(content.data, spath) == "xlsx":  # parsed once, for kind and rows
            kind = "metrics"  # (a workbook is one, unless its sheet shows a progress table)
            early = ahead.reading if ahead else None
            with early or start_reading(content.data, spath, sheet, limits.xlsx) as reading:
                tables = catalog_tables(con)  # read while the child parses the sheet
                book = sheet_read(reading)
            if file_sha and book.name == book.default:  # the sheet its load read
                return FileResult(spath, file_sha, Outcome.UNCHANGED, kind)
        kind = classify(content.data, spath, sheet, limits.xlsx, book)
        if kind in ("plan", "progress") and not content.whole:  # read whole: a huge one is rare
            content = read_content(path, limits, seen, whole=True)
        with raw_copy(wh.raw_dir, path, content) as copying:
            table = ahead.table if ahead else None  # a CSV's, read while the warehouse was made
            parsed = parse(con, registry, path, content, kind, sheet, limits, book, tables, table)
            if isinstance(parsed, ProgressFile):
                kind = "progress"  # a report document's progress appendix
            named = sheet if book is not None else None  # (the sheet read again on reprocess)
            # (its sheets as the child read them: read again here, before anything is written)
            names = [s.name for s in workbook_sheets(content.data)] if book is not None else []
            done = load(con, wh, path, content, kind, parsed, copying, arrival, file_sha, named)
            if book is not None:  # a mistyped --sheet tried before is over
                settle_sheet_attempts(con, file_sha or done.sha256, names)
            return done
    except FileChanged as exc:  # nothing recorded: the next run loads the settled file
        return FileResult(spath, "", Outcome.QUARANTINED, kind, error=str(exc))
    except ExtractionError as exc:
        reason = str(exc)
    except Exception as exc:  # a bug must not stop the batch: quarantine and say so
        reason = f"{spath}: unexpected {type(exc).__name__}: {exc}"
    sha = content.sha or copied_sha(copying) or hash_failed(path)
    return manifest.quarantine(con, sha, spath, content.size, kind, reason, arrival, sheet)


def hash_failed(path: Path) -> str:
    """The hash of a file that failed before any copy told it (for its quarantine row)."""
    try:
        return raw_store.hash_file(path)
    except OSError:
        return ""


def parse(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    path: Path,
    content: Content,
    kind: FileKind,
    sheet: str | None,
    limits: Limits,
    book: XlsxSheet | None = None,
    tables: CatalogTables | None = None,
    table: Future[TableRead] | None = None,
) -> Parsed:
    """A file's records, read and judged in memory (nothing is written); an XLSX file is
    the sheet ``book``, already read in a child process within ``limits.xlsx``
    (``tables``: the catalog's, read while it was); a CSV's ``table``, being read."""
    if kind == "plan":  # or a report document with a progress appendix
        return read_submission(path, content.data, registry, limits.pdf)
    if kind == "progress":
        return read_progress(  # (the configured province places a report naming none)
            content.data, str(path), sheet, limits.xlsx, book, limits.province, registry
        )
    csv_file = None if content.whole else path  # a large CSV: polars reads it from disk
    percent, catalog = tables or catalog_tables(con)
    layout, judged = read_judged(
        content.data,
        str(path),
        registry.agencies,
        registry.indicators,
        percent,
        sheet,
        csv_file,
        limits.province,
        limits.xlsx,
        registry.reference,
        book,
        catalog,
        limits.batch_rows if content.size >= limits.batch_from else None,
        table.result() if table else None,
        limits.batch_rows,
    )
    return replace(
        judged,
        warnings=tuple(layout.warnings),
        unread_sheets=tuple(unread_sheet_message(str(path), n) for n in layout.unread_sheets),
    )


def load(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    path: Path,
    content: Content,
    kind: FileKind,
    parsed: Parsed,
    copying: Copying | None,
    arrival: Arrival | None = None,
    raw_sha: str | None = None,
    sheet: str | None = None,
) -> FileResult:
    """Write a parsed file in one transaction (rolled back on any failure, then raised).
    ``raw_sha``: the hash its bytes are stored under, when it is not the file's own (a
    sheet of a workbook loaded already is stored as the workbook). ``sheet``: the
    worksheet named for it, recorded in its manifest row."""
    spath, sha, data = str(path), content.sha, content.data
    raw: Path | None
    if copying is None:
        assert sha is not None
        known, raw = sha, raw_store.store_raw(wh.raw_dir, raw_sha or sha, data, path.suffix)
        file_sha: Callable[[], str] = lambda: known  # noqa: E731
    elif raw_store.changed_since(path, content.stat):  # the rows read may not be the bytes hashed
        raise FileChanged(spath, FileChanged.REASON)
    else:  # the copy is still being hashed: its hash is asked for once the facts are in
        file_sha, raw = (lambda: copying.result()[0]), None
    superseded: list[str] = []
    fragment: str | None = None
    stored = Stored.LOADED  # or SUPERSEDED: an older plan version that arrived late
    rejects = errors = 0
    con.execute("begin")
    try:
        if isinstance(parsed, tuple):
            placed = load_plan(con, *parsed, arrival.arrived_at if arrival else None)
            rows, superseded, fragment = placed.records, placed.superseded, placed.fragment
            stored = Stored.SUPERSEDED if placed.history else Stored.LOADED
            errors = sum(1 for issue in parsed[0].issues if issue.severity == "error")
            manifest.mark_superseded(con, superseded)
        elif isinstance(parsed, ProgressFile):
            sha = file_sha()
            delete_progress(con, sha)  # a file seen before (a retry): its old rows go
            rows, rejects = load_progress(con, parsed, sha)
            # the version it states orders its task reports' submissions before arrival
            arrival = replace(arrival or Arrival.now(path, now()), version=parsed.version)
        else:
            if sha is not None:  # a file seen before (a retry): its old rows go
                delete_metrics(con, sha)
            named = arrival.submitted_as if arrival else spath
            parsed = reject_conflicts(con, parsed, named, sha)  # another province's figures
            parsed, rows, rejects = load_metrics(con, parsed, file_sha)
            record_notes(con, file_sha(), parsed)
            # the version the file states orders its figures' submissions before arrival
            arrival = replace(arrival or Arrival.now(path, now()), version=parsed.version)
        sha = file_sha()
        if raw is None:
            assert copying is not None
            raw = raw_store.keep_raw(wh.raw_dir, sha, copying.result()[1], path.suffix)
        manifest.record(
            con, sha, spath, kind, content.size, stored, rows, None, str(raw), arrival, sheet
        )
        if isinstance(parsed, Judged | ProgressFile):  # the report date it states, too
            record_report_date(con, sha, parsed.reported_on)
        mark_written(con)
        con.execute("commit")
    except ExtractionError:
        con.execute("rollback")
        raise
    except Exception as exc:
        con.execute("rollback")
        raise ExtractionError(spath, f"load failed ({type(exc).__name__}: {exc})") from exc
    warnings = parsed.warnings if isinstance(parsed, Judged | ProgressFile) else ()
    return FileResult(
        spath,
        sha,
        Outcome.NEW,
        kind,
        rows,
        rejects,
        superseded=tuple(superseded),
        extraction_errors=errors,
        warnings=warnings,
        fragment=fragment,
        **judged_said(parsed),
    )
