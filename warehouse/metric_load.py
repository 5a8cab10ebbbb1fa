"""A judged metric file -> its rows in the warehouse (inside the caller's transaction):
the facts with integer keys, the key tables with each file's distinct strings, the
rejects (a file judged whole: worded and written a slice at a time). The figures a file
holds (``metric_figure_sets``) are its facts' key triples, read from the facts (migration
0017): the judge keeps one fact per triple."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import duckdb
import polars as pl
import pyarrow as pa

from extractors.metrics.catalog_checks import Catalog
from extractors.metrics.failing import Failing
from extractors.metrics.judge import Judged
from extractors.metrics.reasons import CONFLICTING
from warehouse.load_plan import delete_source
from warehouse.metric_batches import load_batches
from warehouse.metric_rejects import TABLES as REJECT_TABLES
from warehouse.metric_rejects import RejectWriter, next_reason_id

METRIC_KEYS = {  # key table -> the metric_facts column that references it
    "metric_agency_keys": "agency_id",
    "metric_indicator_keys": "indicator_id",
    "metric_period_keys": "period_id",
}


def percent_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The indicators in percent, as the synced reference data has them."""
    return {c for (c,) in con.execute("select code from indicators where unit = '%'").fetchall()}


def metric_catalog(con: duckdb.DuckDBPyConnection) -> Catalog:
    """Each indicator's unit, each agency's level, the collective agencies and the
    province's People's Committee, as the synced reference data has them (a metric row is
    checked against them: ``catalog_checks``)."""
    units = con.execute("select code, unit from indicators where unit is not null").fetchall()
    agencies = con.execute("select code, level, kind from agencies").fetchall()
    return Catalog(
        dict(units),
        {code: level for code, level, _ in agencies},
        frozenset(code for code, _, kind in agencies if kind == "collective"),
        frozenset(code for code, _, kind in agencies if kind == "committee"),
    )


CatalogTables = tuple[set[str], Catalog]  # the percent indicators' codes, the catalog


def catalog_tables(con: duckdb.DuckDBPyConnection) -> CatalogTables:
    """What a metric file is judged against from the warehouse's tables."""
    return percent_codes(con), metric_catalog(con)


def load_metrics(
    con: duckdb.DuckDBPyConnection, judged: Judged, file_sha: Callable[[], str]
) -> tuple[Judged, int, int]:
    """Write a judged file (inside the caller's transaction): its facts, then its key
    tables with ids after the largest in use, then its rejects. ``file_sha`` gives the
    file's hash, which the key tables and rejects carry; it is asked for only after the
    facts are written (a large CSV is still being copied and hashed meanwhile). A file
    left to judge in slices (``judged.batches``) is judged as its slices are written
    (``metric_batches``). The file as written (its duplicates note, if judged here), its
    facts and its rejects."""
    tables = {
        "metric_agency_keys": judged.agencies,
        "metric_indicator_keys": judged.indicators,
        "metric_period_keys": judged.periods,
    }
    base = {}
    for table in tables:
        ((base[table],),) = con.execute(f"select coalesce(max(id) + 1, 0) from {table}").fetchall()
    facts = as_arrow(judged.facts)  # noqa: F841 (read by DuckDB below)
    offsets = [base[t] for t in METRIC_KEYS]  # agency, indicator, period
    written = rejected = 0
    with insertion_order_free(con):
        con.execute(
            """insert into metric_facts select agency_key + ?, indicator_key + ?, period_key + ?,
            source_row, numerator, denominator, value from facts""",
            offsets,
        )
        if judged.batches is not None:
            unplaced = judged.agencies.filter(pl.col("province").is_null())["key"]
            written, rejected, note, n = load_batches(
                con, judged.batches, offsets, unplaced, file_sha
            )
            duplicates = (note,) if note else ()
            judged = replace(judged, batches=None, duplicates=duplicates, unplaced=n)
    sha = file_sha()
    for table, frame in tables.items():
        con.register("keys", frame)
        con.execute(
            f"insert into {table} by name select key + ? as id, ? as source_sha256, "
            "* exclude (key) from keys",
            [base[table], sha],
        )
        con.unregister("keys")
    writer = RejectWriter(con, sha, next_reason_id(con, sha))
    rejected += writer.write(judged.rejects)
    if judged.failing is not None:
        rejected += write_failing(writer, judged.failing)
        judged = replace(judged, failing=None)  # (its rows as read are let go)
    return judged, judged.facts.height + written, rejected


def write_failing(writer: RejectWriter, failing: Failing) -> int:
    """A file judged whole's failing rows, worded and written a slice at a time; a
    conflicting key's rows point at one reason, stored once (``RejectWriter.listing``)."""
    listing = writer.listing(CONFLICTING) if failing.conflicts else None
    return sum(writer.write(rejects) for rejects in failing.slices(listing))


@contextmanager
def insertion_order_free(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB may write the facts in the order its threads finish, not the frame's: the
    judge hands them over in many small pieces, which DuckDB would otherwise merge back
    into order. No reader depends on the facts' physical order (a fact carries its
    ``source_row``); the setting is put back as it was."""
    ((was,),) = con.execute("select current_setting('preserve_insertion_order')").fetchall()
    con.execute("set preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute(f"set preserve_insertion_order = {bool(was)}")


def as_arrow(frame: pl.DataFrame) -> pa.Table:
    """The frame as an Arrow table without a copy. DuckDB reads a polars frame through its
    ``to_arrow()``, which first copies every column into one chunk when the columns'
    chunks do not line up; an Arrow table lets each column keep its own chunks."""
    return pa.table({c: frame[[c]].to_arrow().column(0) for c in frame.columns})


def delete_metrics(con: duckdb.DuckDBPyConnection, sha: str) -> None:
    """A metric file's facts (found through its keys), keys, rejects and any figure sets
    stored before 0017."""
    con.execute(
        """delete from metric_facts where agency_id in
           (select id from metric_agency_keys where source_sha256 = ?)""",
        [sha],
    )
    delete_source(con, sha, (*METRIC_KEYS, *REJECT_TABLES, "metric_figure_counts"))
