"""The report's plan-completion section: what the task-progress reports say of one plan's
tasks (the plan in force by its ``source_sha256``), from the ``plan_completion`` and
``task_progress`` marts (None when no report of progress names a task of the plan, or the
warehouse predates those marts)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.report.charts import stacked_by_area
from warehouse.report.rows import Row, query_rows

# task statuses in the order the report lists them: label, colour
PROGRESS_VI: dict[str, tuple[str, str]] = {
    "done_on_time": ("Hoàn thành đúng hạn", "#2E7D32"),
    "done_late": ("Hoàn thành trễ hạn", "#9CCC65"),
    "in_progress": ("Đang thực hiện", "#F9A825"),
    "not_done": ("Chưa thực hiện / không thực hiện được", "#C62828"),
    "not_reported": ("Chưa báo cáo", "#9E9E9E"),
}
COUNTS = tuple(PROGRESS_VI)


@dataclass(frozen=True)
class Completion:
    province: Row  # due, the counts, completion_rate, not_done_reasons
    areas: list[Row]  # the same by area of Phụ lục 2 (key, area), by area number
    leads: list[Row]  # the same by lead agency (key), most due first
    reports: list[Row]  # the progress reports behind it: file, period, rows


def completion(con: duckdb.DuckDBPyConnection, sha: str) -> Completion | None:
    """The completion of the plan ``sha`` (its file's hash), when progress was reported."""
    marts = {
        n
        for (n,) in con.execute(
            "select table_name from duckdb_tables() where table_name in "
            "('plan_completion', 'task_progress')"
        ).fetchall()
    }
    if marts != {"plan_completion", "task_progress"}:
        return None
    reports = query_rows(
        con,
        """
        select coalesce(m.original_path, p.source_report) as file,
               any_value(p.reported_for) as period, count(*) as tasks
        from task_progress p
        left join file_manifest m on m.sha256 = p.source_report
        where p.source_sha256 = ? and p.source_report is not null
        group by all order by file
        """,
        [sha],
    )
    if not reports:
        return None
    rows = query_rows(
        con,
        """
        with areas as (
            select distinct task_area_no::varchar as key, task_area as area
            from task_progress where source_sha256 = ?
        )
        select c.grouping, c.key, a.area, c.due, c.done_on_time, c.done_late,
               c.in_progress, c.not_done, c.not_reported, c.completion_rate,
               c.not_done_reasons
        from plan_completion c
        left join areas a on c.grouping = 'area' and a.key = c.key
        where c.source_sha256 = ?
        order by c.grouping, try_cast(c.key as integer) nulls last, c.due desc, c.key
        """,
        [sha, sha],
    )
    whole = next((r for r in rows if r["grouping"] == "province"), None)
    if whole is None:
        return None
    leads = sorted((r for r in rows if r["grouping"] == "lead"), key=lambda r: -r["due"])
    return Completion(whole, [r for r in rows if r["grouping"] == "area"], leads, reports)


def completion_chart(areas: list[Row]) -> str:
    """Tasks due per area, stacked by what the reports say of them."""
    return stacked_by_area(areas, "key", {s: PROGRESS_VI[s] for s in COUNTS}, "Số nhiệm vụ đến hạn")
