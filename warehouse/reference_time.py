"""The reference data with time in the warehouse: provinces, levels, successions and the
lineage derived from them, rewritten together with the agencies and indicators."""

from __future__ import annotations

import duckdb
import polars as pl

from extractors.reference_time import Reference, Unit
from extractors.successions import lineage


def _units(units: list[Unit]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [u.code for u in units],
            "name": [u.name for u in units],
            "valid_from": [u.span.valid_from for u in units],
            "valid_to": [u.span.valid_to for u in units],
            "aliases": [list(u.aliases) for u in units],
            "source": [u.source for u in units],
        },
        schema_overrides={
            "valid_from": pl.Date,
            "valid_to": pl.Date,
            "aliases": pl.List(pl.String),
        },
    )


def timed_frames(reference: Reference) -> dict[str, pl.DataFrame]:
    """The rows of each table, from the checked reference data (pure)."""
    provinces = [u for u in reference.units if u.file == "provinces.csv"]
    agencies = [u for u in reference.units if u.file == "agencies.csv"]
    by_pred: dict[str, list[str]] = {}
    for s in reference.successions:
        if s.file == "provinces.csv":
            by_pred.setdefault(s.predecessor, []).append(s.successor)
    prov = _units(provinces).with_columns(
        kind=pl.Series([u.kind or "tinh" for u in provinces], dtype=pl.String),
        successors=pl.Series(
            [by_pred.get(u.code, []) for u in provinces], dtype=pl.List(pl.String)
        ),
    )
    names = {u.code: u.name for u in provinces}
    province_lineage = pl.DataFrame(
        [
            (u.code, chain[-1], names[chain[-1]], " -> ".join(chain))
            for u in provinces
            for chain in [lineage(u.code, reference)]
        ],
        schema=["code", "current_code", "current_name", "path"],
        orient="row",
    )
    agency_succ = [s for s in reference.successions if s.file != "provinces.csv"]
    override = sorted({s.province for s in agency_succ if s.province})
    agency_lineage = pl.DataFrame(
        [
            (u.code, p, chain[-1], " -> ".join(chain))
            for u in agencies
            for p in (None, *override)
            for chain in [lineage(u.code, reference, p)]
            if p is None or chain != lineage(u.code, reference)
        ],
        schema={
            "code": pl.String,
            "province": pl.String,
            "current_code": pl.String,
            "path": pl.String,
        },
        orient="row",
    )
    successors = pl.DataFrame(
        [
            (s.predecessor, s.successor, s.province, s.main, s.functions, s.source)
            for s in agency_succ
        ],
        schema={
            "predecessor": pl.String,
            "successor": pl.String,
            "province": pl.String,
            "main": pl.Boolean,
            "functions": pl.String,
            "source": pl.String,
        },
        orient="row",
    )
    return {
        "provinces": prov,
        "province_lineage": province_lineage,
        "agency_successors": successors,
        "agency_lineage": agency_lineage,
    }


def write_timed(con: duckdb.DuckDBPyConnection, reference: Reference) -> None:
    """Rewrite the tables (inside the caller's transaction)."""
    frames = timed_frames(reference)
    frames["levels"] = _units(list(reference.levels)).drop("aliases")
    for table, frame in frames.items():
        con.execute(f"delete from {table}")
        con.register("timed_df", frame)
        con.execute(f"insert into {table} by name select * from timed_df")
        con.unregister("timed_df")
