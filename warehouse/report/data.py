"""What the attainment report shows, read from the marts on the analyst connection.

Each section is one query with bound values. Column names that the marts are changing
(``area_no`` → ``target_area_no``, ``share_met`` → ``share_met_pct``, names carried in
the marts instead of joined) are looked up in the catalog, so the report reads either
shape.

A province can have several plans in force in one year (the annual PAR plan, a chuyển đổi
số plan, a phase plan judged at its end year): every section reads one plan, by its
``source_sha256``, and ``gather_plans`` orders them - the annual PAR plan first, the others
by topic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from warehouse.report.completion import Completion, completion
from warehouse.report.rows import Row, query_rows

DUE_SOON_DAYS = 90
# the marts the report reads: Dagster draws the report after these are built
REPORT_MARTS = (
    "target_attainment",
    "attainment_by_area",
    "attainment_trend",
    "task_schedule",
    "budget_by_agency",
    "plan_completion",
    "task_progress",
)


class NoPlan(LookupError):
    """No plan in force for the province and year asked (the message names those loaded)."""


@dataclass(frozen=True)
class ReportData:
    province: str
    plan_year: int
    as_of: dt.date
    document: Row
    counts: dict[str, int]
    targets: list[Row]
    areas: list[Row]
    trends: list[Row]
    tasks_overdue: list[Row]
    tasks_due_soon: list[Row]
    tasks_undated: int
    tasks_total: int
    budget: list[Row]
    rejects: list[Row]
    unresolved: list[Row]
    issues: list[Row]
    quarantined: list[Row]
    year_figures: int  # figures the warehouse holds for the plan's year (0: say so)
    left_out: list[Row]  # per file and agency: figures kept out of every result, and why
    completion: Completion | None = None  # when progress reports name the plan's tasks


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> set[str]:
    return {
        n
        for (n,) in con.execute(
            "select column_name from duckdb_columns() where table_name = ?", [relation]
        ).fetchall()
    }


def _first(columns: set[str], *names: str) -> str | None:
    return next((n for n in names if n in columns), None)


# the plans judged in a year (a multi-year plan at its end year), the annual PAR plan first,
# then the others by topic
PLANS_OF_YEAR = """
    select * from documents
    where is_current and province = ? and coalesce(plan_year, period_end) = ?
    order by coalesce(topic, 'par') = 'par' and plan_year is not null desc,
             coalesce(topic, 'par'), period_start nulls last, doc_number nulls last, sha256
"""


def _plans(con: duckdb.DuckDBPyConnection, province: str, year: int) -> list[Row]:
    found = query_rows(con, PLANS_OF_YEAR, [province, year])
    if not found:
        plans = query_rows(
            con,
            "select distinct province, coalesce(plan_year, period_end) as plan_year "
            "from documents where is_current order by all",
        )
        known = ", ".join(f"{p['province']} {p['plan_year']}" for p in plans) or "none"
        raise NoPlan(f"no plan in force for {province} {year} (plans loaded: {known})")
    return found


def plans_in_force(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(province, plan year) of every plan in force, latest year first."""
    rows = con.execute(
        "select distinct province, coalesce(plan_year, period_end) as year from documents "
        "where is_current and province is not null and year is not null "
        "order by year desc, province"
    ).fetchall()
    return [(str(p), int(y)) for p, y in rows]


def _targets(con: duckdb.DuckDBPyConnection, sha: str) -> list[Row]:
    cols = _columns(con, "target_attainment")
    area_no = _first(cols, "target_area_no", "area_no")
    area = _first(cols, "target_area", "area")
    name = "t.indicator_name" if "indicator_name" in cols else "i.name_vi"
    unit = "t.unit" if "unit" in cols else "i.unit"
    text = "t.target_text" if "target_text" in cols else "g.text"
    lead = "t.lead_agency" if "lead_agency" in cols else "null::varchar"
    excluded = "t.figures_excluded" if "figures_excluded" in cols else "null::bigint"
    return query_rows(
        con,
        f"""
        select t.target_no, t.measure_no, t.{area_no} as area_no, t.{area} as area,
               {text} as target_text, {lead} as lead_agency,
               t.indicator_code, {name} as indicator_name, {unit} as unit, t.level,
               t.comparator, t.target_value, t.actual_value, t.gap, t.status, t.actual_method,
               {excluded} as figures_excluded
        from target_attainment t
        left join indicators i on i.code = t.indicator_code
        left join targets g on g.source_sha256 = t.source_sha256 and g.target_no = t.target_no
        where t.source_sha256 = ?
        order by t.target_no, t.measure_no nulls first
        """,
        [sha],
    )


