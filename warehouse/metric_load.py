"""A judged metric file -> its rows in the warehouse (inside the caller's transaction):
the facts with integer keys, the key tables with each file's distinct strings, the
rejects (worded and written by DuckDB: ``metric_rejects``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import duckdb
import polars as pl
import pyarrow as pa

from extractors.metrics.encode import distinct_keys
from extractors.metrics.judge import Judged
from warehouse.load_plan import delete_source
from warehouse.metric_rejects import find_repeated_keys, insert_kept_facts, insert_rejects

# DuckDB's memory while it writes a file's facts and rejects: what does not fit (the
# repeated keys, the rejects' text) spills to the working file's temporary directory, so a
# file of tens of millions of rows loads within a bounded memory beside the judged frames
# (with room for the lists of rows of millions of repeated keys: a limit too tight fails
# the load with DuckDB's out-of-memory error, and the file is quarantined)
LOAD_MEMORY = "2GB"

METRIC_KEYS = {  # key table -> the metric_facts column that references it
    "metric_agency_keys": "agency_id",
    "metric_indicator_keys": "indicator_id",
    "metric_period_keys": "period_id",
}


def percent_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The indicators in percent, as the synced reference data has them."""
    return {c for (c,) in con.execute("select code from indicators where unit = '%'").fetchall()}


def load_metrics(
    con: duckdb.DuckDBPyConnection, judged: Judged, file_sha: Callable[[], str]
) -> tuple[int, int]:
    """Write a judged file (inside the caller's transaction): its facts, then its key
    tables with ids after the largest in use, then its rejects. ``file_sha`` gives the
    file's hash, which the key tables and rejects carry; it is asked for only after the
    facts are written (a large CSV is still being copied and hashed meanwhile).

    A file whose rows all pass and whose keys never repeat (the usual case) is written in
    one pass; otherwise DuckDB finds the repeated keys and writes facts and rejects
    (``metric_rejects``). Returns (rows loaded, rows rejected)."""
    tables = {
        "metric_agency_keys": judged.agencies,
        "metric_indicator_keys": judged.indicators,
        "metric_period_keys": judged.periods,
    }
    base = {}
    for table in tables:
        ((base[table],),) = con.execute(f"select coalesce(max(id) + 1, 0) from {table}").fetchall()
    offsets = {
        "agency": base["metric_agency_keys"],
        "indicator": base["metric_indicator_keys"],
        "period": base["metric_period_keys"],
    }
    rows = judged.rows
    clean = not rows["problem"].any() and not keys_repeat(rows["row_key"])
    with staged(con, judged):
        if clean:
            loaded = insert_kept_facts(con, offsets)
        else:
            find_repeated_keys(con)
            loaded = insert_kept_facts(con, offsets)
        sha = file_sha()
        for table, frame in tables.items():
            con.register("keys", frame)
            # (a blank indicator names no key: its rows are rejected)
            blank = "where indicator_raw is not null" if "indicator_raw" in frame.columns else ""
            con.execute(
                f"insert into {table} by name select key + ? as id, ? as source_sha256, "
                f"* exclude (key) from keys {blank}",
                [base[table], sha],
            )
            con.unregister("keys")
        if clean:
            rejected = 0
        else:  # (in any order: they are read by source_row)
            con.execute("set preserve_insertion_order = false")
            rejected = insert_rejects(con, sha)
            con.execute("set preserve_insertion_order = true")
    return loaded, rejected


def keys_repeat(row_keys: pl.Series) -> bool:
    """Whether any row's key repeats (dense keys are marked in a table, no hashing)."""
    return distinct_keys(row_keys).len() < row_keys.len()


@contextmanager
def staged(con: duckdb.DuckDBPyConnection, judged: Judged) -> Iterator[None]:
    """The judged rows, their names and cells as DuckDB views of the frames (no copy), and
    an empty ``repeated_keys``, for ``metric_rejects``' statements; removed after."""
    views: dict[str, object] = {
        "staged": as_arrow(judged.rows),
        "agency_names": judged.agencies,
        "indicator_names": judged.indicators,
        "period_names": judged.periods,
        "bad_periods": judged.bad_periods,
        **{f"{role}_cells": frame for role, frame in judged.cells.items()},
    }
    for name, frame in views.items():
        con.register(name, frame)
    ((limit,),) = con.execute("select current_setting('memory_limit')").fetchall()
    con.execute(f"set memory_limit = '{LOAD_MEMORY}'")
    con.execute(
        "create or replace temp table repeated_keys "
        "(row_key bigint, n bigint, variants bigint, first_row bigint, listed varchar)"
    )
    try:
        yield
    finally:  # (an aborted transaction refuses these; its rollback drops the table, and
        # the limit stays until the connection closes at the batch's end)
        with suppress(duckdb.Error):
            con.execute(f"set memory_limit = '{limit}'")
        with suppress(duckdb.Error):
            con.execute("drop table if exists repeated_keys")
            for name in views:
                con.unregister(name)


def as_arrow(frame: pl.DataFrame) -> pa.Table:
    """The frame as an Arrow table without a copy. DuckDB reads a polars frame through its
    ``to_arrow()``, which first copies every column into one chunk when the columns'
    chunks do not line up; an Arrow table lets each column keep its own chunks."""
    return pa.table({c: frame[[c]].to_arrow().column(0) for c in frame.columns})


def delete_metrics(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    """A metric file's facts (found through its keys), keys and rejects."""
    con.execute(
        """delete from metric_facts where agency_id in
           (select id from metric_agency_keys where source_sha256 = ?)""",
        [sha],
    )
    delete_source(con, sha, (*METRIC_KEYS, "metric_rejects"))
