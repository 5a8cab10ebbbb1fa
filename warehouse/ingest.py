"""Ingest files into the warehouse: one file, one transaction, nothing lost.

For each file: hash the bytes; a hash already in ``file_manifest`` is *unchanged* and costs
no write. Otherwise parse it (outside any transaction, so a parse error leaves no trace
but its quarantine row), copy the bytes into the content-addressed raw store, then in one
transaction delete the file's old rows, insert the new ones and write its manifest row.
A failure anywhere rolls the transaction back and quarantines the file with the reason;
the rest of the batch goes on. After a batch that wrote anything, the analysts' copy is
published.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

import duckdb
import polars as pl
import pyarrow as pa

from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from extractors.resolve_plan import resolve_plan
from parplan.reference import load_agencies, load_indicators
from warehouse.database import Warehouse, now
from warehouse.load_plan import delete_source, load_plan
from warehouse.read_metrics import Judged, csv_head, header_index, read_judged, sniff
from warehouse.resolve import resolve_pending, sync_reference

METRIC_KEYS = {  # key table -> the metric_facts column that references it
    "metric_agency_keys": "agency_id",
    "metric_indicator_keys": "indicator_id",
    "metric_period_keys": "period_id",
}
EXTENSIONS = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".xlsx": {"xlsx"},
    ".xls": {"xlsx"},
    ".csv": {"csv"},
    ".txt": {"csv"},
    ".md": {"csv"},
    ".parquet": {"parquet"},
}
SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")
T = TypeVar("T")


@dataclass(frozen=True)
class FileResult:
    path: str
    sha256: str
    status: str  # new | unchanged | superseded-old | quarantined
    kind: str
    rows: int = 0
    rejects: int = 0
    error: str | None = None
    superseded: tuple[str, ...] = ()


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)
    published: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def superseded(self) -> int:
        return sum(len(r.superseded) for r in self.results)

    def summary(self) -> str:
        rows = sum(r.rows for r in self.results)
        rejects = sum(r.rejects for r in self.results)
        return (
            f"{len(self.results)} files: {self.count('new')} new, "
            f"{self.count('unchanged')} unchanged, {self.superseded} superseded, "
            f"{self.count('quarantined')} quarantined; {rows} rows loaded, "
            f"{rejects} rows rejected"
        )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(f: BinaryIO) -> str:
    """The hash of an open file's bytes from its start, read in blocks (a large file is
    never held in memory, nor mapped: its pages would count as the loader's memory)."""
    f.seek(0)
    return hashlib.file_digest(f, "sha256").hexdigest()


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


def classify(data: bytes, path: str) -> str:
    """'plan' or 'metrics' by content; a name that contradicts the content is refused."""
    fmt = sniff(data, path)
    ext = Path(path).suffix.lower()
    if ext in EXTENSIONS and fmt not in EXTENSIONS[ext]:
        raise ExtractionError(path, f"named {ext} but the content is {fmt.upper()}")
    if fmt in ("pdf", "docx"):
        return "plan"
    if fmt in ("xlsx", "parquet") or ext == ".csv":
        return "metrics"
    return "metrics" if _looks_like_metrics(data) else "plan"


def _looks_like_metrics(data: bytes) -> bool:
    """A text file is a metric table when the metric reader finds its header row."""
    try:
        rows, _ = csv_head(data, "<classify>")
    except ExtractionError:
        return False  # not UTF-8: a legacy-encoded plan, if anything
    return header_index(rows) is not None


def parse_plan(data: bytes, path: str) -> PlanExtraction:
    doc = read_document(path, data)
    return resolve_plan(extract_plan(doc), load_agencies(), load_indicators())


LARGE_TEXT = 64 * 1024 * 1024  # bytes: a text file this large is not held in memory
HEAD = 1024 * 1024  # what is read of it up front (enough to find its layout)
BINARY_MAGIC = (b"PK\x03\x04", b"PAR1", b"%PDF", b"\xd0\xcf\x11\xe0")


class FileChanged(ExtractionError):
    """The file was written to while it was being loaded: nothing is recorded, so the next
    run loads it once it has settled."""

    REASON = "the file changed while it was being loaded; retry"


def is_large_text(size: int, head: bytes) -> bool:
    """A big CSV: polars reads it from disk; it is never held in memory."""
    return size > LARGE_TEXT and not head.startswith(BINARY_MAGIC) and b"\x00" not in head[:4096]


