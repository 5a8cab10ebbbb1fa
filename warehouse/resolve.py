"""Reference data in the warehouse, and resolution of stored strings against it.

Agency and indicator strings are resolved once per distinct value. Rows whose string is
not in the reference data are stored with a null code and listed in ``review_queue``;
after an analyst adds an alias, ``resolve_pending`` fills the codes in place - the file
never has to be submitted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb
import polars as pl

from extractors.reference import Registry
from extractors.resolve_in_time import TimedResolver, timed_resolver
from extractors.resolve_names import Resolution, indicator_resolver
from extractors.resolve_plan import day_of
from warehouse.corrections import refresh_manifest
from warehouse.database import Warehouse, now
from warehouse.progress_agencies import ReportingAgencies
from warehouse.progress_match import match_progress
from warehouse.publish import mark_written
from warehouse.reference import read_and_sync

Entity = Literal["agency", "indicator"]  # what a stored string names (review_queue.kind)


@dataclass(frozen=True)
class Pending:
    """Stored strings that may wait for a code: where they are, and whose province counts."""

    entity: Entity
    table: str
    raw: str  # column: the string as written
    code: str  # column: its code, null until resolved
    by_document: bool = False  # the province is the plan document's (else the row's own)
    fact_key: str | None = None  # metric keys: a string counts once per figure using it

    def province(self) -> str:
        if self.by_document:
            return "d.province"
        return "m.province" if self.entity == "agency" else "null::varchar"

    def as_of(self) -> str:
        """The day a stored agency string speaks of: the plan's issue date, the metric
        file's latest period end (ISO text, possibly partial)."""
        if self.by_document:
            return "d.issued_date"
        if self.entity == "agency":
            return (
                "(select max(k.period_end)::varchar from metric_period_keys k "
                "where k.source_sha256 = m.source_sha256)"
            )
        return "null::varchar"


PENDING = (
    Pending("agency", "metric_agency_keys", "agency_raw", "agency_code", fact_key="agency_id"),
    Pending("agency", "target_agencies", "agency_name", "agency_code", by_document=True),
    Pending("agency", "task_agencies", "agency_name", "agency_code", by_document=True),
    Pending(
        "indicator",
        "metric_indicator_keys",
        "indicator_raw",
        "indicator_code",
        fact_key="indicator_id",
    ),
)
DOCUMENT = "documents d where d.sha256 = m.source_sha256"


def resolve_pending(con: duckdb.DuckDBPyConnection, folder: Path, registry: Registry) -> int:
    """Fill null codes that the reference data (``registry``: ``folder``'s, read once for
    the batch) resolves; rebuild the review queue.

    Returns the number of rows updated. Writes nothing when nothing changes.
    """
    agencies, reference = registry.agencies, registry.reference
    ind = indicator_resolver(registry.indicators)
    timed: dict[str | None, TimedResolver] = {}
    updated = 0
    queue: list[dict[str, object]] = []
    for p in PENDING:
        source = f"{p.table} m"
        if p.by_document:
            source += " join documents d on d.sha256 = m.source_sha256"
        uses = "1"
        if p.fact_key:  # the facts counted per key first: a group-by of integers, never
            # of every fact's strings (a large file's facts would be joined to them)
            source += f" join ({_uses(p)}) f on f.id = m.id"
            uses = "f.n"
        rows = con.execute(f"""select {p.province()}, m.{p.raw}, {p.as_of()}, sum({uses})::bigint
                               from {source}
                               where m.{p.code} is null and m.{p.raw} is not null
                               group by all""").fetchall()
        for prov, raw, as_of, n in rows:
            problem = None
            if p.entity == "indicator":
                res = ind.resolve(raw)
            else:  # at the day the string speaks of (the reference data with time)
                if prov not in timed:
                    timed[prov] = timed_resolver(reference, agencies, prov)
                t = timed[prov].resolve(raw, day_of(as_of))
                res = Resolution(raw, t.code, t.name, t.method, t.score, t.candidates)
                problem = t.problem
            if res.code:
                where = f"from {DOCUMENT} and" if p.by_document else "where"
                con.execute(
                    f"""update {p.table} m set {p.code} = ? {where} m.{p.code} is null
                        and m.{p.raw} = ? and {p.province()} is not distinct from ?
                        and {p.as_of()} is not distinct from ?""",
                    [res.code, raw, prov, as_of],
                )
                updated += n
            else:
                queue.append(
                    {
                        "kind": p.entity,
                        "raw": raw,
                        "province": prov,
                        "n": n,
                        "candidates": problem
                        or "; ".join(f"{c} {nm} ({s})" for c, nm, s in res.candidates),
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
    queue += match_progress(con, folder, ReportingAgencies(reference, agencies))
    _write_queue(con, queue)
    return updated


def _uses(p: Pending) -> str:
    """How many facts use each key of ``p``'s table in the range of its unresolved ones
    (id, n; the caller joins the unresolved keys): the facts are grouped by their key
    (integers) as they are read, not each tested against the table of unresolved keys
    first (a file of communes leaves tens of thousands open, and millions of facts)."""
    unresolved = f"(select {{}}(id) from {p.table} where {p.code} is null)"
    return f"""select {p.fact_key} as id, count(*) as n from metric_facts
               where {p.fact_key} between {unresolved.format("min")}
                                      and {unresolved.format("max")}
               group by 1"""


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
    # stored in a total order (one name may be open in two provinces): the same queue reads
    # the same whatever order the set gives
    ordered = sorted(wanted, key=lambda t: tuple(str(x) for x in t))
    # one statement for the whole queue: a file of communes leaves tens of thousands of
    # names open, and a statement per name costs a round trip each
    entries = pl.DataFrame(  # noqa: F841 (read by DuckDB below, by its name)
        [(kind, raw, prov, cands, n) for kind, raw, prov, n, cands in ordered],
        schema={
            "kind": pl.String,
            "raw": pl.String,
            "province": pl.String,
            "candidates": pl.String,
            "occurrences": pl.Int64,
        },
        orient="row",
    )
    con.execute("insert into review_queue select *, 'open', ? from entries", [now()])


def refresh_references(wh: Warehouse, publish: bool = True) -> tuple[int, int]:
    """Reload reference data, resolve what it now resolves, publish (``publish=False``: a
    step of a batch that publishes at its end). (rows resolved, open)"""
    with wh.writer(publish=publish, catch_up=publish) as con:
        registry, _ = read_and_sync(con, wh.reference)
        con.execute("begin")
        updated = resolve_pending(con, wh.reference, registry)
        refresh_manifest(con)  # a name now resolved may make two figures one
        mark_written(con)
        con.execute("commit")
        ((open_items,),) = con.execute("select count(*) from review_queue").fetchall()
    return updated, int(open_items)