def _areas(con: duckdb.DuckDBPyConnection, sha: str) -> list[Row]:
    cols = _columns(con, "attainment_by_area")
    area_no = _first(cols, "target_area_no", "area_no")
    area = _first(cols, "target_area", "area")
    return query_rows(
        con,
        f"""
        select {area_no} as area_no, {area} as area, met, not_met, no_data, pending,
               not_measurable
        from attainment_by_area where source_sha256 = ? order by {area_no}
        """,
        [sha],
    )


def _trends(con: duckdb.DuckDBPyConnection, province: str, sha: str) -> list[Row]:
    """Each measured indicator of the plan across every year the warehouse has, for the
    level the plan's target names (province-wide when it names none), in the series of the
    plan's province of today (Long An's 2022 plan: Tây Ninh's series since the merger)."""
    if "current_province_code" in _columns(con, "attainment_trend"):
        series = """r.current_province_code = (select any_value(current_province_code)
                    from target_attainment_current where source_sha256 = ?)"""
        params: list[Any] = [sha]
    else:  # an analyst copy built before the reorganisation's models
        series, params = "r.province = ?", [province]
    return query_rows(
        con,
        f"""
        with wanted as (
            select distinct indicator_code, coalesce(level, 'all') as level
            from target_attainment
            where source_sha256 = ? and indicator_code is not null
        )
        select r.indicator_code, coalesce(i.name_vi, r.indicator_code) as indicator_name,
               i.unit, r.level, r.year, r.target_value, r.actual_value, r.status
        from attainment_trend r
        join wanted w using (indicator_code, level)
        left join indicators i on i.code = r.indicator_code
        where {series}
        order by r.indicator_code, r.level, r.year
        """,
        [sha, *params],
    )


def _tasks(con: duckdb.DuckDBPyConnection, sha: str) -> list[Row]:
    cols = _columns(con, "task_schedule")
    area_no = _first(cols, "task_area_no", "area_no")
    area = _first(cols, "task_area", "area")
    return query_rows(
        con,
        f"""
        select code, {area_no} as area_no, {area} as area, description, lead, start_date, end_date,
               timeframe_text, budget_million_vnd
        from task_schedule where source_sha256 = ?
        order by end_date nulls last, code
        """,
        [sha],
    )


def _budget(con: duckdb.DuckDBPyConnection, sha: str) -> list[Row]:
    return query_rows(
        con,
        """
        select coalesce(any_value(agency), agency_code) as agency, agency_code,
               sum(tasks)::integer as tasks, sum(budget_million_vnd)::double as budget,
               sum(tasks_with_budget_note)::integer as tasks_with_budget_note
        from budget_by_agency where source_sha256 = ?
        group by agency_code
        order by budget desc nulls last, tasks desc, agency
        """,
        [sha],
    )


def _quality(con: duckdb.DuckDBPyConnection, province: str, sha: str) -> dict[str, list[Row]]:
    return {
        "rejects": query_rows(
            con,
            """
            select coalesce(m.original_path, r.source_sha256) as file, r.reason,
                   count(*) as rows, min(r.source_row) as first_row
            from metric_rejects r
            left join file_manifest m on m.sha256 = r.source_sha256
            group by all order by rows desc, file, reason
            """,
        ),
        "unresolved": open_names(con, province),
        "issues": plan_issues(con, sha),
        "quarantined": query_rows(
            con, "select original_path, reason from quarantine order by quarantined_at"
        ),
    }


