"""What an analyst should know of a loaded metric file that is no reject: its header
warnings (a column matched loosely, a column not understood), its rows loaded with no
province (kept out of the marts) and its notes (rows repeating an earlier row, kept once; a
name resolved across the 2025 reorganisation; a row that numbers the columns, skipped), as
``extraction_issues`` rows beside the file's figures."""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

from extractors.metrics.judge import Judged

HEADER_WARNING = "metric_header"  # extraction_issues.code of a header warning
DUPLICATE_ROWS = "duplicate_rows_kept_once"  # ... of the note on identical repeated rows
REORGANISATION = "reorganisation"  # ... of a note on a name resolved across the 2025 changes
SKIPPED_ROWS = "rows_not_data"  # ... of a note on rows not read as data (a numbering row)
SHEET_NOT_READ = "sheet_not_read"  # ... of a workbook's other sheet of figures, not read
NO_PROVINCE = "no_province"  # ... of the warning on rows loaded with no province


def record_notes(con: duckdb.DuckDBPyConnection, sha: str, judged: Judged) -> None:
    """A file's warnings and notes (inside the caller's transaction; its old ones go)."""
    delete_notes(con, sha)
    rows = [(sha, "warning", HEADER_WARNING, w) for w in judged.warnings]
    rows += [(sha, "info", DUPLICATE_ROWS, n) for n in judged.duplicates]
    rows += [(sha, "info", REORGANISATION, n) for n in judged.notes]
    rows += [(sha, "info", SKIPPED_ROWS, n) for n in judged.skipped]
    rows += [(sha, "warning", SHEET_NOT_READ, n) for n in judged.unread_sheets]
    rows += [(sha, "warning", NO_PROVINCE, w) for w in _no_province(judged)]
    if rows:
        con.executemany(
            "insert into extraction_issues (source_sha256, severity, code, message) "
            "values (?, ?, ?, ?)",
            rows,
        )


def _no_province(judged: Judged) -> list[str]:
    """The file's figures loaded with no province (the marts cannot place them), said once:
    counted on the judged file (its agency keys with no province), not read back."""
    keys = judged.agencies.filter(pl.col("province").is_null())["key"]
    n = int(judged.facts["agency_key"].is_in(keys.implode()).sum()) if keys.len() else 0
    n += judged.unplaced or 0  # (counted as a file judged in slices was written)
    return [
        f"{n} row{'' if n == 1 else 's'} with no province, kept out of the marts: no Tỉnh "
        "column, no province in the title or the file name, and none configured "
        "(--province / PARPLAN_PROVINCE)"
    ] * (n > 0)


def judged_said(parsed: object) -> dict[str, Any]:
    """What a loaded file's result (``manifest.FileResult``) says of a metric file: its
    notes (rows not read as data first), duplicates, sheets not read and total rows kept
    out; nothing of a file of another kind."""
    if not isinstance(parsed, Judged):
        return {}
    return {
        "notes": (*parsed.skipped, *parsed.notes),
        "duplicates": parsed.duplicates,
        "unread_sheets": parsed.unread_sheets,
        "totals": parsed.totals,
    }


def delete_notes(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    con.execute("delete from extraction_issues where source_sha256 = ?", [sha])
