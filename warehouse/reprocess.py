"""Re-reading what is stored: files read by an older version of their reader are read again
from the raw store, through the same load path as a new submission, so figures loaded
wrong before a fix are corrected without anyone submitting anything again.

A superseded plan version stays as it was read: reading it again would make it current.
A workbook's row is read from the sheet its load read (``file_manifest.sheet``): a second
sheet loaded with ``--sheet`` is read again as that sheet, not as the default one.
"""

from __future__ import annotations

from pathlib import Path

from extractors.versions import PARSER_VERSIONS
from warehouse.database import Warehouse
from warehouse.files import DEFAULT_LIMITS, Limits
from warehouse.ingest import Progress, ingest
from warehouse.manifest import Arrival, BatchReport, FileResult

STALE = """
select raw_path, original_path, arrived_at, modified_at, sheet
from file_manifest
where raw_path is not null
  -- a superseded plan version stays as read; superseded figures are history worth correcting
  and (status = 'loaded' or (status = 'superseded' and kind <> 'plan'))
  and kind = any(?) and coalesce(parser_version, 0) < (
      select v from (select unnest(?) as k, unnest(?) as v) where k = kind)
order by arrived_at, sha256
"""


Stale = dict[str | None, dict[Path, Arrival]]  # by the sheet read (None: the default)


def stale_files(wh: Warehouse, kinds: list[str]) -> Stale:
    """The stored files of these kinds read by an older reader, with how they arrived, by
    the sheet each read (a workbook's sheets share its raw copy)."""
    with wh.writer(publish=False) as con:
        rows = con.execute(
            STALE, [kinds, list(PARSER_VERSIONS), list(PARSER_VERSIONS.values())]
        ).fetchall()
    stale: Stale = {}
    for raw, submitted, arrived, modified, sheet in rows:
        if Path(raw).exists():
            stale.setdefault(sheet, {})[Path(raw)] = Arrival(submitted, arrived, modified)
    return stale


def reprocess(
    wh: Warehouse,
    kind: str | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BatchReport:
    """Re-read the stale files (of ``kind``, else of every kind), each workbook row from
    the sheet it read; publish once."""
    stale = stale_files(wh, [kind] if kind else list(PARSER_VERSIONS)) or {None: {}}
    sheets = sorted(stale, key=lambda s: (s is not None, s or ""))  # the default ones first
    if progress:
        progress.begin([f for files in stale.values() for f in files])
    report = BatchReport()
    for sheet in sheets:
        files = stale[sheet]
        part = ingest(
            list(files),
            wh,
            progress=_Begun(progress) if progress else None,
            limits=limits,
            arrivals=files,
            reread=True,
            sheet=sheet,
            publish=sheet == sheets[-1],
        )
        report.results += part.results
        report.kept_out += part.kept_out
        report.no_province += part.no_province
        report.history += part.history
        report.published = part.published
    return report


class _Begun:
    """A progress begun with every file of the reprocess, told of each as it goes."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def begin(self, files: list[Path]) -> None:
        pass  # (begun once, with the files of every sheet)

    def file_started(self, path: Path) -> None:
        self.progress.file_started(path)

    def file_done(self, result: FileResult) -> None:
        self.progress.file_done(result)
