"""Reference data in the warehouse, and resolution of stored strings against it.

Agency and indicator strings are resolved once per distinct value. Rows whose string is
not in the reference data are stored with a null code and listed in ``review_queue``;
after an analyst adds an alias, ``resolve_pending`` fills the codes in place - the file
never has to be submitted again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl

from extractors.resolve_names import ResolverCache, indicator_resolver
from parplan.reference import load_agencies, load_indicators, read_rows, reference_dir
from warehouse.database import Warehouse, now


def reference_fingerprint(folder: Path | None = None) -> str:
    folder = folder or reference_dir()
    h = hashlib.sha256()
    for name in ("agencies.csv", "indicators.csv"):
        h.update((folder / name).read_bytes())
    return h.hexdigest()


def sync_reference(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> bool:
    """Reload the agencies/indicators tables when the CSVs changed. True when it wrote."""
    fp = reference_fingerprint(folder)
    row = con.execute("select value from meta where key = 'reference'").fetchone()
    if row and row[0] == fp:
        return False
    agencies = pl.DataFrame(read_rows("agencies.csv", folder)).with_columns(
        aliases=pl.col("aliases").str.split("|").list.eval(pl.element().filter(pl.element() != "")),
        level=pl.col("level").replace("", None),
        province=pl.col("province").replace("", None),
    )
    indicators = pl.DataFrame(read_rows("indicators.csv", folder)).with_columns(
        aliases=pl.col("aliases").str.split("|")
    )
    con.execute("begin")
    con.execute("delete from agencies")
    con.register("agencies_df", agencies)
    con.execute("insert into agencies by name select * from agencies_df")
    con.execute("delete from indicators")
    con.register("indicators_df", indicators)
    con.execute("insert into indicators by name select * from indicators_df")
    con.execute("insert or replace into meta values ('reference', ?, ?)", [fp, now()])
    con.execute("commit")
    con.unregister("agencies_df")
    con.unregister("indicators_df")
    return True


_PENDING = {
    "metric_agency_keys": ("agency_raw", "agency_code", "agency"),
    "target_agencies": ("agency_name", "agency_code", "agency"),
    "task_agencies": ("agency_name", "agency_code", "agency"),
}


def resolve_pending(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> int:
    """Fill null codes that the current reference data resolves; rebuild the review queue.

    Returns the number of rows updated. Writes nothing when nothing changes.
    """
    agencies, indicators = load_agencies(folder), load_indicators(folder)
    ind = indicator_resolver(indicators)
    updated = 0
    queue: list[dict[str, object]] = []
    resolvers = ResolverCache(agencies)
    for table, (raw_col, code_col, kind) in _PENDING.items():
        metric = table == "metric_agency_keys"
        province = "m.province" if metric else "d.province"
        join = (  # a metric string counts once per figure that uses it
            " join metric_facts f on f.agency_id = m.id"
            if metric
            else " join documents d on d.sha256 = m.source_sha256"
        )
        rows = con.execute(f"""select {province}, m.{raw_col}, count(*) from {table} m {join}
                               where m.{code_col} is null and m.{raw_col} is not null
                               group by all""").fetchall()
        for prov, raw, n in rows:
            res = resolvers.get(prov).resolve(raw)
            if res.code:
                key = (
                    "m.province"
                    if metric
                    else "(select province from documents d where d.sha256 = m.source_sha256)"
                )
                con.execute(
                    f"""update {table} m set {code_col} = ? where {code_col} is null
                                and {raw_col} = ? and {key} is not distinct from ?""",
                    [res.code, raw, prov],
                )
                updated += n
            else:
                queue.append(
                    {
                        "kind": kind,
                        "raw": raw,
                        "province": prov,
                        "n": n,
                        "candidates": "; ".join(f"{c} {nm} ({s})" for c, nm, s in res.candidates),
                    }
                )
    for raw, n in con.execute("""select k.indicator_raw, count(*) from metric_indicator_keys k
                                 join metric_facts f on f.indicator_id = k.id
                                 where k.indicator_code is null group by 1""").fetchall():
        res = ind.resolve(raw)
        if res.code:
            con.execute(
                """update metric_indicator_keys set indicator_code = ?
                           where indicator_code is null and indicator_raw = ?""",
                [res.code, raw],
            )
            updated += n
        else:
            queue.append(
                {
                    "kind": "indicator",
                    "raw": raw,
                    "province": None,
                    "n": n,
                    "candidates": "; ".join(f"{c} {nm} ({s})" for c, nm, s in res.candidates),
                }
            )
    for subject, n in con.execute("""select subject, count(*) from target_measures
                                     where indicator_code is null group by 1""").fetchall():
        queue.append(
            {
                "kind": "indicator",
                "raw": subject,
                "province": None,
                "n": n,
                "candidates": "(target measure: add an alias to indicators.csv)",
            }
        )
    _write_queue(con, queue)
    return updated


def _write_queue(con: duckdb.DuckDBPyConnection, queue: list[dict[str, object]]) -> None:
    current = {
        (k, r, p, n, c)
        for k, r, p, n, c in con.execute(
            "select kind, raw, province, occurrences, candidates from review_queue "
            "where status = 'open'"
        ).fetchall()
    }
    wanted = {(q["kind"], q["raw"], q["province"], q["n"], q["candidates"]) for q in queue}
    if current == wanted:
        return
    con.execute("delete from review_queue")
    for kind, raw, prov, n, cands in sorted(wanted, key=lambda t: (str(t[0]), str(t[1]))):
        con.execute(
            "insert into review_queue values (?, ?, ?, ?, ?, 'open', ?)",
            [kind, raw, prov, cands, n, now()],
        )


def refresh_references(wh: Warehouse, folder: Path | None = None) -> tuple[int, int]:
    """Reload reference data, resolve what it now resolves, publish. (rows resolved, open)"""
    with wh.writer() as con:
        sync_reference(con, folder)
        con.execute("begin")
        updated = resolve_pending(con, folder)
        con.execute("commit")
        ((open_items,),) = con.execute("select count(*) from review_queue").fetchall()
    return updated, int(open_items)