@dataclass(frozen=True)
class Content:
    """A file as read for ingesting."""

    data: bytes  # the whole file, or the first MiB of a large text file
    whole: bool
    sha: str | None  # None: a large text file of a size no stored file has - new for sure,
    # hashed as it is copied to the raw store
    stat: os.stat_result

    @property
    def size(self) -> int:
        return len(self.data) if self.whole else self.stat.st_size


def read_content(con: duckdb.DuckDBPyConnection, path: Path, whole: bool = False) -> Content:
    """Open the file once: small files and binary formats are read whole and hashed; a large
    text file (a big CSV) is never held in memory - polars reads it from disk - and is hashed
    in blocks unless no stored file has its size (then it cannot be a stored file)."""
    with path.open("rb") as f:
        stat = os.fstat(f.fileno())
        head = f.read(HEAD)
        if whole or not is_large_text(stat.st_size, head):
            data = head + f.read()
            return Content(data, True, sha256_of(data), stat)
        if not _size_seen(con, stat.st_size):
            return Content(head, False, None, stat)
        return Content(head, False, sha256_of_file(f), stat)


def copy_raw(
    wh: Warehouse, source: Path, stat: os.stat_result, sha: str | None = None
) -> tuple[str, Path]:
    """Copy a large file beside the raw store, hashing the copy: (sha256, the copy's
    temporary path; ``keep_raw`` names it by content). ``stat``: the file's stat before it
    was read; a file written to since (size or modification time differ), or whose bytes
    are not the ``sha`` hashed before, is refused rather than stored under the wrong name."""
    tmp = wh.raw_dir / f".{source.name}.{os.getpid()}.tmp"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, tmp)  # in the kernel (copy_file_range / sendfile)
    with tmp.open("rb") as copy:
        copied = sha256_of_file(copy)  # the hash of what is stored, not of what was meant to be
    if changed_since(source, stat) or (sha is not None and copied != sha):
        tmp.unlink()
        raise FileChanged(str(source), FileChanged.REASON)
    return copied, tmp


def keep_raw(wh: Warehouse, sha: str, tmp: Path, suffix: str) -> Path:
    """Give a copy made by ``copy_raw`` its content-addressed name in the raw store."""
    dest = _raw_path(wh, sha, suffix)
    if dest.exists():
        tmp.unlink()
    else:
        os.replace(tmp, dest)
    return dest


def store_file(wh: Warehouse, path: Path, sha: str | None = None) -> tuple[str, Path]:
    """Copy a file into the raw store, hashing the copy (never holding the file in
    memory): (sha256, stored path). ``sha``: the hash the file must have."""
    copied, tmp = copy_raw(wh, path, path.stat(), sha)
    return copied, keep_raw(wh, copied, tmp, path.suffix)


def changed_since(path: Path, stat: os.stat_result) -> bool:
    """The file was written to since ``stat`` was taken (its size or modification time)."""
    after = path.stat()
    return (after.st_size, after.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns)


BACKGROUND_NICE = 10  # the raw copy's priority: it runs on what the parse leaves idle


def in_background(fn: Callable[..., T], *args: object) -> T:
    """Call ``fn`` in this thread at a lower CPU priority (Linux: a thread has a niceness
    of its own; elsewhere it runs at the normal priority)."""
    with suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    return fn(*args)


def _size_seen(con: duckdb.DuckDBPyConnection, size: int) -> bool:
    row = con.execute("select 1 from file_manifest where size_bytes = ? limit 1", [size])
    return row.fetchone() is not None


def hash_file(path: Path) -> str:
    with path.open("rb") as f:
        return sha256_of_file(f)


def _hash_failed(path: Path) -> str:
    """The hash of a file that failed before any copy told it (for its quarantine row)."""
    try:
        return hash_file(path)
    except OSError:
        return ""


def _raw_path(wh: Warehouse, sha: str, suffix: str) -> Path:
    dest = wh.raw_dir / sha[:2] / f"{sha}{suffix.lower()}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest


