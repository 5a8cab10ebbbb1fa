"""Corrections: which submission of a figure counts, as the manifest shows it.

The decision itself is made by views over the facts in one order of submissions
(``submission_order``, migration 0014: the stated version, then arrival, then modification
time): ``metric_figure_versions`` per figure identity (province x agency x indicator x
period), ``progress_task_versions`` per plan task x period of a progress report. It depends
on how names resolve, so the manifest is refreshed after every batch that wrote or
re-resolved anything (the manifest is small; the facts are never updated): what each file
superseded and what superseded it, and the status ``superseded`` for a metric file or a
progress report that arrived superseded (an older version sent after the newer one).

The refresh reads ``metric_figure_versions`` only over the identities more than one figure
set holds (``warehouse.repeated_figures``): every other figure is current and replaces
nothing, and the window over every figure of the warehouse grew with the warehouse
(``file_supersessions``, the view over all of them, says the same).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from warehouse.database import now
from warehouse.repeated_figures import IDENTITY, figure_versions_repeated, repeated_identities

# Every submission that counts or was replaced, as (file, replaced by, counts): the metric
# figures of repeated identities, a row for each file of the batch holding a figure no other
# submission holds (``holding_alone``), and every task report (progress reports are small).
SUBMISSIONS = """
create or replace temp table submissions as
with repeated as ({repeated})
select source_sha256, superseded_by, is_current from repeated
union all
select unnest(?::varchar[]), null, true
union all
select source_sha256, superseded_by, is_current from progress_task_versions
"""

# Which file replaced which (what the view file_supersessions says, read from the above).
SUPERSESSIONS = """
create or replace temp table supersessions as
select distinct source_sha256 as old_sha256, superseded_by as new_sha256
from submissions where superseded_by is not null
union
select sha256, superseded_by from documents where superseded_by is not null
"""

REFRESH_MANIFEST = """
update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from supersessions where old_sha256 = m.sha256), [])
"""

# A file of this batch arrived superseded when none of its figures or task reports counts
# and every file that replaced them arrived before it (an older version sent late: v9 after
# v10). Files of one batch arrive together: one that a batch-mate corrected stays 'loaded'.
ARRIVED_SUPERSEDED = """
update file_manifest m set status = 'superseded', updated_at = ?
where m.sha256 in (
        select source_sha256 from submissions
        where source_sha256 in (select unnest(?)) group by all having not bool_or(is_current))
  and m.kind in ('metrics', 'progress') and m.status = 'loaded'
  and not exists (
      select 1 from supersessions s join file_manifest n on n.sha256 = s.new_sha256
      where s.old_sha256 = m.sha256 and n.arrived_at >= m.arrived_at)
