"""Corrections: which submission of a figure counts, as the manifest shows it.

The decision itself is the ``metric_figure_versions`` view (migration 0008): per figure
identity (province x agency x indicator x period) the latest submission by stated version,
then arrival, then modification time. It depends on how names resolve, so the manifest's
``supersedes`` / ``superseded_by`` lists are refreshed after every batch that wrote or
re-resolved anything (the manifest is small; the facts are never updated).
"""

from __future__ import annotations

import duckdb

REFRESH_MANIFEST = """
update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from file_supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from file_supersessions where old_sha256 = m.sha256), [])
"""


def refresh_manifest(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute what each file superseded and what superseded it (caller's transaction)."""
    con.execute(REFRESH_MANIFEST)