def store_raw(wh: Warehouse, sha: str, data: bytes, suffix: str) -> Path:
    """Content-addressed copy (write to a temporary name, then rename: never half a file)."""
    dest = _raw_path(wh, sha, suffix)
    if not dest.exists():
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return dest


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    path: Path,
    retry_quarantined: bool = False,
    sheet: str | None = None,
) -> FileResult:
    """Load one file in one transaction, or quarantine it with the reason. ``sheet``: the
    worksheet of an XLSX metric file (default: the first)."""
    spath = str(path)
    try:
        content = read_content(con, path)
    except OSError as exc:
        return FileResult(
            spath, "", "quarantined", "unknown", error=f"{spath}: cannot read ({exc.strerror})"
        )
    if content.sha is not None:
        known = con.execute(
            "select status, kind from file_manifest where sha256 = ?", [content.sha]
        ).fetchone()
        if known and not (retry_quarantined and known[0] == "quarantined"):
            return FileResult(spath, content.sha, "unchanged", known[1])
    kind, copying = "unknown", None
    try:  # everything that can fail on the content fails before any write
        kind = classify(content.data, spath)
        if kind == "plan" and not content.whole:  # a huge text plan, if such a thing exists
            content = read_content(con, path, whole=True)
        with raw_copy(wh, path, content) as copying:
            return _load(con, wh, path, content, kind, sheet, copying)
    except FileChanged as exc:  # nothing recorded: the next run loads the settled file
        return FileResult(spath, "", "quarantined", kind, error=str(exc))
    except ExtractionError as exc:
        reason = str(exc)
    except Exception as exc:  # a bug must not stop the batch: quarantine and say so
        reason = f"{spath}: unexpected {type(exc).__name__}: {exc}"
    sha = content.sha or _copied_sha(copying) or _hash_failed(path)
    return quarantine(con, sha, spath, content.size, kind, reason)


def _copied_sha(copying: Future[tuple[str, Path]] | None) -> str | None:
    """The hash the raw copy took of a file whose load failed (None: no copy was made)."""
    if copying is None or copying.exception() is not None:
        return None
    return copying.result()[0]


@contextmanager
def raw_copy(
    wh: Warehouse, path: Path, content: Content
) -> Iterator[Future[tuple[str, Path]] | None]:
    """A large CSV is copied to the raw store and hashed by a thread of lower priority
    while it is parsed (it runs on the core the parse leaves idle); a copy the load does
    not keep is removed. A file read whole is stored by the load itself (None)."""
    if content.whole:
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        copying = pool.submit(in_background, copy_raw, wh, path, content.stat, content.sha)
        try:
            yield copying
        finally:
            with suppress(Exception):  # (a failed copy left nothing)
                copying.result()[1].unlink(missing_ok=True)


def _load(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    path: Path,
    content: Content,
    kind: str,
    sheet: str | None,
    copying: Future[tuple[str, Path]] | None,
) -> FileResult:
    """Parse, then write in one transaction (rolled back on any failure, then raised)."""
    spath, sha, data = str(path), content.sha, content.data
    plan = parse_plan(data, spath) if kind == "plan" else None
    csv_file = None if content.whole else path
    judged = judge_metrics(con, data, spath, sheet, csv_file) if plan is None else None
    if copying is None:
        assert sha is not None
        known, raw = sha, store_raw(wh, sha, data, path.suffix)
        file_sha: Callable[[], str] = lambda: known  # noqa: E731
    elif changed_since(path, content.stat):  # the rows read may not be the bytes hashed
        raise FileChanged(spath, FileChanged.REASON)
    else:  # the copy is still being hashed: its hash is asked for once the facts are in
        file_sha, raw = (lambda: copying.result()[0]), None
    superseded: list[str] = []
    rejects = 0
    con.execute("begin")
    try:
        if plan is not None:
            fmt = sniff(data, spath)
            rows, superseded = load_plan(con, plan, "text" if fmt == "csv" else fmt)
            for old in superseded:
                con.execute(
                    "update file_manifest set status = 'superseded', updated_at = ? "
                    "where sha256 = ?",
                    [now(), old],
                )
        else:
            assert judged is not None
            if sha is not None:  # a file seen before (a retry): its old rows go
                delete_metrics(con, sha)
            rows, rejects = load_metrics(con, judged, file_sha)
        sha = file_sha()
        if raw is None:
            assert copying is not None
            raw = keep_raw(wh, sha, copying.result()[1], path.suffix)
        _manifest(con, sha, spath, kind, content.size, "loaded", rows, None, str(raw))
        con.execute("commit")
    except ExtractionError:
        con.execute("rollback")
        raise
    except Exception as exc:
        con.execute("rollback")
        raise ExtractionError(spath, f"load failed ({type(exc).__name__}: {exc})") from exc
    return FileResult(spath, sha, "new", kind, rows, rejects, superseded=tuple(superseded))


def judge_metrics(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    path: str,
    sheet: str | None = None,
    csv_file: Path | None = None,
) -> Judged:
    """Read and judge a metric file in memory (nothing is written). ``csv_file``: read the
    body from this file (``data`` is then only its head)."""
    percent = {c for (c,) in con.execute("select code from indicators where unit = '%'").fetchall()}
    _, judged = read_judged(
        data, path, load_agencies(), load_indicators(), percent, sheet, csv_file
    )
    return judged


