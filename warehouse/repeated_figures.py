"""Figure identities more than one figure set holds, found on the per-file key tables.

Which submission of a figure counts is decided per identity (province x agency x indicator
x period) by a window over every figure set (``metric_figure_versions``, migration 0014).
An identity held by one figure set alone decides nothing: it is current and replaces
nothing. Such identities are nearly all of a warehouse (a file's figures are unique; only a
re-sent report or a name written two ways repeats one), so the window is needed only over
the identities that repeat - and those are found on the key tables, which hold each file's
distinct names (a few hundred rows per file), not on the figure sets (one per figure).

A figure set can share its identity with another only if, key by key:
- the other is in another file: each of its three keys names what a key of another file
  names (key ids belong to one file, so every key differs), or
- the other is in the same file: one of its keys names what another key of the same file
  names (figure sets of one file differ in at least one key).
Figure sets passing neither test are alone in their identity; the rest are looked up.
"""

from __future__ import annotations

import duckdb

# Each key table's part of a figure's identity, written as metric_figure_versions
# (migration 0014) partitions on it.
IDENTITY = {
    "metric_agency_keys": {"province": "province", "agency": "coalesce(agency_code, agency_raw)"},
    "metric_indicator_keys": {"indicator": "coalesce(indicator_code, indicator_raw)"},
    "metric_period_keys": {
        "period": "coalesce(period_kind || ' ' || period_start || ' ' || period_end, period_raw)"
    },
}
MARKS = {  # key table -> (temp table of its marked keys, metric_figure_sets column)
    "metric_agency_keys": ("agency_marks", "agency_id"),
    "metric_indicator_keys": ("indicator_marks", "indicator_id"),
    "metric_period_keys": ("period_marks", "period_id"),
}
COLUMNS = ("province", "agency", "indicator", "period")


def mark_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Per key table, a temp table of every key with its identity part and two marks:
    ``across`` (another file has a key naming the same) and ``within`` (another key of its
    own file names the same). Nulls name the same as nulls, as in a window's partition."""
    for table, (marks, _) in MARKS.items():
        parts = IDENTITY[table]
        named = ", ".join(f"{expr} as {name}" for name, expr in parts.items())
        same = ", ".join(parts)
        con.execute(f"""
            create or replace temp table {marks} as
            select id, {same},
                count(distinct source_sha256) over (partition by {same}) > 1 as across,
                count(*) over (partition by source_sha256, {same}) > 1 as within
            from (select id, source_sha256, {named} from {table})""")


def may_repeat(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any figure set can share its identity (on the marks alone)."""
    ((answer,),) = con.execute("""
        select (select bool_or(across) from agency_marks)
               and (select bool_or(across) from indicator_marks)
               and (select bool_or(across) from period_marks)
            or (select bool_or(within) from agency_marks)
            or (select bool_or(within) from indicator_marks)
            or (select bool_or(within) from period_marks)""").fetchall()
    return bool(answer)


def repeated_identities(con: duckdb.DuckDBPyConnection) -> bool:
    """A temp table ``repeated_identities`` (province, agency, indicator, period): every
    identity more than one figure set may hold (a superset of those that do), found
    without reading the figure sets when no key is marked. Whether it has any."""
    mark_keys(con)
    columns = ", ".join(f"{c} varchar" for c in COLUMNS)
    con.execute(f"create or replace temp table repeated_identities ({columns})")
    if may_repeat(con):
        con.execute("""
            insert into repeated_identities
            select distinct a.province, a.agency, i.indicator, p.period
            from metric_figure_sets s
            join agency_marks a on a.id = s.agency_id
            join indicator_marks i on i.id = s.indicator_id
            join period_marks p on p.id = s.period_id
            where (a.across and i.across and p.across) or a.within or i.within or p.within""")
    for marks, _ in MARKS.values():
        con.execute(f"drop table {marks}")
    return bool(con.execute("select 1 from repeated_identities limit 1").fetchall())


def figure_versions_repeated(any_repeated: bool) -> str:
    """``metric_figure_versions`` over the repeated identities only (its whole partitions,
    so ranks and replacements are the view's own): the query, to read after
    ``repeated_identities`` (none: a query of no rows, the view left unread)."""
    if not any_repeated:
        return "select * from metric_figure_versions limit 0"
    same = " and ".join(f"v.{c} is not distinct from r.{c}" for c in COLUMNS)
    return f"""select v.* from metric_figure_versions v
               semi join repeated_identities r on {same}"""
