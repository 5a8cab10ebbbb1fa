"""Progress rows matched to the tasks of the plan in force at each report's date (inside
the caller's transaction): the task code, how it was found, the agency check; the rows that
name no task for sure become review-queue items. A reviewer's decisions are read from
``task_mappings.csv`` in the reference folder (province, plan_year, task_text, task_code).
Agencies are judged at the report's date (``progress_agencies``): a successor may report a
task of the unit it took over, an agency of another time is flagged with the reason."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb

from extractors.progress.match import PlanTask, agency_allowed, match_task
from warehouse.progress_agencies import ReportingAgencies, flag_agencies_of_another_time

MAPPINGS = "task_mappings.csv"
# the plan a report is read against: the province's plan of the topic the report's title
# names ("... Kế hoạch chuyển đổi số": digital), else its PAR plan, for the period's year;
# the whole plan of that topic (the annual or phase plan) before a plan on one index, part
# or activity of it issued the same year (a report's title does not say which, and the
# task reports agencies send are on the whole plan); then the latest version in force at
# the period's end (else the current one)
PLAN_AT = """select sha256 from documents where province = ? and plan_year = ?
             and coalesce(topic, 'par') = ?
             order by coalesce(subject, 'whole') = 'whole' desc,
                      coalesce(effective_date <= ?, false) desc, effective_date desc nulls last,
                      is_current desc limit 1"""


def plan_at(
    con: duckdb.DuckDBPyConnection, province: str, period_end: date, topic: str | None
) -> str | None:
    """The plan a report row is read against (see ``PLAN_AT``); None: no plan to read it
    against. A report naming a topic no plan of the province has falls back to PAR."""
    for wanted in dict.fromkeys((topic or "par", "par")):
        found = con.execute(PLAN_AT, [province, period_end.year, wanted, period_end]).fetchall()
        if found:
            return str(found[0][0])
    return None


def read_mappings(folder: Path) -> dict[tuple[str, int], dict[str, str]]:
    """(province, plan year) -> task text -> task code, as reviewers wrote them."""
    path = folder / MAPPINGS
    out: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                out[(r["province"].strip(), int(r["plan_year"]))][r["task_text"]] = r["task_code"]
    return out


def plan_tasks(con: duckdb.DuckDBPyConnection, sha: str) -> list[PlanTask]:
    agencies: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, role, name in con.execute(
        """select task_code, role, agency_name from task_agencies where source_sha256 = ?
           order by task_code, role, position""",
        [sha],
    ).fetchall():
        agencies[(code, role)].append(name)
    return [
        PlanTask(
            code,
            text or "",
            tuple(agencies[(code, "lead")]),
            tuple(agencies[(code, "support")]),
            no,
        )
        for code, no, text in con.execute(
            "select code, no, description from tasks where source_sha256 = ? order by code",
            [sha],
        ).fetchall()
    ]


def lead_codes(con: duckdb.DuckDBPyConnection, sha: str) -> dict[str, tuple[str, ...]]:
    """Task code -> the registry codes of its lead and supports, as the plan resolved them."""
    out: dict[str, list[str]] = defaultdict(list)
    for task, code in con.execute(
        """select task_code, agency_code from task_agencies where source_sha256 = ?
           and agency_code is not null order by all""",
        [sha],
    ).fetchall():
        out[task].append(code)
    return {k: tuple(v) for k, v in out.items()}


# A matched row's match, undone so that it is matched again (see ``follow_plan_versions``).
UNMATCH = """update progress_rows set plan_sha256 = null, task_code = null, match_method = null,
                agency_allowed = null
             where plan_sha256 = ? and province = ? and period_end = ?
               and plan_topic is not distinct from ?"""


def follow_plan_versions(con: duckdb.DuckDBPyConnection) -> int:
    """Rows matched to a plan that is no longer the one they are read against - a later
    version superseded it ("... thay thế Quyết định số ..."), an older one was made
    current again, or the whole plan arrived after a plan on one index of it - are
    unmatched, to be matched again against the plan now read: left with a superseded
    version, a report falls out of the marts (which list the tasks of the plans in force).
    Returns how many groups of rows were unmatched."""
    groups = con.execute("""select distinct plan_sha256, province, period_end, plan_topic
                            from progress_rows where plan_sha256 is not null
                              and province is not null and period_end is not null
                            order by all""").fetchall()
    stale = [g for g in groups if plan_at(con, g[1], g[2], g[3]) not in (None, g[0])]
    for group in stale:
        con.execute(UNMATCH, list(group))
    return len(stale)


def match_progress(
    con: duckdb.DuckDBPyConnection, folder: Path, agencies: ReportingAgencies
) -> list[dict[str, object]]:
    """Match the rows not yet matched (and those whose plan a later version replaced); the
    review-queue items for those still unmatched and for agencies of another time."""
    follow_plan_versions(con)
    mappings = read_mappings(folder)
    pending = con.execute("""select source_sha256, source_row, province, period_end, code,
                                    task, agency_raw, period_start, plan_topic
                             from progress_rows where task_code is null
                             order by all""").fetchall()
    plans: dict[tuple[str, date, str | None], str | None] = {}
    tasks: dict[str, list[PlanTask]] = {}
    codes: dict[str, dict[str, tuple[str, ...]]] = {}
    queue: dict[tuple[str, str | None], dict[str, object]] = {}
    for sha, row, province, period_end, code, text, agency, period_start, topic in pending:
        if province is None or period_end is None:
            continue  # no plan to read it against (the row says which, or nothing does)
        key = (province, period_end, topic)
        if key not in plans:
            plans[key] = plan_at(con, province, period_end, topic)
        plan = plans[key]
        if plan is None:
            continue
        if plan not in tasks:
            tasks[plan] = plan_tasks(con, plan)
        got = match_task(code, text, tasks[plan], mappings.get((province, period_end.year), {}))
        if got.code is None:
            if text is not None:
                item = queue.setdefault(
                    (text, province),
                    {
                        "kind": "task",
                        "raw": text,
                        "province": province,
                        "n": 0,
                        "candidates": "; ".join(f"{c} ({s:.0f})" for c, s in got.candidates),
                    },
                )
                item["n"] = int(str(item["n"])) + 1
            continue
        task = next(t for t in tasks[plan] if t.code == got.code)
        allowed = None if agency is None else agency_allowed(agency, task, province)
        if agency is not None and not allowed:  # a successor of the lead or a support?
            if plan not in codes:
                codes[plan] = lead_codes(con, plan)
            now, _ = agencies.resolve(agency, province, period_start, period_end)
            named = codes[plan].get(got.code, ())
            allowed = now is not None and agencies.succeeds(now, named, period_end, province)
        con.execute(
            """update progress_rows set plan_sha256 = ?, task_code = ?, match_method = ?,
               agency_allowed = ? where source_sha256 = ? and source_row = ?""",
            [plan, got.code, got.method, allowed, sha, row],
        )
    return list(queue.values()) + flag_agencies_of_another_time(con, agencies)
