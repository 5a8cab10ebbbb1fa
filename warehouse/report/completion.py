"""The report's plan-completion section: what the task-progress reports say of one plan's
tasks (the plan in force by its ``source_sha256``), from the ``plan_completion`` and
``task_progress`` marts (None when no report of progress names a task of the plan, or the
warehouse predates those marts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import duckdb

from warehouse.report.charts import _data, to_svg

Row = dict[str, Any]
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


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Row]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


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
    reports = _rows(
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
    rows = _rows(
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
    values = [
        {
            "area": f"{a['key']}. {a['area'] or ''}"[:48],
            "status": PROGRESS_VI[s][0],
            "order": i,
            "n": int(a[s] or 0),
        }
        for a in areas
        for i, s in enumerate(COUNTS)
        if a.get(s)
    ]
    present = [s for s in COUNTS if any(a.get(s) for a in areas)]
    scale = alt.Scale(
        domain=[PROGRESS_VI[s][0] for s in present], range=[PROGRESS_VI[s][1] for s in present]
    )
    chart = (
        alt.Chart(_data(values))
        .mark_bar()
        .encode(
            y=alt.Y("area:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("n:Q", title="Số nhiệm vụ đến hạn", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N", title="Tình trạng", scale=scale, legend=alt.Legend(orient="bottom")
            ),
            order=alt.Order("order:Q"),
            tooltip=["area:N", "status:N", "n:Q"],
        )
        .properties(width=420, height=alt.Step(22))
    )
    return to_svg(chart)
