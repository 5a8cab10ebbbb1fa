"""The reference data in the warehouse: the agencies and indicators tables, reloaded from
the reference folder (read by ``extractors.reference``) whenever its files change."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from extractors.reference import Registry, fingerprint, load_reference, read_rows
from extractors.reference_time import Reference
from warehouse.database import now
from warehouse.publish import mark_written
from warehouse.reference_time import write_timed


def read_and_sync(con: duckdb.DuckDBPyConnection, folder: Path) -> tuple[Registry, bool]:
    """The folder's registry, read once for a batch, and the tables synced from that reading
    (True: they were written). The fingerprint is taken before the reading: an edit landing
    in between is seen as a change by the next run, never recorded as synced."""
    fp = fingerprint(folder)
    registry = Registry.read(folder)
    return registry, sync_reference(con, folder, registry.reference, fp)


def sync_reference(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    timed: Reference | None = None,
    fp: str | None = None,
) -> bool:
    """Reload the agencies/indicators tables when the CSVs changed. True when it wrote.
    ``timed``, ``fp``: the folder's reference with time and its fingerprint, when the
    caller has read them already (the fingerprint first)."""
    fp = fp or fingerprint(folder)
    row = con.execute("select value from meta where key = 'reference'").fetchone()
    if row and row[0] == fp:
        return False
    timed = timed or load_reference(folder)  # checked first: a bad edit raises, nothing written
    agencies = pl.DataFrame(read_rows(folder, "agencies.csv")).with_columns(
        aliases=pl.col("aliases").str.split("|").list.eval(pl.element().filter(pl.element() != "")),
        level=pl.col("level").replace("", None),
        province=pl.col("province").replace("", None),
        valid_from=pl.col("valid_from").replace("", None).str.to_date(),
        valid_to=pl.col("valid_to").replace("", None).str.to_date(),
    )
    indicators = pl.DataFrame(read_rows(folder, "indicators.csv")).with_columns(
        aliases=pl.col("aliases").str.split("|")
    )
    con.execute("begin")
    con.execute("delete from agencies")
    con.register("agencies_df", agencies)
    con.execute("insert into agencies by name select * from agencies_df")
    con.execute("delete from indicators")
    con.register("indicators_df", indicators)
    con.execute("insert into indicators by name select * from indicators_df")
    write_timed(con, timed)
    con.execute("insert or replace into meta values ('reference', ?, ?)", [fp, now()])
    mark_written(con)
    con.execute("commit")
    con.unregister("agencies_df")
    con.unregister("indicators_df")
    return True
