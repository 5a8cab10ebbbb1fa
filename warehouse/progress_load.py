"""A read progress report -> its rows and rejects in the warehouse (inside the caller's
transaction), each carrying the file's hash and its row."""

from __future__ import annotations

from dataclasses import asdict

import duckdb

from extractors.progress import ProgressFile
from warehouse.load_plan import delete_source, insert_rows

PROGRESS_TABLES = ("progress_rows", "progress_rejects")


def load_progress(con: duckdb.DuckDBPyConnection, read: ProgressFile, sha: str) -> tuple[int, int]:
    """Write a report's rows and rejects (the caller holds the transaction); the counts."""
    rows = [asdict(r) | {"source_sha256": sha, "status": str(r.status)} for r in read.rows]
    rejects = [asdict(r) | {"source_sha256": sha} for r in read.rejects]
    return insert_rows(con, "progress_rows", rows), insert_rows(con, "progress_rejects", rejects)


def delete_progress(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    """A report's rows and rejects (before a retried file is loaded again)."""
    delete_source(con, sha, PROGRESS_TABLES)
