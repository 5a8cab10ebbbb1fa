"""A large metric file written slice by slice (``extractors.metrics.batches``), inside the
caller's transaction: a failure anywhere rolls back the whole file. Two passes over the
slices: the first tells whether any row key repeats, marking each slice's keys in a table
of booleans (``encode.SeenKeys``); only a file where one does (or whose keys are too
sparse to mark) stages every row's key and figures in a temporary table, where the
repeated-key rule is applied over the whole file in SQL (DuckDB spills what does not fit
in memory). The second pass judges each slice, with its repeats, and writes its facts and
rejects. Neither the file's per-row frames nor its rejects are ever held whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import duckdb
import polars as pl

from extractors.metrics.batches import NO_REPEATS, RowBatches, worded_repeats
from extractors.metrics.encode import seen_keys
from extractors.metrics.judge import Judged
from extractors.metrics.reasons import CONFLICTING, duplicates_note
from warehouse.metric_rejects import RejectWriter, next_reason_id

# The repeated-key rule over the staged keys: one row per repeated key (a clean file:
# none) - its first row and whether its figures conflict (a column null on some of its
# rows only, or its values differ: nulls alike, as polars' n_unique has them) - then its
# rows. Every conflicting key's rows point at one reason of the file (``$1``), worded
# with a place for the key's rows, which ``metric_rejects`` lists by the key's first row
# (migration 0029): no list of rows is built or stored here.
DIFFERS = "(count({c}) not in (0, count(*)) or coalesce(min({c}) <> max({c}), false))"
# rid, first_row, conflict and (a conflicting key's) reason_id of the rows repeating a
# key: what ``batches.worded_repeats`` takes
REPEATS = f"""
create or replace temp table batch_repeats as
with per_key as (
    select row_key, min(source_row) as first_row,
        {" or ".join(DIFFERS.format(c=c) for c in ("numerator", "denominator", "value"))}
            as conflict
    from batch_keys group by row_key having count(*) > 1
)
select k.rid, p.first_row, p.conflict, case when p.conflict then $1 end as reason_id
from batch_keys k join per_key p using (row_key)
where p.conflict or k.source_row <> p.first_row
order by k.rid  -- each slice reads its own row groups only
"""
SHOWN = 10  # copies a duplicates note names
BATCH_MEMORY = "256MB"  # what DuckDB may hold while a file's slices are written
# the widest table of booleans the first pass marks keys in (bit-packed: 32 MB); a file
# whose keys go past it has its repeats found in SQL
MARKED_KEYS = 1 << 28
INT_ROWS = 1 << 31  # row indexes and numbers below this are staged as DuckDB integers


def load_batches(
    con: duckdb.DuckDBPyConnection,
    batches: RowBatches,
    offsets: list[int],
    unplaced_keys: pl.Series,
    file_sha: Callable[[], str],
) -> tuple[int, int, str | None, int]:
    """Judge and write every slice: facts (their keys moved by ``offsets``: agency,
    indicator, period) and rejects. Facts, rejects, the duplicates note, and how many
    facts have an agency key of ``unplaced_keys`` (no province)."""
    with memory_limited(con, BATCH_MEMORY):
        sha = file_sha()
        writer = RejectWriter(con, sha, next_reason_id(con, sha))
        staged = may_repeat(batches)
        if staged:
            stage_repeats(con, batches, writer)
        facts = rejects = unplaced = copies = 0
        shown: list[pl.DataFrame] = []
        for offset in batches.offsets():
            rows = batches.rows(offset)
            repeats = staged_repeats(con, offset, batches.size) if staged else NO_REPEATS
            good, bad, copied = batches.settled(offset, rows, repeats)
            facts += write_facts(con, good, offsets)
            unplaced += int(good["agency_key"].is_in(unplaced_keys.implode()).sum())
            rejects += writer.write(bad)
            copies += copied.height
            shown.append(copied.sort("source_row").head(SHOWN))
        if staged:
            con.execute("drop table batch_repeats")
        named = pl.concat(shown) if shown else pl.DataFrame()
        note = duplicates_note(named, SHOWN, copies) if copies else None
        return facts, rejects, note, unplaced


def may_repeat(batches: RowBatches) -> bool:
    """Whether a row key of the file may repeat: False when every slice's keys, marked as
    they come, are new (a clean file: its repeats need no staging); True at the first
    repeat, or when the keys are too sparse to mark."""
    seen = seen_keys(MARKED_KEYS)
    return any(seen.add(batches.row_keys(offset)) is not False for offset in batches.offsets())


def stage_repeats(
    con: duckdb.DuckDBPyConnection, batches: RowBatches, writer: RejectWriter
) -> None:
    """Every row's key and figures staged, the rows repeating a key found over the whole
    file (``batch_repeats``: ``REPEATS``), and the conflicting keys' reason stored once
    (numbered as ``REPEATS`` numbered it: the writer's next number)."""
    # rows numbered within 32 bits are staged in 32 (less to spill while the rule runs)
    rows = "integer" if row_numbers_fit(batches) else "bigint"
    con.execute(
        f"create or replace temp table batch_keys (rid {rows}, source_row {rows}, "
        "row_key bigint, numerator double, denominator double, value double)"
    )
    for offset in batches.offsets():
        keyed = batches.keyed(offset)  # noqa: F841 (read below)
        con.execute("insert into batch_keys select * from keyed")
    con.execute(REPEATS, [writer.next_id])
    con.execute("drop table batch_keys")
    ((conflicts,),) = con.execute(
        "select count(*) from (select 1 from batch_repeats where conflict limit 1)"
    ).fetchall()
    if conflicts:
        writer.listing(CONFLICTING)


def row_numbers_fit(batches: RowBatches) -> bool:
    """Whether the file's row indexes and numbers are all below 2**31."""
    last = batches.plan.body["source_row"].max()
    return batches.plan.height < INT_ROWS and (last is None or int(last) < INT_ROWS)  # type: ignore[arg-type]


def staged_repeats(con: duckdb.DuckDBPyConnection, offset: int, size: int) -> pl.DataFrame:
    """The staged repeats of the slice at ``offset`` (rid within the slice), worded."""
    found = con.sql(
        "select rid - $1 as rid, first_row, conflict, reason_id from batch_repeats "
        "where rid >= $1 and rid < $2 order by rid",
        params=[offset, offset + size],
    ).to_arrow_table()
    return worded_repeats(pl.DataFrame(pl.from_arrow(found)))


@contextmanager
def memory_limited(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB keeps to ``limit`` while the slices are written: the staged keys spill to
    its temporary folder and the facts go to the file, beside the slices Python holds.
    The setting is put back as it was."""
    ((was,),) = con.execute("select current_setting('memory_limit')").fetchall()
    con.execute(f"set memory_limit = '{limit}'")
    try:
        yield
    except BaseException:
        # a failed statement aborts the transaction, where the setting cannot be put
        # back: it is rolled back here (the caller's rollback then ends an empty one),
        # so the failure reported is the statement's own
        con.execute("rollback")
        con.execute(f"set memory_limit = '{was}'")
        con.execute("begin")
        raise
    con.execute(f"set memory_limit = '{was}'")


def whole_judged(judged: Judged) -> Judged:
    """A file left to judge in slices, judged whole now (its facts looked at together)."""
    if judged.batches is None:
        return judged
    facts, rejects, copied = judged.batches.whole()
    note = duplicates_note(copied)
    rejects = pl.concat([judged.rejects, rejects]).sort("source_row", maintain_order=True)
    return replace(
        judged, facts=facts, rejects=rejects, duplicates=(note,) if note else (), batches=None
    )


def write_facts(con: duckdb.DuckDBPyConnection, facts: pl.DataFrame, offsets: list[int]) -> int:
    """Facts with their keys moved to the warehouse's ids."""
    con.execute(
        """insert into metric_facts select agency_key + ?, indicator_key + ?, period_key + ?,
        source_row, numerator, denominator, value from facts""",
        offsets,
    )
    return facts.height
