"""What an analyst should know of a progress report just loaded, read back once the batch's
corrections are decided: the statuses its percents contradict (``extraction_issues``), and
the task reports of the earlier files it replaced that it leaves out.

A re-send ("LẦN 2") that names fewer tasks than the report it corrects replaces the tasks it
names; the others stay current - nothing in the file says they were withdrawn, and a report
of one agency's tasks often leaves the rest to other files - but it is said, with a count
and the tasks, so a task dropped by mistake is seen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from warehouse.progress_load import CONTRADICTION

# the current task reports of the earlier files, for the plan and period this one reports,
# on tasks this one does not name: per earlier file, its name and the tasks
LEFT_OUT = """
with mine as (
    select plan_sha256, task_code, period from progress_task_versions where source_sha256 = ?
)
select m.original_path, list(v.task_code order by v.task_code)
from progress_task_versions v
join file_manifest m on m.sha256 = v.source_sha256
where v.is_current and v.source_sha256 in (select unnest(?))
  and exists (select 1 from mine x where x.plan_sha256 = v.plan_sha256 and x.period = v.period)
  and not exists (
      select 1 from mine x
      where x.plan_sha256 = v.plan_sha256 and x.period = v.period and x.task_code = v.task_code)
group by all order by all
"""


def progress_notes(con: duckdb.DuckDBPyConnection, sha: str, replaced: Sequence[str]) -> list[str]:
    """The notes on a progress report just loaded (``replaced``: the earlier files whose
    task reports it replaced)."""
    notes = contradictions(con, sha)
    if replaced:
        for path, tasks in con.execute(LEFT_OUT, [sha, list(replaced)]).fetchall():
            notes.append(
                f"{len(tasks)} task reports of {Path(path).name} for the same period are not "
                f"in this report and stay current ({', '.join(tasks)}): a re-send replaces "
                "only the tasks it names"
            )
    return notes


def contradictions(con: duckdb.DuckDBPyConnection, sha: str) -> list[str]:
    """A report's statuses its percents contradict, a message each, in row order."""
    return [
        str(m)
        for (m,) in con.execute(
            "select message from extraction_issues where source_sha256 = ? and code = ? "
            "order by row_no",
            [sha, CONTRADICTION],
        ).fetchall()
    ]