"""


# What each file just loaded replaced: the earlier files whose figures (or task reports)
# it is now the next submission of, and how many. A figure replaced before (by a file in
# between) is not counted again: ``superseded_by`` names the next submission only.
REPLACED = """
select superseded_by, list(distinct source_sha256 order by source_sha256), count(*)
from submissions where superseded_by in (select unnest(?)) group by all
"""


# Pairs of submissions of the same figures (or task reports) that nothing orders - the same
# stated version, arrival and modification time - so that which one counts fell to their
# hashes (``submission_order``'s last key), for the files just loaded: (file, the other).
TIES = """
with tied as (
    select distinct s.superseded_by as a, s.source_sha256 as b
    from submissions s
    join submission_order x on x.sha256 = s.superseded_by
    join submission_order y on y.sha256 = s.source_sha256
    where x.version is not distinct from y.version and x.arrived_at = y.arrived_at
      and x.modified_at is not distinct from y.modified_at
      and (x.reported_on is not distinct from y.reported_on
          or x.reported_on is null or y.reported_on is null)
)
select a, b from tied where a in (select unnest(?))
union
select b, a from tied where b in (select unnest(?))
"""


def record_report_date(con: duckdb.DuckDBPyConnection, sha: str, day: date | None) -> None:
    """The report date a file states (``file_manifest.reported_on``; caller's transaction)."""
    con.execute("update file_manifest set reported_on = ? where sha256 = ?", [day, sha])


# Pairs of submissions of the same figures that their stated report dates ordered against
# their arrival (the older report arrived later: ``submission_order`` alone would have let
# it count), for the files just loaded: (file, the other, whether the file is the older).
DATED = """
with flipped as (
    select distinct s.superseded_by as newer, s.source_sha256 as older
    from submissions s
    join submission_order x on x.sha256 = s.superseded_by
    join submission_order y on y.sha256 = s.source_sha256
    where x.recency > y.recency and x.version is not distinct from y.version
)
select older, newer, true from flipped where older in (select unnest(?))
union
select newer, older, false from flipped where newer in (select unnest(?))
"""


# Pairs of submissions of the same figures that a stated version ordered against their
# arrival (the file stating the higher version, or any, arrived first: a later re-send
# stating none, or a lower one, is history), for the files just loaded that arrived late:
# (file, the other that stays current, its stated version, the file's own).
VERSIONED = """
select distinct s.source_sha256, s.superseded_by, x.version, y.version
from submissions s
join submission_order x on x.sha256 = s.superseded_by
join submission_order y on y.sha256 = s.source_sha256
where s.source_sha256 in (select unnest(?)) and x.version is not null
  and x.version is distinct from y.version and y.arrived_at > x.arrived_at
order by all
"""


# Per (file just loaded, earlier metric file it replaced figures of): the earlier file's
# figures the new one does not hold - they stay as they were (a re-send does not delete) -,
# how many and the first few as written.
OMITTED = """
with pairs as (
    select distinct s.superseded_by as new, s.source_sha256 as old
    from submissions s join file_manifest m on m.sha256 = s.source_sha256
    where s.superseded_by in (select unnest(?)) and m.kind = 'metrics'
),

figures as (
    select s.source_sha256, a.province, {agency} as agency, {indicator} as indicator,
        {period} as period, a.agency_raw || ' x ' || i.indicator_raw || ' x '
            || coalesce(p.period_raw, '') as written
    from metric_figure_sets s
    join metric_agency_keys a on a.id = s.agency_id
    join metric_indicator_keys i on i.id = s.indicator_id
    join metric_period_keys p on p.id = s.period_id
    where s.source_sha256 in (select old from pairs union select new from pairs)
)

select p.new, p.old, count(*), list(o.written order by o.written)[1:3]
from pairs p
join figures o on o.source_sha256 = p.old
where not exists (
    select 1 from figures n where n.source_sha256 = p.new
        and n.province is not distinct from o.province and n.agency is not distinct from o.agency
        and n.indicator is not distinct from o.indicator and n.period is not distinct from o.period
)
group by all
order by all
""".format(
    **{
        c: IDENTITY[t][c]
        for t, c in (
            ("metric_agency_keys", "agency"),
            ("metric_indicator_keys", "indicator"),
            ("metric_period_keys", "period"),
        )
    }
)


@dataclass(frozen=True)
class Omitted:
    """Figures of an earlier file that a file replacing some of its figures does not hold:
    they stay as they were."""

    file: str
    figures: int
    first: tuple[str, ...]  # the first few, as written (agency x indicator x period)


@dataclass(frozen=True)
class Replaced:
    """What a file of the batch replaced: the earlier files, and how many of their figures
    (metric figure sets; for a progress report, its task reports); ``ties``: the files it
    was ordered against by hash alone (nothing else told which one counts)."""

    files: tuple[str, ...]
    figures: int
    ties: tuple[str, ...] = ()
    # files its stated report date was ordered against, though the arrival order said
    # otherwise: (the other file, whether this file is the older report)
    dated: tuple[tuple[str, bool], ...] = ()
    omitted: tuple[Omitted, ...] = ()  # figures of the files it replaced that it left out
    # files that arrived before it and stay current by the version they state: (the other
    # file, its stated version, this file's, None: none stated)
    versioned: tuple[tuple[str, int, int | None], ...] = ()


# Of the files just loaded, those holding more figures than the repeated identities' rows
# name: a figure no other submission holds.
HOLDING_ALONE = """
with repeated as ({repeated})
select sha from (
    select source_sha256 as sha, count(*) as figures from metric_figure_sets
    where source_sha256 in (select unnest(?)) group by all
) f
where figures > (select count(*) from repeated r where r.source_sha256 = f.sha)
"""


def holding_alone(
    con: duckdb.DuckDBPyConnection, loaded: list[str], repeated: str, any_repeated: bool
) -> list[str]:
    """The files just ``loaded`` that hold a figure no other submission holds. When no
    identity repeats, that is every file holding a figure at all: one figure of each is
    looked for, instead of counting all of a large file's."""
    if any_repeated:
        found = con.execute(HOLDING_ALONE.format(repeated=repeated), [loaded]).fetchall()
        return [sha for (sha,) in found]
    one = "select 1 from metric_figure_sets where source_sha256 = ? limit 1"
    return [sha for sha in loaded if con.execute(one, [sha]).fetchall()]


def refresh_manifest(
    con: duckdb.DuckDBPyConnection, loaded: list[str] | None = None
) -> dict[str, Replaced]:
    """Recompute what each file superseded and what superseded it (caller's transaction);
    of the files just ``loaded``, mark those that arrived superseded. Returns, per file
    just loaded that corrects earlier submissions, what it replaced."""
    any_repeated = repeated_identities(con)
    repeated = figure_versions_repeated(any_repeated)
    alone = holding_alone(con, loaded or [], repeated, any_repeated)
    con.execute(SUBMISSIONS.format(repeated=repeated), [alone])
    con.execute(SUPERSESSIONS)
    con.execute(REFRESH_MANIFEST)
    replaced: dict[str, Replaced] = {}
    if loaded:
        con.execute(ARRIVED_SUPERSEDED, [now(), loaded])
        rows = con.execute(REPLACED, [loaded]).fetchall()
        replaced = {new: Replaced(tuple(old), int(n)) for new, old, n in rows}
        tied: dict[str, list[str]] = {}
        for sha, other in con.execute(TIES, [loaded, loaded]).fetchall():
            tied.setdefault(sha, []).append(other)
        for sha, others in tied.items():
            was = replaced.get(sha, Replaced((), 0))
            replaced[sha] = Replaced(was.files, was.figures, tuple(sorted(others)))
        for sha, old, n, first in con.execute(OMITTED, [loaded]).fetchall():
            was = replaced.get(sha, Replaced((), 0))
            left = Omitted(old, int(n), tuple(first))
            replaced[sha] = replace(was, omitted=(*was.omitted, left))
        for sha, other, older in con.execute(DATED, [loaded, loaded]).fetchall():
            was = replaced.get(sha, Replaced((), 0))
            replaced[sha] = replace(was, dated=(*was.dated, (other, bool(older))))
        for sha, other, stated, own in con.execute(VERSIONED, [loaded]).fetchall():
            was = replaced.get(sha, Replaced((), 0))
            replaced[sha] = replace(was, versioned=(*was.versioned, (other, stated, own)))
    for table in ("repeated_identities", "submissions", "supersessions"):
        con.execute(f"drop table {table}")
    return replaced
