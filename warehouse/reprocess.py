"""Re-reading what is stored: files read by an older version of their reader are read again
from the raw store, through the same load path as a new submission, so figures loaded
wrong before a fix are corrected without anyone submitting anything again.

A superseded plan version stays as it was read: reading it again would make it current.
"""

from __future__ import annotations

from pathlib import Path

from extractors.versions import PARSER_VERSIONS
from warehouse.database import Warehouse
from warehouse.files import DEFAULT_LIMITS, Limits
from warehouse.ingest import Progress, ingest
from warehouse.manifest import Arrival, BatchReport

STALE = """
select raw_path, original_path, arrived_at, modified_at
from file_manifest
where raw_path is not null
  -- a superseded plan version stays as read; superseded figures are history worth correcting
  and (status = 'loaded' or (status = 'superseded' and kind <> 'plan'))
  and kind = any(?) and coalesce(parser_version, 0) < (
      select v from (select unnest(?) as k, unnest(?) as v) where k = kind)
order by arrived_at, sha256
"""


def stale_files(wh: Warehouse, kinds: list[str]) -> dict[Path, Arrival]:
    """The stored files of these kinds read by an older reader, with how they arrived."""
    with wh.writer(publish=False) as con:
        rows = con.execute(
            STALE, [kinds, list(PARSER_VERSIONS), list(PARSER_VERSIONS.values())]
        ).fetchall()
    return {
        Path(raw): Arrival(submitted, arrived, modified)
        for raw, submitted, arrived, modified in rows
        if Path(raw).exists()
    }


def reprocess(
    wh: Warehouse,
    kind: str | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BatchReport:
    """Re-read the stale files (of ``kind``, else of every kind); publish once."""
    files = stale_files(wh, [kind] if kind else list(PARSER_VERSIONS))
    return ingest(list(files), wh, progress=progress, limits=limits, arrivals=files, reread=True)
