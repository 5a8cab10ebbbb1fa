"""Figures that reach a key another file holds under another written province: conflicts.

A figure's key holds the province it resolves to at its period, so after the 2025 merger a
former province's report (Long An, 2025) and the merged province's (Tây Ninh) reach one key.
A later submission replaces an earlier one (``metric_figure_versions``) only as a
correction, and a report under one province's name is no correction of a report under
another's: a former province's partial figure must not wipe out the merged province's, nor
the reverse. So before a file is written, its rows whose key another file already holds
under another written province (``metric_agency_keys.province_written``) become rejects
naming both files and both names; the figure stored first stays current, and the batch
exits 3 (rows rejected). Files written under one province correct each other as before.

The check starts on the agency keys (a file's distinct names): only when another file has
the same province and agency written under another name are the file's figures looked at.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl

from extractors.metrics.cells import record_parts
from extractors.metrics.judge import Judged
from warehouse.metric_batches import whole_judged
from warehouse.repeated_figures import IDENTITY

AGENCY = IDENTITY["metric_agency_keys"]["agency"]
INDICATOR = IDENTITY["metric_indicator_keys"]["indicator"]
PERIOD = IDENTITY["metric_period_keys"]["period"]
WRITTEN = "coalesce(province_written, province)"  # a key loaded before 0019: as resolved

# Each identity expression is applied inside a query over its one table (its columns
# unqualified, as metric_figure_versions writes them); the joins compare the named results.
AGENCY_KEYS = f"""select *, {AGENCY} as agency_named, {WRITTEN} as written from {{table}}"""
INDICATOR_KEYS = f"select *, {INDICATOR} as indicator_named from {{table}}"
PERIOD_KEYS = f"select *, {PERIOD} as period_named from {{table}}"

# The file's agency keys some other file's key meets on province and agency, written under
# another province: (the file's key, the other key's id).
MEETING = f"""
with mine as ({AGENCY_KEYS.format(table="incoming_agencies")}),
theirs as ({AGENCY_KEYS.format(table="metric_agency_keys")})
select n.key, o.id
from mine n
join theirs o on o.province is not distinct from n.province
    and o.agency_named is not distinct from n.agency_named
    and o.written is distinct from n.written
where o.source_sha256 is distinct from ?
"""

# Per fact of a met key: the other files holding its key, and the names they wrote.
CONFLICTS = f"""
with agencies as ({AGENCY_KEYS.format(table="incoming_agencies")}),
indicators as ({INDICATOR_KEYS.format(table="incoming_indicators")}),
periods as ({PERIOD_KEYS.format(table="incoming_periods")}),

incoming as (
    select f.*, a.province, a.agency_raw, i.indicator_raw, p.period_raw, o.id as other,
        a.written, i.indicator_named as indicator, p.period_named as period
    from met_facts f
    join meeting o on o.key = f.agency_key
    join agencies a on a.key = f.agency_key
    join indicators i on i.key = f.indicator_key
    join periods p on p.key = f.period_key
),

held as (
    select s.source_sha256, s.agency_id, a.written, i.indicator_named as indicator,
        p.period_named as period
    from metric_figure_sets s
    join ({AGENCY_KEYS.format(table="metric_agency_keys")}) a on a.id = s.agency_id
    join ({INDICATOR_KEYS.format(table="metric_indicator_keys")}) i on i.id = s.indicator_id
    join ({PERIOD_KEYS.format(table="metric_period_keys")}) p on p.id = s.period_id
    where s.agency_id in (select id from meeting)
)

select n.source_row, any_value(n.province), any_value(n.agency_raw),
    any_value(n.indicator_raw), any_value(n.period_raw), any_value(n.written),
    list(distinct h.source_sha256 order by h.source_sha256),
    list(distinct h.written order by h.written),
    any_value(n.numerator), any_value(n.denominator), any_value(n.value)
from incoming n
join held h on h.agency_id = n.other and h.indicator is not distinct from n.indicator
    and h.period is not distinct from n.period
group by n.source_row
order by n.source_row
"""


def reject_conflicts(
    con: duckdb.DuckDBPyConnection, judged: Judged, path: str, sha: str | None
) -> Judged:
    """``judged`` with its rows that conflict with another file's (see the module) moved
    from its facts to its rejects. ``sha``: the file's hash when known (a file read again
    does not conflict with itself)."""
    con.register("incoming_agencies", judged.agencies)
    try:
        pairs = con.execute(MEETING, [sha]).fetchall()
        if not pairs:
            return judged
        meeting = pl.DataFrame(pairs, schema={"key": pl.Int64, "id": pl.Int64}, orient="row")
        return _moved(con, whole_judged(judged), path, meeting)  # (its facts, together)
    finally:
        con.unregister("incoming_agencies")


def _moved(
    con: duckdb.DuckDBPyConnection, judged: Judged, path: str, meeting: pl.DataFrame
) -> Judged:
    facts = judged.facts
    met = facts.filter(pl.col("agency_key").is_in(meeting["key"].unique().implode()))
    tables = {
        "meeting": meeting,
        "met_facts": met,
        "incoming_indicators": judged.indicators,
        "incoming_periods": judged.periods,
    }
    for name, frame in tables.items():
        con.register(name, frame)
    try:
        found = con.execute(CONFLICTS).fetchall()
    finally:
        for name in tables:
            con.unregister(name)
    if not found:
        return judged
    files = _names(con, {sha for r in found for sha in r[6]})
    rejects = pl.DataFrame(
        [(r[0], _reason(r, Path(path).name, files), None, _record(r), None) for r in found],
        schema=judged.rejects.schema,
        orient="row",
    )
    rows = pl.Series([r[0] for r in found], dtype=facts["source_row"].dtype)
    return replace(
        judged,
        facts=facts.filter(~pl.col("source_row").is_in(rows.implode())),
        rejects=pl.concat([judged.rejects, rejects]).sort("source_row", maintain_order=True),
    )


def _names(con: duckdb.DuckDBPyConnection, shas: set[str]) -> dict[str, str]:
    rows = con.execute(
        "select sha256, original_path from file_manifest where sha256 in (select unnest(?))",
        [sorted(shas)],
    ).fetchall()
    return {sha: Path(p).name for sha, p in rows}


def _reason(row: tuple[object, ...], name: str, files: dict[str, str]) -> str:
    _, province, agency, indicator, period, written, shas, others, *_ = row
    theirs = ", ".join(files.get(str(s), str(s)) for s in shas)  # type: ignore[attr-defined]
    names = " / ".join(repr(o) for o in others)  # type: ignore[attr-defined]
    return (
        f"conflict: {province} x {agency} x {indicator} x {period} is already reported "
        f"under {names} ({theirs}); this file ({name}) reports it under {written!r}, which "
        f"counts as {province} too (the 2025 reorganisation). A report under one province's "
        "name is no correction of one under another's: this row is not loaded and the "
        "figure stored first stays current (to replace it, re-send it under the name it was "
        "stored under)"
    )


def _record(row: tuple[object, ...]) -> dict[str, str]:
    """The rejected row as read (``metric_rejects.raw_record``), as the judge writes one."""
    _, _, agency, indicator, period, written, _, _, num, den, value = row
    record = {
        "province": written,
        "agency": agency,
        "indicator": indicator,
        "period": period,
        "numerator": num,
        "denominator": den,
        "value": value,
    }
    return record_parts(record)