def load_metrics(
    con: duckdb.DuckDBPyConnection, judged: Judged, file_sha: Callable[[], str]
) -> tuple[int, int]:
    """Write a judged file (inside the caller's transaction): its facts, then its key
    tables with ids after the largest in use, then its rejects. ``file_sha`` gives the
    file's hash, which the key tables and rejects carry; it is asked for only after the
    facts are written (a large CSV is still being copied and hashed meanwhile)."""
    tables = {
        "metric_agency_keys": judged.agencies,
        "metric_indicator_keys": judged.indicators,
        "metric_period_keys": judged.periods,
    }
    base = {}
    for table in tables:
        ((base[table],),) = con.execute(f"select coalesce(max(id) + 1, 0) from {table}").fetchall()
    facts = as_arrow(judged.facts)  # noqa: F841 (read by DuckDB below)
    con.execute(
        """insert into metric_facts select agency_key + ?, indicator_key + ?, period_key + ?,
        source_row, numerator, denominator, value from facts""",
        [base["metric_agency_keys"], base["metric_indicator_keys"], base["metric_period_keys"]],
    )
    sha = file_sha()
    for table, frame in tables.items():
        con.register("keys", frame)
        con.execute(
            f"insert into {table} by name select key + ? as id, ? as source_sha256, "
            "* exclude (key) from keys",
            [base[table], sha],
        )
        con.unregister("keys")
    rejects = judged.rejects  # noqa: F841 (read by DuckDB below)
    con.execute(
        "insert into metric_rejects select ?, source_row, reason, raw_record from rejects", [sha]
    )
    return judged.facts.height, judged.rejects.height


def as_arrow(frame: pl.DataFrame) -> pa.Table:
    """The frame as an Arrow table without a copy. DuckDB reads a polars frame through its
    ``to_arrow()``, which first copies every column into one chunk when the columns'
    chunks do not line up (0.5 s for 10M facts); an Arrow table lets each column keep its
    own chunks."""
    return pa.table({c: frame[[c]].to_arrow().column(0) for c in frame.columns})


def delete_metrics(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    """A metric file's facts (found through its keys), keys and rejects."""
    con.execute(
        """delete from metric_facts where agency_id in
           (select id from metric_agency_keys where source_sha256 = ?)""",
        [sha],
    )
    delete_source(con, sha, (*METRIC_KEYS, "metric_rejects"))


def _manifest(
    con: duckdb.DuckDBPyConnection,
    sha: str,
    path: str,
    kind: str,
    size: int,
    status: str,
    rows: int | None,
    error: str | None,
    raw: str | None,
) -> None:
    ts = now()
    con.execute(
        """insert into file_manifest values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   on conflict (sha256) do update set original_path = excluded.original_path,
                   kind = excluded.kind, status = excluded.status,
                   rows_loaded = excluded.rows_loaded, error = excluded.error,
                   raw_path = excluded.raw_path, updated_at = excluded.updated_at""",
        [sha, path, kind, size, status, rows, error, raw, ts, ts],
    )


def quarantine(
    con: duckdb.DuckDBPyConnection, sha: str, path: str, size: int, kind: str, reason: str
) -> FileResult:
    con.execute("begin")
    con.execute("delete from quarantine where sha256 = ?", [sha])
    con.execute("insert into quarantine values (?, ?, ?, ?)", [sha, path, reason, now()])
    _manifest(con, sha, path, kind, size, "quarantined", 0, reason, None)
    con.execute("commit")
    return FileResult(path, sha, "quarantined", kind, error=reason)


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
) -> BatchReport:
    """Ingest files and folders under the writer's lock; publish if anything was written.
    ``sheet``: the worksheet to read from XLSX metric files (default: each one's first)."""
    files = expand_paths(paths)
    report = BatchReport()
    if progress:
        progress.begin(files)
    with wh.writer(publish=False) as con:
        wrote = sync_reference(con)
        for path in files:
            if progress:
                progress.file_started(path)
            result = ingest_file(con, wh, path, retry_quarantined, sheet)
            report.results.append(result)
            if progress:
                progress.file_done(result)
        wrote = wrote or any(r.status != "unchanged" for r in report.results)
        if wrote:
            con.execute("begin")
            resolve_pending(con)
            con.execute("commit")
        if wrote or not wh.published.exists():
            con.close()
            wh.publish()  # still under the writer's lock
            report.published = True
    return report
