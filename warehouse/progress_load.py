"""A read progress report -> its rows and rejects in the warehouse (inside the caller's
transaction), each carrying the file's hash and its row; a status its percent contradicts
is an ``extraction_issues`` warning naming the row (code ``status_contradicts_percent``);
the percent itself is ``progress_rows.percent_done`` (migration 0020)."""

from __future__ import annotations

from dataclasses import asdict

import duckdb

from extractors.progress import ProgressFile
from warehouse.load_plan import delete_source, insert_rows

PROGRESS_TABLES = ("progress_rows", "progress_rejects", "extraction_issues")
CONTRADICTION = "status_contradicts_percent"  # extraction_issues.code of a doubted status
NO_PROVINCE = "no_province"  # ... of rows with no province (as a metric file's: metric_notes)
NOT_STORED = ("doubt",)  # ProgressRow fields with no column of their own


def load_progress(con: duckdb.DuckDBPyConnection, read: ProgressFile, sha: str) -> tuple[int, int]:
    """Write a report's rows, rejects and doubts (the caller holds the transaction); the
    counts of rows and rejects."""
    rows = [
        {k: v for k, v in asdict(r).items() if k not in NOT_STORED}
        | {"source_sha256": sha, "status": str(r.status)}
        for r in read.rows
    ]
    rejects = [asdict(r) | {"source_sha256": sha} for r in read.rejects]
    doubts = [(sha, r.doubt, r.source_row) for r in read.rows if r.doubt]
    homeless = sum(1 for r in read.rows if r.province is None)
    if homeless:  # no plan to match them against: kept out of the marts, said once
        con.execute(
            f"""insert into extraction_issues (source_sha256, severity, code, message)
                values (?, 'warning', '{NO_PROVINCE}', ?)""",
            [
                sha,
                f"{homeless} rows with no province, kept out of the marts (no plan to "
                "match them against): no Tỉnh column, no province in the title "
                "('UBND TỈNH LONG AN') or the file name, and no province configured "
                "(--province, PARPLAN_PROVINCE)",
            ],
        )
    if doubts:
        con.executemany(
            f"""insert into extraction_issues (source_sha256, severity, code, message, row_no)
                values (?, 'warning', '{CONTRADICTION}', ?, ?)""",
            doubts,
        )
    return insert_rows(con, "progress_rows", rows), insert_rows(con, "progress_rejects", rejects)


def delete_progress(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    """A report's rows, rejects and issues (before a retried file is loaded again)."""
    delete_source(con, sha, PROGRESS_TABLES)
