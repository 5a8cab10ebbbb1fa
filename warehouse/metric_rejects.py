"""Rejected metric rows into the warehouse (migration 0028): each reason once per file
(``metric_reject_reasons``) and each row pointing at its reason, with its cells as read
one column each (``metric_reject_rows``); the view ``metric_rejects`` reads them back as
file, row, reason and the row as JSON. A repeated key's reason, naming the key's rows, is
stored once per file for all such keys, each row keeping its key's first row
(migration 0029): the view lists the rows.

A file repeating millions of keys rejects millions of rows with one reason per key and
rows whose every cell repeats down its column: stored this way, neither the reasons nor
the records are written (and compressed) once per row."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import polars as pl

from extractors.metrics.cells import RECORD

TABLES = ("metric_reject_rows", "metric_reject_reasons")  # what a file's rejects are stored in
# reasons of rows' own a writer remembers across a file's slices to store each once; a
# file with more distinct ones stores those past this many once per slice (each slice's
# are written together), so that no file's reasons are all held at once
REMEMBERED = 100_000
REASONS = {"reason_id": pl.Int64, "reason": pl.String}
ROW_COLUMNS = ", ".join(f"struct_extract(raw_record, '{f.name}')" for f in RECORD.fields)


def next_reason_id(con: duckdb.DuckDBPyConnection, sha: str) -> int:
    """The first reason number a file has not used."""
    ((n,),) = con.execute(
        "select coalesce(max(reason_id) + 1, 0) from metric_reject_reasons "
        "where source_sha256 = ?",
        [sha],
    ).fetchall()
    return int(n)


def write_reasons(con: duckdb.DuckDBPyConnection, sha: str, reasons: pl.DataFrame) -> None:
    """Reasons (reason_id, reason) a file's rejects point at."""
    con.execute(
        "insert into metric_reject_reasons select ?, reason_id, reason, false from reasons",
        [sha],
    )


@dataclass
class RejectWriter:
    """Writes a file's rejects (``cells.REJECTS`` frames), a slice at a time or whole:
    a row whose reason the loader numbered (``reason_id``: stored by the loader) points at
    it; each other distinct reason is numbered from ``next_id`` and stored once."""

    con: duckdb.DuckDBPyConnection
    sha: str
    next_id: int
    seen: dict[str, int] = field(default_factory=dict)

    def write(self, rejects: pl.DataFrame) -> int:
        """The rejects written; how many."""
        if rejects.height == 0:
            return 0
        own = rejects.filter(pl.col("reason_id").is_null())["reason"].drop_nulls().unique()
        ids, new = {}, []
        for reason in own.to_list():
            if reason not in self.seen:
                new.append((self.next_id, reason))
                if len(self.seen) < REMEMBERED:
                    self.seen[reason] = self.next_id
                ids[reason] = self.next_id
                self.next_id += 1
            else:
                ids[reason] = self.seen[reason]
        if new:
            write_reasons(self.con, self.sha, pl.DataFrame(new, schema=REASONS, orient="row"))
        if ids:
            mapped = pl.col("reason").replace_strict(ids, default=None, return_dtype=pl.Int64)
            rejects = rejects.with_columns(pl.coalesce("reason_id", mapped).alias("reason_id"))
        rows = rejects.select("source_row", "reason_id", "raw_record", "key_row")  # noqa: F841
        self.con.execute(
            f"insert into metric_reject_rows select ?, source_row, reason_id, {ROW_COLUMNS}, "
            "null, key_row from rows",
            [self.sha],
        )
        return rejects.height

    def listing(self, wording: str) -> int:
        """A reason worded with ``{}`` where ``metric_rejects`` lists the rows of each
        row's key (``key_row``), stored once for all the file's keys: its number."""
        self.con.execute(
            "insert into metric_reject_reasons values (?, ?, ?, true)",
            [self.sha, self.next_id, wording],
        )
        self.next_id += 1
        return self.next_id - 1
