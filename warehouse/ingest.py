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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from extractors.resolve_plan import resolve_plan
from parplan.reference import load_agencies, load_indicators
from warehouse.database import Warehouse, now
from warehouse.load_plan import delete_source, load_plan
from warehouse.read_metrics import MetricFrame, read_metric_file, sniff
from warehouse.resolve import resolve_frame, resolve_pending, sync_reference

METRIC_TABLES = ("metric_observations", "metric_rejects")
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
    from warehouse.read_metrics import map_roles

    head = data[:16384].decode("utf-8", "ignore").lstrip("\ufeff").splitlines()[:15]
    for line in head:
        sep = ";" if line.count(";") > line.count(",") else ","
        if "\t" in line and line.count("\t") > line.count(sep):
            sep = "\t"
        if "agency" in map_roles([c.strip().strip('"') for c in line.split(sep)]):
            return True
    return False


def parse_file(data: bytes, path: str) -> tuple[str, PlanExtraction | MetricFrame]:
    kind = classify(data, path)
    if kind == "plan":
        doc = read_document(path, data)
        plan = resolve_plan(extract_plan(doc), load_agencies(), load_indicators())
        return kind, plan
    return kind, read_metric_file(data, path)


def store_raw(wh: Warehouse, sha: str, data: bytes, suffix: str) -> Path:
    """Content-addressed copy (write to a temporary name, then rename: never half a file)."""
    dest = wh.raw_dir / sha[:2] / f"{sha}{suffix.lower()}"
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return dest


def ingest_file(
    con: duckdb.DuckDBPyConnection, wh: Warehouse, path: Path, retry_quarantined: bool = False
) -> FileResult:
    spath = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(
            spath, "", "quarantined", "unknown", error=f"{spath}: cannot read ({exc.strerror})"
        )
    sha = sha256_of(data)
    known = con.execute("select status, kind from file_manifest where sha256 = ?", [sha]).fetchone()
    if known and not (retry_quarantined and known[0] == "quarantined"):
        return FileResult(spath, sha, "unchanged", known[1])
    try:
        kind, parsed = parse_file(data, spath)
    except ExtractionError as exc:
        return quarantine(con, sha, spath, len(data), "unknown", str(exc))
    except Exception as exc:  # a bug must not stop the batch: quarantine and say so
        return quarantine(
            con,
            sha,
            spath,
            len(data),
            "unknown",
            f"{spath}: unexpected {type(exc).__name__}: {exc}",
        )
    raw = store_raw(wh, sha, data, path.suffix)
    con.execute("begin")
    try:
        if isinstance(parsed, PlanExtraction):
            fmt = sniff(data, spath)
            rows, superseded = load_plan(con, parsed, "text" if fmt == "csv" else fmt)
            rejects = 0
            for old in superseded:
                con.execute(
                    "update file_manifest set status = 'superseded', updated_at = ? "
                    "where sha256 = ?",
                    [now(), old],
                )
        else:
            rows, rejects = load_metrics(con, sha, parsed)
            superseded = []
        _manifest(con, sha, spath, kind, len(data), "loaded", rows, None, str(raw))
        con.execute("commit")
    except Exception as exc:
        con.execute("rollback")
        return quarantine(
            con, sha, spath, len(data), kind, f"{spath}: load failed ({type(exc).__name__}: {exc})"
        )
    return FileResult(spath, sha, "new", kind, rows, rejects, superseded=tuple(superseded))


def load_metrics(con: duckdb.DuckDBPyConnection, sha: str, frame: MetricFrame) -> tuple[int, int]:
    obs, late = reject_out_of_range(resolve_frame(frame.observations), con)
    obs = obs.with_columns(source_sha256=pl.lit(sha))
    rejects = pl.concat([frame.rejects, late], how="vertical_relaxed").with_columns(
        source_sha256=pl.lit(sha)
    )
    delete_source(con, sha, METRIC_TABLES)
    con.register("obs_df", obs)
    con.execute("insert into metric_observations by name select * from obs_df")
    con.unregister("obs_df")
    if rejects.height:
        con.register("rejects_df", rejects)
        con.execute("insert into metric_rejects by name select * from rejects_df")
        con.unregister("rejects_df")
    return obs.height, rejects.height


def reject_out_of_range(
    obs: pl.DataFrame, con: duckdb.DuckDBPyConnection
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Shares of indicators the catalog knows as % must lie within 0-100."""
    rows = con.execute("select code from indicators where unit = '%'").fetchall()
    bad = pl.col("indicator_code").is_in([c for (c,) in rows]) & (pl.col("value") > 100)
    late = obs.filter(bad).select(
        "source_row",
        reason=pl.format("share {}% outside 0-100", pl.col("value")),
        raw_record=pl.struct(
            "agency_raw", "indicator_raw", "period_raw", "value"
        ).struct.json_encode(),
    )
    return obs.filter(~bad), late


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


def ingest(
    paths: Iterable[str | Path],
    wh: Warehouse,
    progress: Callable[[int, int, FileResult], None] | None = None,
    retry_quarantined: bool = False,
) -> BatchReport:
    files = expand_paths(paths)
    report = BatchReport()
    con = wh.connect()
    try:
        wrote = sync_reference(con)
        for i, path in enumerate(files, start=1):
            result = ingest_file(con, wh, path, retry_quarantined)
            report.results.append(result)
            if progress:
                progress(i, len(files), result)
        wrote = wrote or any(r.status != "unchanged" for r in report.results)
        if wrote:
            con.execute("begin")
            resolve_pending(con)
            con.execute("commit")
    finally:
        con.close()
    if wrote or not wh.published.exists():
        wh.publish()
        report.published = True
    return report