def open_names(con: duckdb.DuckDBPyConnection, province: str) -> list[Row]:
    """The names waiting in the review queue for ``province`` (or for no province), the
    most used first, then by the name, its kind and its province (the province's own
    first): one name may be open for both, or as two kinds, and must not come in the
    database's order."""
    return query_rows(
        con,
        """
        select kind, raw, candidates, occurrences from review_queue
        where status = 'open' and (province = ? or province is null)
        order by occurrences desc, raw, kind, province nulls last, candidates nulls last
        """,
        [province],
    )


def plan_issues(con: duckdb.DuckDBPyConnection, sha: str) -> list[Row]:
    """The issues met reading the plan ``sha``: errors, warnings, repairs; each in the
    document's order (what names no place first), then by kind and words. A total order:
    a PDF's issues have no line, and two of one kind on two pages must not come in the
    database's order."""
    return query_rows(
        con,
        """
        select severity, code, message, line, page, row_no from extraction_issues
        where source_sha256 = ?
        order by case severity when 'error' then 0 when 'warning' then 1 else 2 end,
                 line nulls first, page nulls first, row_no nulls first, code, message
        """,
        [sha],
    )


def _year_figures(con: duckdb.DuckDBPyConnection, province: str, year: int) -> int:
    """Figures of ``year`` that are, or may be, the province's (one of no province is
    counted too: it is listed among the figures left out, so the year is not empty)."""
    row = con.execute(
        "select count(*) from metric_observations where year = ? "
        "and (province = ? or province is null)",
        [year, province],
    ).fetchone()
    return int(row[0]) if row else 0


def _left_out(con: duckdb.DuckDBPyConnection, province: str) -> list[Row]:
    """The data-quality mart's metric rows kept out of every result (a name, the province
    or the year not known): which file, which agency, how many, and the names to add."""
    return query_rows(
        con,
        """
        select file_name, agency, rows_unresolved as figures, unresolved_names,
               targets_touched
        from data_quality
        where file_kind = 'metrics' and rows_unresolved > 0
          and (province = ? or province is null)
        order by file_name, agency nulls first
        """,
        [province],
    )


def gather(con: duckdb.DuckDBPyConnection, doc: Row, as_of: dt.date) -> ReportData:
    """Everything the report of one plan in force (a ``documents`` row) needs, as of a date."""
    province, sha = doc["province"], doc["sha256"]
    targets = _targets(con, sha)
    counts: dict[str, int] = {}
    for t in targets:
        counts[t["status"]] = counts.get(t["status"], 0) + 1
    tasks = _tasks(con, sha)
    soon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    quality = _quality(con, province, sha)
    return ReportData(
        province=province,
        plan_year=doc["plan_year"] or doc["period_end"],
        as_of=as_of,
        document=doc,
        counts=counts,
        targets=targets,
        areas=_areas(con, sha),
        trends=_trends(con, province, sha),
        tasks_overdue=[t for t in tasks if t["end_date"] and t["end_date"] < as_of],
        tasks_due_soon=[t for t in tasks if t["end_date"] and as_of <= t["end_date"] < soon],
        tasks_undated=sum(1 for t in tasks if not t["end_date"]),
        tasks_total=len(tasks),
        budget=_budget(con, sha),
        rejects=quality["rejects"],
        unresolved=quality["unresolved"],
        issues=quality["issues"],
        quarantined=quality["quarantined"],
        year_figures=_year_figures(con, province, doc["plan_year"] or doc["period_end"]),
        left_out=_left_out(con, province),
        completion=completion(con, sha),
    )


def gather_plans(
    con: duckdb.DuckDBPyConnection, province: str, year: int, as_of: dt.date
) -> list[ReportData]:
    """One ``ReportData`` per plan of ``province`` judged in ``year``, the annual PAR plan
    first, the others by topic."""
    return [gather(con, doc, as_of) for doc in _plans(con, province, year)]
