"""Corrections: which submission of a figure counts, as the manifest shows it.

The decision itself is made by views over the facts in one order of submissions
(``submission_order``, migration 0014: the stated version, then arrival, then modification
time): ``metric_figure_versions`` per figure identity (province x agency x indicator x
period), ``progress_task_versions`` per plan task x period of a progress report. It depends
on how names resolve, so the manifest is refreshed after every batch that wrote or
re-resolved anything (the manifest is small; the facts are never updated): what each file
superseded and what superseded it, and the status ``superseded`` for a metric file or a
progress report none of whose figures or task reports counts (an older version that
arrived late, or one a correction replaced wholly).
"""

from __future__ import annotations

import duckdb

from warehouse.database import now

REFRESH_MANIFEST = """
update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from file_supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from file_supersessions where old_sha256 = m.sha256), [])
"""

# a file holding figures or task reports is 'superseded' when none of them counts, and
# 'loaded' again when one does (a name resolved differently, a newer version made history)
REFRESH_STATUS = """
update file_manifest m set status = s.status, updated_at = ?
from (
    select sha, case when bool_or(is_current) then 'loaded' else 'superseded' end as status
    from (
        select source_sha256 as sha, is_current from metric_figure_versions
        union all
        select source_sha256, is_current from progress_task_versions
    )
    group by sha
) s
where s.sha = m.sha256 and m.kind in ('metrics', 'progress')
  and m.status in ('loaded', 'superseded') and m.status <> s.status
"""


def refresh_manifest(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute what each file superseded and what superseded it, and whether a metric
    file or a progress report still counts (caller's transaction)."""
    con.execute(REFRESH_MANIFEST)
    con.execute(REFRESH_STATUS, [now()])
