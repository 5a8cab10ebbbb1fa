"""Attempts at a sheet a workbook does not have (a mistyped ``--sheet``): refused when made,
kept as history once a sheet of the workbook loads - the workbook is not quarantined any
more, and nothing says it is."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from warehouse.database import now
from warehouse.manifest import Stored
from warehouse.publish import mark_written
from warehouse.raw_store import sheet_identity


def settle_sheet_attempts(
    con: duckdb.DuckDBPyConnection, workbook: str, sheets: Sequence[str]
) -> None:
    """A sheet of the workbook (hashed ``workbook``) loaded: an attempt quarantined before
    at a sheet it does not have (a --sheet mistyped, kept under that sheet's key) is kept as
    history (superseded, its reason kept), no longer quarantined. A sheet it has, refused
    for what it holds, stays quarantined."""
    tried = con.execute(
        "select sha256, sheet from file_manifest where status = ? and sheet is not null",
        [Stored.QUARANTINED.value],
    ).fetchall()
    typos = [sha for sha, s in tried if s not in sheets and sha == sheet_identity(workbook, s)]
    if not typos:
        return
    con.execute("begin")
    for sha in typos:
        con.execute("delete from quarantine where sha256 = ?", [sha])
        con.execute(
            "update file_manifest set status = ?, updated_at = ? where sha256 = ?",
            [Stored.SUPERSEDED.value, now(), sha],
        )
    mark_written(con)
    con.execute("commit")
