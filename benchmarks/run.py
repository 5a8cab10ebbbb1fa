"""``make bench``: parplan against the raw tools doing the same work, in the same run.

Every timed step runs in its own process (so its peak memory is its own) and is repeated
(best of N, the machines are shared and noisy). Results are printed and appended to
``benchmarks/RESULTS.md`` with the machine and the date. Ratios, never absolute targets,
are what matters; nothing here asserts a time.

    python benchmarks/run.py [--rows 10000000] [--repeat 3]
                             [--only load,marts,pdf,longpdf,backfill,xlsx,scale]
                             [--scale-rows 10000000,30000000] [--scale-repeat 1]
                             [--step-memory-gb 6] [--step-seconds 1200] [--data DIR] [--clean]
                             [--batch-from-mb MB] [--batch-rows N]

``scale``: a clean long CSV of communes (unique keys) and the generator's reject-heavy one
(its key space scaled so that every size repeats the share of keys its own 30M-row file
repeats) at each of ``--scale-rows``, side by side, each against DuckDB's CTAS of itself.

Every step runs watched (``benchmarks/watchdog.py``): a step whose processes pass
``--step-memory-gb`` (``BENCH_STEP_MEMORY_GB``) or ``--step-seconds``
(``BENCH_STEP_SECONDS``) is killed and recorded as "stopped at X GB after Y s", so a run
cannot take a shared machine down. Generated files go under ``--data`` (``BENCH_DATA``;
default ``benchmarks/data``, ignored by git); ``--clean`` deletes each scale file once it
is measured.

``--batch-from-mb`` / ``--batch-rows`` (``PARPLAN_BATCH_FROM_MB`` / ``PARPLAN_BATCH_ROWS``):
the ingest steps judge and write a file of that size and more in slices of that many rows,
as a file of 1 GiB and more is: the scale benchmark's large-file path, tried at a few
million rows (the entry says it was forced).
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("BENCH_DATA", ROOT / "benchmarks" / "data"))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
sys.path.insert(0, str(ROOT))

from benchmarks.watchdog import Limits, run_watched  # noqa: E402 (the path above first)

LIMITS = Limits(
    memory_mb=round(1024 * float(os.environ.get("BENCH_STEP_MEMORY_GB", 6))),
    seconds=float(os.environ.get("BENCH_STEP_SECONDS", 1200)),
)
# (MB, rows) the ingest steps take the slice path from and slice by (--batch-from-mb,
# --batch-rows); blank: as ``warehouse.files.Limits`` has them
BATCH = ("", "")
LOAD_TARGET = 1.2  # issue 14: the 10M-row load within this many times DuckDB's CTAS


# --- steps (each runs in a child process: `run.py step NAME ARGS...`) ---------------------


def cpu_seconds() -> float:
    """CPU time (user + system) of this process's threads and of the children it waited
    for: what a step computed, whatever else the machine was running."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def step_duckdb_ctas(csv: str, db: str) -> dict[str, object]:
    import duckdb

    Path(db).unlink(missing_ok=True)
    t, c = time.perf_counter(), cpu_seconds()
    with duckdb.connect(db) as con:
        con.execute("set enable_progress_bar = false")
        con.execute(f"create table t as select * from read_csv('{csv}')")
    return {"seconds": time.perf_counter() - t, "cpu_seconds": cpu_seconds() - c}


def step_parplan_ingest(
    csv: str, db: str, batch_from_mb: str = "", batch_rows: str = ""
) -> dict[str, object]:
    """``batch_from_mb``, ``batch_rows``: the slice path from that size, in slices of that
    many rows (blank: the defaults)."""
    from extractors.reference import BUNDLED
    from warehouse.database import Warehouse
    from warehouse.files import DEFAULT_LIMITS
    from warehouse.ingest import ingest

    wh = Warehouse.at(db, BUNDLED)
    limits = replace(
        DEFAULT_LIMITS,
        batch_from=round(float(batch_from_mb) * 2**20)
        if batch_from_mb
        else DEFAULT_LIMITS.batch_from,
        batch_rows=int(batch_rows) if batch_rows else DEFAULT_LIMITS.batch_rows,
    )
    t, c = time.perf_counter(), cpu_seconds()
    report = ingest([csv], wh, limits=limits)
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - c
    counts = {"rows": sum(r.rows for r in report.results), "rejects": report.rejects}
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "summary": report.summary(),
        "published": report.published,
        "counts": counts,
    }


def step_cli(base: str, db: str, *command: str) -> dict[str, object]:
    """A ``parplan`` command as an operator runs it (its own process, Dagster's import
    included) on a fresh copy of the ``base`` warehouse; the copy is not timed."""
    target = Path(db)
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    for name in ("parplan.duckdb", "parplan.work.duckdb"):
        shutil.copyfile(Path(base).with_name(name), target.with_name(name))
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "parplan.cli", *command, "--db", db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    seconds = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"parplan {command[0]} failed:\n{proc.stderr[-3000:]}")
    return {
        "seconds": seconds,
        "summary": proc.stdout.strip().splitlines()[-1],
        "command_rss_mb": round(children.ru_maxrss / 1024),
        # (the command is this step's only child) what it computed, waits for the disk and
        # for the other processes of a busy machine left out
        "command_cpu_seconds": children.ru_utime + children.ru_stime,
    }


def step_polars_read(csv: str, _db: str) -> dict[str, object]:
    import polars as pl

    t = time.perf_counter()
    frame = pl.read_csv(csv, separator=";", infer_schema=False)
    return {"seconds": time.perf_counter() - t, "rows": frame.height}


def step_marts(db: str, repeat: str = "") -> dict[str, object]:
    from extractors.reference import BUNDLED
    from pipelines.dbt_project import build, dbt_dir
    from warehouse.database import Warehouse

    wh = Warehouse.at(db, BUNDLED)
    t = time.perf_counter()
    counts = build(wh).rows  # `parplan build`: dbt build (models and tests), publish
    build_seconds = time.perf_counter() - t
    con = wh.connect()
    con.execute("set enable_progress_bar = false")
    # Staging and intermediate models are views: the target_attainment query (as dbt
    # compiled it) computes its whole chain from the fact tables. Both queries are timed the
    # same way: the result materialised into a temporary table, taking turns, best of 11
    # (the machines are noisy; ``repeat`` fewer where one run takes long).
    compiled = dbt_dir(wh) / "compiled" / "parplan" / "models" / "marts"
    model = (compiled / "target_attainment.sql").read_text(encoding="utf-8").strip().rstrip(";")
    # the same rows with today's province beside each (the reorganisation's columns)
    current = (compiled / "target_attainment_current.sql").read_text(encoding="utf-8")
    current = current.strip().rstrip(";")
    chain_times = []
    current_times = []
    hand_times = []
    for _ in range(int(repeat or 11)):
        t = time.perf_counter()
        con.execute(f"create or replace temp table ours as {model}")
        chain_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        con.execute(f"create or replace temp table hand as {HAND_QUERY}")
        hand_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        con.execute(f"create or replace temp table ours_current as {current}")
        current_times.append(time.perf_counter() - t)
    # One file holding two figures of one identity (a ceased province's rows filed under
    # its successor beside the successor's own) leaves metric_figure_versions a tie that
    # row_number() breaks arbitrarily: the figure that counts there changes between runs,
    # so disagreements on those province-years are counted apart.
    agree, on_ties = con.execute("""
        with tied as (
            select distinct v.province, k.year
            from metric_figure_versions v join metric_period_keys k on k.id = v.period_id
            where v.superseded_by = v.source_sha256
        )
        select count(*), count(*) filter (where x.province is not null)
        from ours t join hand h using (province, plan_year, target_no, measure_no)
        left join tied x on x.province = h.figures_province and x.year = h.plan_year
        where t.status in ('met', 'not_met') and (t.status <> h.status
              or abs(t.actual_value - h.actual_value) > 1e-9)""").fetchall()[0]
    compared = con.execute(
        "select count(*) from hand where status in ('met', 'not_met')"
    ).fetchall()[0][0]
    con.close()
    return {
        "build_seconds": build_seconds,
        "counts": counts,
        "chain_seconds": min(chain_times),
        "current_seconds": min(current_times),
        "load_average": os.getloadavg(),
        "hand_seconds": min(hand_times),
        "disagreements": agree,
        "disagreements_on_ties": on_ties,
        "compared": compared,
    }


# The single hand-written query target_attainment replaces, for ratio-of-sums indicators
# measured on all agencies or one level: a year's figure per agency (annual report, else
# the sum of quarters; a figure a later submission replaced left out), then
# sum(numerator) / sum(denominator) per measure. A plan of a
# province that no longer exists at its plan year's end (every unit of that name or alias
# has ended, as Long An on 30/06/2025) is judged on the figures of the province it became.
HAND_QUERY = """
with per_agency as (
    select o.province, o.indicator_code, o.agency_code, a.level, o.year,
           sum(o.numerator) as num, sum(o.denominator) as den
    from metric_observations o join agencies a on a.code = o.agency_code
    where o.period_kind in ('year', 'quarter') and o.superseded_by is null
      and (o.period_kind = 'year' or not exists (
            select 1 from metric_observations y
            where y.period_kind = 'year' and y.superseded_by is null and y.province = o.province
              and y.agency_code = o.agency_code and y.indicator_code = o.indicator_code
              and y.year = o.year))
    group by all
),
ended as (
    select d.province, max(p.valid_to) as ended_on, any_value(l.current_name) as successor
    from (select distinct province from documents) d
    join provinces p on list_contains(
        list_transform(list_append(p.aliases, p.name), lambda n: lower(strip_accents(n))),
        lower(strip_accents(d.province)))
    join province_lineage l on l.code = p.code
    group by d.province
    having bool_and(p.valid_to is not null)
)
select m.province, m.plan_year, m.target_no, m.measure_no, p.province as figures_province,
       100.0 * sum(p.num) / sum(p.den) as actual_value,
       case when 100.0 * sum(p.num) / sum(p.den) >= any_value(m.value) then 'met' else 'not_met'
       end
           as status
from target_measures m
join documents d on d.sha256 = m.source_sha256 and d.is_current
join indicators i on i.code = m.indicator_code and i.aggregation = 'ratio_of_sums'
left join ended e on e.province = m.province
join per_agency p
     on p.province = case when e.ended_on < make_date(m.plan_year, 12, 31) then e.successor
                          else m.province end
     and p.indicator_code = m.indicator_code
     and p.year = m.plan_year and (m.level is null or p.level = m.level)
where m.origin = 'appendix' and m.comparator = '>='
group by all
"""


def step_seed_targets(db: str, targets: str) -> dict[str, object]:
    """Plans and measures for the marts benchmark: provinces x years, written directly."""
    from benchmarks.datasets import INDICATORS, PROVINCES
    from extractors.reference import BUNDLED
    from warehouse.database import Warehouse, now
    from warehouse.load_plan import insert_rows

    n = int(targets)
    wh = Warehouse.at(db, BUNDLED)
    con = wh.connect()
    docs, tgt, measures = [], [], []
    years = range(2020, 2030)
    per_plan = max(1, n // (len(PROVINCES) * len(years)))
    k = 0
    for p in PROVINCES:
        for y in years:
            sha = f"bench-{p}-{y}"
            key = {"source_sha256": sha, "province": p, "plan_year": y}
            docs.append(
                {
                    "sha256": sha,
                    "format": "text",
                    "province": p,
                    "plan_year": y,
                    "title": "bench",
                    "is_current": True,
                    "loaded_at": now(),
                }
            )
            for t in range(1, per_plan + 1):
                ind = INDICATORS[(k + t) % len(INDICATORS)]
                tgt.append(
                    {
                        **key,
                        "target_no": t,
                        "area_no": 1,
                        "area": "bench",
                        "text": f"target {t}",
                        "measurable": True,
                    }
                )
                measures.append(
                    {
                        **key,
                        "target_no": t,
                        "measure_no": 1,
                        "origin": "appendix",
                        "value": float(30 + (k * 7 + t) % 60),
                        "unit": "%",
                        "comparator": ">=",
                        "level": (None, "tinh", "huyen", "xa")[t % 4],
                        "subject": ind,
                        "indicator_code": ind,
                        "indicator_method": "alias",
                    }
                )
            k += 1
    con.execute("delete from documents where sha256 like 'bench-%'")
    con.execute("delete from targets where source_sha256 like 'bench-%'")
    con.execute("delete from target_measures where source_sha256 like 'bench-%'")
    insert_rows(con, "documents", docs)
    insert_rows(con, "targets", tgt)
    insert_rows(con, "target_measures", measures)
    con.close()
    return {"targets": len(tgt), "measures": len(measures)}


def step_pdf(pdf: str, _unused: str) -> dict[str, object]:
    import pdfplumber

    from extractors.read_pdf import read_pdf

    data = Path(pdf).read_bytes()
    raw, ours = [], []
    for _ in range(3):
        t = time.perf_counter()
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
            for page in doc.pages:
                page.extract_text()
                page.extract_tables()
                page.flush_cache()
        raw.append(time.perf_counter() - t)
        t = time.perf_counter()
        read_pdf(data, pdf)
        ours.append(time.perf_counter() - t)
    return {"pages": pages, "raw_seconds": min(raw), "parplan_seconds": min(ours)}


def step_extract_cli(plan: str, _unused: str) -> dict[str, object]:
    """``parplan extract PLAN`` as a user runs it: its wall time and the peak memory of the
    largest of its processes (the CLI, and the child the PDF is parsed in)."""
    import pdfplumber

    with pdfplumber.open(plan) as doc:
        pages = len(doc.pages)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", plan],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - t
    out = json.loads(proc.stdout) if proc.returncode == 0 else {}
    return {
        "pages": pages,
        "rc": proc.returncode,
        "error": proc.stderr.decode("utf-8", "replace")[-300:] if proc.returncode else "",
        "seconds": seconds,
        "tasks": len(out.get("tasks", [])),
        "targets": len(out.get("targets", [])),
        "extract_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def step_calamine_read(xlsx: str, _unused: str) -> dict[str, object]:
    """calamine (through fastexcel, the binding parplan reads workbooks with) reading the
    sheet alone, every cell into Arrow columns of the types it infers."""
    import fastexcel

    t = time.perf_counter()
    batch = fastexcel.read_excel(xlsx).load_sheet(0, eager=True)
    return {"seconds": time.perf_counter() - t, "rows": batch.num_rows}


def step_xlsx_ingest(xlsx: str, db: str) -> dict[str, object]:
    """``parplan ingest`` of a workbook (as the load benchmark's step): the sheet is read in
    a limited child process, whose peak memory is given apart."""
    out = step_parplan_ingest(xlsx, db)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {**out, "reader_rss_mb": round(children.ru_maxrss / 1024)}


STEPS = {
    "duckdb_ctas": step_duckdb_ctas,
    "parplan_ingest": step_parplan_ingest,
    "polars_read": step_polars_read,
    "cli": step_cli,
    "marts": step_marts,
    "seed_targets": step_seed_targets,
    "pdf": step_pdf,
    "extract_cli": step_extract_cli,
    "calamine_read": step_calamine_read,
    "xlsx_ingest": step_xlsx_ingest,
}


@functools.cache
def step_env() -> dict[str, str]:
    """The steps' environment, once the project's modules are compiled (into their
    ``__pycache__``, as an installed parplan's are at install). A shell with
    PYTHONDONTWRITEBYTECODE would otherwise have every step's processes compile them from
    source again (~0.25 s of CPU in an ingest's parent alone), which no deployment pays."""
    for package in ("extractors", "warehouse", "parplan", "pipelines", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_step(name: str, *args: str) -> dict[str, object]:
    """Run a step in a child process, watched (``LIMITS``); it reports its own peak memory
    and its largest child's. A step the watch stopped gives ``stopped``: "stopped at X GB
    after Y s" (the sum over its processes, sampled), and no other result."""
    run = run_watched(
        [sys.executable, __file__, "step", name, *args],
        LIMITS,
        cwd=ROOT,
        env=step_env(),
    )
    if run.stopped:
        limit = (
            f"memory ceiling {LIMITS.memory_mb / 1024:.3g} GB"
            if run.stopped == "memory"
            else f"time limit {LIMITS.seconds:g} s"
        )
        print(f"step {name} {run.stop_note()} ({limit})", file=sys.stderr, flush=True)
        return {"stopped": f"{run.stop_note()} ({limit})", "tree_peak_mb": run.tree_peak_mb}
    if run.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{run.stderr}")
    out: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return {**out, "tree_peak_mb": run.tree_peak_mb}


Step = tuple[str, tuple[str, ...], Path | None]  # name, arguments, folder to start afresh


def best_interleaved(steps: dict[str, Step], repeat: int) -> dict[str, dict[str, object]]:
    """Each step's fastest of ``repeat`` runs, the steps taking turns (round 1: a, b, c;
    round 2: a, b, c ...) so that a noisy spell on the machine falls on all of them; the
    page cache is flushed before each (the previous step's writes are not the next one's)."""
    runs: dict[str, list[dict[str, object]]] = {key: [] for key in steps}
    for _ in range(repeat):
        for key, (name, args, fresh) in steps.items():
            if any("stopped" in r for r in runs[key]):
                continue  # stopped once: not run into its ceiling again
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            os.sync()
            runs[key].append(run_step(name, *args))
    return {key: fastest(rs) for key, rs in runs.items()}


def fastest(runs: list[dict[str, object]]) -> dict[str, object]:
    """The fastest run that finished; the stopped one if the step was stopped."""
    done = [r for r in runs if "stopped" not in r]
    return min(done, key=lambda r: float(r.get("seconds", 0))) if done else runs[0]  # type: ignore[arg-type]


def stopped_lines(title: str, steps: dict[str, dict[str, object]]) -> list[str] | None:
    """A benchmark's entry when one of its steps was stopped: what was stopped and where
    (its ratios cannot be given); None when every step finished."""
    stopped = [f"- step {key}: **{r['stopped']}**" for key, r in steps.items() if "stopped" in r]
    return [title, "", *stopped, ""] if stopped else None


# --- benchmarks ---------------------------------------------------------------------------


def bench_load(rows: int, repeat: int) -> list[str]:
    from benchmarks.datasets import long_csv

    csv = long_csv(DATA / f"long_{rows}.csv", rows)
    size_mb = csv.stat().st_size / 1e6
    wh_dir = DATA / "wh_load"
    fastest = best_interleaved(
        {
            "duck": ("duckdb_ctas", (str(csv), str(DATA / "ctas.duckdb")), None),
            "polars": ("polars_read", (str(csv), ""), None),
            "ours": (
                "parplan_ingest",
                (str(csv), str(wh_dir / "parplan.duckdb"), *BATCH),
                wh_dir,
            ),
        },
        repeat,
    )
    title = f"### Load: {rows:,}-row long CSV ({size_mb:,.0f} MB), best of {repeat}"
    if stops := stopped_lines(title, fastest):
        return stops
    duck, pol, ours = fastest["duck"], fastest["polars"], fastest["ours"]
    work = wh_dir / "parplan.work.duckdb"
    stamp = (work.stat().st_mtime_ns, work.stat().st_size)
    again = run_step("parplan_ingest", str(csv), str(wh_dir / "parplan.duckdb"), *BATCH)
    if stops := stopped_lines(title, {"re-ingest": again}):
        return stops
    no_writes = stamp == (work.stat().st_mtime_ns, work.stat().st_size) and not again["published"]
    ratio = float(ours["seconds"]) / float(duck["seconds"])  # type: ignore[arg-type]
    quick = float(again["seconds"]) < 2 and no_writes  # type: ignore[arg-type]
    return [
        f"### Load: {rows:,}-row long CSV ({size_mb:,.0f} MB), best of {repeat} "
        "(the steps taking turns)",
        "",
        "| step | seconds | peak RSS (MB) |",
        "|---|---:|---:|",
        f"| DuckDB `CREATE TABLE … AS SELECT * FROM read_csv(…)` | {duck['seconds']:.2f} | "
        f"{duck['peak_rss_mb']} |",
        f"| polars `read_csv` (all text, read only) | {pol['seconds']:.2f} | "
        f"{pol['peak_rss_mb']} |",
        f"| parplan ingest (hash, raw copy, read, judge, load, manifest, publish) | "
        f"{ours['seconds']:.2f} | {ours['peak_rss_mb']} |",
        f"| parplan re-ingest of the unchanged file | {again['seconds']:.2f} | "
        f"{again['peak_rss_mb']} |",
        "",
        f"- **ratio parplan / DuckDB CTAS: {ratio:.2f}x** (target <= {LOAD_TARGET}x: "
        f"{'met' if ratio <= LOAD_TARGET else 'not met'})",
        f"- re-ingest unchanged: {again['seconds']:.2f} s, no writes: {no_writes} "
        f"(target < 2 s and no writes: {'met' if quick else 'not met'})",
        *forced_slices(),
        f"- {ours['summary']}",
        "",
    ]


def bench_xlsx(rows: int, repeat: int) -> list[str]:
    """``parplan ingest`` of a long-layout workbook against calamine reading it alone."""
    from benchmarks.datasets import long_xlsx

    xlsx = long_xlsx(DATA / f"long_{rows}.xlsx", rows)
    size_mb = xlsx.stat().st_size / 1e6
    wh_dir = DATA / "wh_xlsx"
    fastest = best_interleaved(
        {
            "calamine": ("calamine_read", (str(xlsx), ""), None),
            "ours": ("xlsx_ingest", (str(xlsx), str(wh_dir / "parplan.duckdb")), wh_dir),
        },
        repeat,
    )
    title = f"### XLSX: {rows:,}-row long workbook ({size_mb:,.0f} MB), best of {repeat}"
    if stops := stopped_lines(title, fastest):
        return stops
    cal, ours = fastest["calamine"], fastest["ours"]
    ratio = float(ours["seconds"]) / float(cal["seconds"])  # type: ignore[arg-type]
    return [
        f"### XLSX: {rows:,}-row long workbook ({size_mb:,.0f} MB), best of {repeat} "
        "(the steps taking turns)",
        "",
        "| step | seconds | peak RSS (MB) |",
        "|---|---:|---:|",
        f"| calamine (fastexcel `load_sheet`, to Arrow) reading the sheet alone | "
        f"{cal['seconds']:.2f} | {cal['peak_rss_mb']} |",
        f"| parplan ingest (hash, raw copy, read in a limited child, judge, load, publish) | "
        f"{ours['seconds']:.2f} | {ours['peak_rss_mb']} (the reading child: "
        f"{ours['reader_rss_mb']}) |",
        "",
        f"- **ratio parplan / calamine: {ratio:.2f}x** (target <= 1.3x: "
        f"{'met' if ratio <= 1.3 else 'not met'}); load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end",
        f"- {ours['summary']}",
        "",
    ]


def bench_backfill(rows: int, files: int, repeat: int) -> list[str]:
    """``parplan backfill`` of small metric files into a warehouse holding ``rows`` figures
    against ``parplan ingest --build`` of the same files, in the same run."""
    from benchmarks.datasets import long_csv, small_metric_files

    base = DATA / f"wh_base_{rows}" / "parplan.duckdb"
    if not base.with_name("parplan.work.duckdb").exists():
        run_step("parplan_ingest", str(long_csv(DATA / f"long_{rows}.csv", rows)), str(base))
    archive = small_metric_files(DATA / f"small_{files}", files)
    fastest = best_interleaved(
        {
            "ingest": (
                "cli",
                (
                    str(base),
                    str(DATA / "wh_ingest" / "parplan.duckdb"),
                    "ingest",
                    "--build",
                    str(archive),
                ),
                None,
            ),
            "backfill": (
                "cli",
                (str(base), str(DATA / "wh_backfill" / "parplan.duckdb"), "backfill", str(archive)),
                None,
            ),
        },
        repeat,
    )
    title = f"### Backfill: {files} small metric files into a warehouse of {rows:,} figures"
    if stops := stopped_lines(title, fastest):
        return stops
    ing, bf = fastest["ingest"], fastest["backfill"]
    ratio = float(bf["seconds"]) / float(ing["seconds"])  # type: ignore[arg-type]
    cpu = float(bf["command_cpu_seconds"]) / float(ing["command_cpu_seconds"])  # type: ignore[arg-type]
    return [
        f"### Backfill: {files} small metric files into a warehouse of {rows:,} figures, "
        f"best of {repeat}",
        "",
        "| command (its own process, on a fresh copy of the warehouse) | seconds | CPU seconds "
        "| peak RSS (MB) |",
        "|---|---:|---:|---:|",
        f"| `parplan ingest --build` | {ing['seconds']:.2f} | {ing['command_cpu_seconds']:.2f} | "
        f"{ing['command_rss_mb']} |",
        f"| `parplan backfill` (Dagster, one run, models, one publish) | {bf['seconds']:.2f} | "
        f"{bf['command_cpu_seconds']:.2f} | {bf['command_rss_mb']} |",
        "",
        f"- **ratio backfill / ingest --build: {ratio:.2f}x** (target <= 1.5x: "
        f"{'met' if ratio <= 1.5 else 'not met'}); in CPU seconds {cpu:.2f}x "
        f"(load average {os.getloadavg()[0]:.1f} at the end)",
        f"- {bf['summary']}",
        "",
    ]


def bench_marts(rows: int, targets: int) -> list[str]:
    import duckdb

    db = DATA / "wh_load" / "parplan.duckdb"
    if not (DATA / "wh_load" / "parplan.work.duckdb").exists():
        raise SystemExit("run the load benchmark first (it builds the warehouse)")
    # the warehouse is whatever the last load benchmark left (its --rows, not this run's)
    with duckdb.connect(str(db.with_name("parplan.work.duckdb")), read_only=True) as con:
        ((rows,),) = con.execute("select count(*) from metric_facts").fetchall()
    seeded = run_step("seed_targets", str(db), str(targets))
    res = run_step("marts", str(db), "")
    title = f"### Marts over {rows:,} observations"
    if stops := stopped_lines(title, {"seed_targets": seeded, "marts": res}):
        return stops
    ratio = float(res["chain_seconds"]) / float(res["hand_seconds"])  # type: ignore[arg-type]
    current_ratio = float(res["current_seconds"]) / float(res["hand_seconds"])  # type: ignore[arg-type]
    counts = res["counts"]
    return [
        f"### Marts over {rows:,} observations and {seeded['measures']:,} target measures",
        "",
        f"- `parplan build` (dbt build: {len(counts)} marts as tables, staging and "  # type: ignore[arg-type]
        "intermediate as views, every dbt test, publish): "
        f"{res['build_seconds']:.2f} s "
        f"(target_attainment rows: {counts['target_attainment']:,}, "  # type: ignore[index]
        f"attainment_trend rows: {counts['attainment_trend']:,})",  # type: ignore[index]
        f"- the target_attainment query (its chain of views computed inside it), best of 11: "
        f"{res['chain_seconds']:.3f} s; target_attainment_current (the same with today's "
        f"province): {res['current_seconds']:.3f} s; "
        f"the single hand-written aggregation (best of 11, the three taking turns): "
        f"{res['hand_seconds']:.3f} s; load average after the runs "
        f"{', '.join(f'{x:.1f}' for x in res['load_average'])}",  # type: ignore[attr-defined]
        f"- **ratio: {ratio:.2f}x**, target_attainment_current {current_ratio:.2f}x "
        f"(target <= 1.1x: {'met' if max(ratio, current_ratio) <= 1.1 else 'not met'}); "
        f"the two agree on {res['compared']:,} met/not-met measures "
        f"({res['disagreements']} disagreements, {res['disagreements_on_ties']} of them where "
        "one file holds two figures of one identity and the warehouse picks one arbitrarily)",
        f"- peak RSS: {res['peak_rss_mb']} MB",
        "",
    ]


def bench_pdf(repeat: int) -> list[str]:
    pdf = ROOT / "tests" / "fixtures" / "generated" / "longan_2022.pdf"
    if not pdf.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "tests" / "fixtures" / "make_documents.py")],
            check=True,
            cwd=ROOT,
        )
    res = run_step("pdf", str(pdf), "")
    if stops := stopped_lines("### PDF extraction", {"pdf": res}):
        return stops
    ratio = float(res["parplan_seconds"]) / float(res["raw_seconds"])  # type: ignore[arg-type]
    pages = int(res["pages"])  # type: ignore[call-overload]
    return [
        f"### PDF extraction: {pages} pages (the seed plan rendered by LibreOffice), best of 3",
        "",
        f"- pdfplumber `extract_text` + `extract_tables` per page: "
        f"{1000 * float(res['raw_seconds']) / pages:.1f} ms/page",  # type: ignore[arg-type]
        f"- parplan `read_pdf` (text, tables with provenance, stitching, checks): "
        f"{1000 * float(res['parplan_seconds']) / pages:.1f} ms/page",  # type: ignore[arg-type]
        f"- **ratio: {ratio:.2f}x** (target <= 1.5x: {'met' if ratio <= 1.5 else 'not met'})",
        "",
    ]


def bench_long_pdf(repeat: int) -> list[str]:
    """A 100-page plan through ``parplan extract``: its peak memory (target < 1 GB)."""
    from benchmarks.datasets import long_plan_pdf

    pdf = long_plan_pdf(DATA / "long_plan")
    runs = [run_step("extract_cli", str(pdf), "") for _ in range(repeat)]
    if stops := stopped_lines("### A long plan", {f"run {i}": r for i, r in enumerate(runs, 1)}):
        return stops
    if any(r["rc"] != 0 for r in runs):
        raise SystemExit(f"parplan extract failed on {pdf}: {runs[0]['error']}")
    best = min(runs, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
    peak = max(int(r["extract_peak_rss_mb"]) for r in runs)  # type: ignore[call-overload]
    return [
        f"### A long plan: {best['pages']} pages (the seed's task table 7 times), "
        f"`parplan extract`, best of {repeat}",
        "",
        f"- {best['targets']} targets, {best['tasks']} tasks; "
        f"{float(best['seconds']):.1f} s wall, load average {os.getloadavg()[0]:.1f}",  # type: ignore[arg-type]
        f"- **peak RSS: {peak} MB** (the largest of its processes; target < 1024 MB: "
        f"{'met' if peak < 1024 else 'not met'})",
        "",
    ]


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): how shared it was while measuring."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_mb(res: dict[str, object]) -> str:
    """A step's peak RSS: its own process, and its largest child process if it had one."""
    child = int(res.get("children_peak_rss_mb", 0))  # type: ignore[call-overload]
    return f"{res['peak_rss_mb']}" + (f" (child {child})" if child else "")


SCALE_TARGETS = {"clean": (1.3, 2048), "heavy": (3.0, 2048)}  # issue 14: x CTAS, peak MB


def bench_scale(sizes: list[int], repeat: int, clean: bool) -> list[str]:
    """Cost against size, rejects included: at each size, a clean file of unique keys and
    the generator's file with its key space scaled so that the same share of its rows
    repeat a key (at 30M rows: the generator's own file), each against DuckDB's CTAS of
    itself; the sizes side by side in one table."""
    from benchmarks.datasets import CLEAN_ROWS, clean_long_csv, reject_heavy_csv

    table = [
        f"### Scale: parplan ingest against DuckDB's CTAS, best of {repeat} (the two taking "
        "turns); peak RSS (MB) of each step's process (and of its largest child)",
        "",
        "| file | rows | MB | CTAS s | CTAS MB | parplan s | parplan MB | ratio | CPU s "
        "CTAS / parplan (ratio) | loaded | rejected | copies kept once | target "
        "| load avg at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    notes, seconds = [], {}
    for rows in sizes:
        for kind, label, make in (
            ("clean", "clean (34 x 1,000 x 10 x 88 keys)", clean_long_csv),
            ("heavy", "reject-heavy (the generator's)", reject_heavy_csv),
        ):
            # the clean file has every key once: 29.92M rows at most (its 30M: all of them)
            n = min(rows, CLEAN_ROWS) if kind == "clean" else rows
            csv = make(DATA / f"{kind}_{rows}.csv", n)
            size = f"{csv.stat().st_size / 1e6:,.0f}"
            wh_dir = DATA / "wh_scale"
            load = load_average()
            steps = best_interleaved(
                {
                    "duck": ("duckdb_ctas", (str(csv), str(DATA / "ctas.duckdb")), None),
                    "ours": (
                        "parplan_ingest",
                        (str(csv), str(wh_dir / "parplan.duckdb"), *BATCH),
                        wh_dir,
                    ),
                },
                repeat,
            )
            duck, ours = steps["duck"], steps["ours"]
            shutil.rmtree(wh_dir, ignore_errors=True)
            (DATA / "ctas.duckdb").unlink(missing_ok=True)
            if clean:
                csv.unlink(missing_ok=True)
            if "stopped" in duck or "stopped" in ours:
                cells = [
                    str(duck.get("stopped") or f"{duck['seconds']:.2f}"),
                    "-" if "stopped" in duck else peak_mb(duck),
                    str(ours.get("stopped") or f"{ours['seconds']:.2f}"),
                    "-" if "stopped" in ours else peak_mb(ours),
                    "-", "-", "-", "-", "-", "not met",
                ]  # fmt: skip
                table.append(f"| {label} | {n:,} | {size} | {' | '.join(cells)} | {load} |")
                print(table[-1], file=sys.stderr, flush=True)
                continue
            ratio = float(ours["seconds"]) / float(duck["seconds"])  # type: ignore[arg-type]
            cpu = f"{duck['cpu_seconds']:.1f} / {ours['cpu_seconds']:.1f} " + (
                f"({float(ours['cpu_seconds']) / float(duck['cpu_seconds']):.2f}x)"  # type: ignore[arg-type]
            )
            counts: dict[str, int] = ours["counts"]  # type: ignore[assignment]
            copies = n - counts["rows"] - counts["rejects"]  # identical repeats, noted
            most, mb = SCALE_TARGETS[kind]
            peak = max(int(ours["peak_rss_mb"]), int(ours.get("children_peak_rss_mb", 0)))  # type: ignore[call-overload]
            met = "met" if ratio <= most and peak <= mb else "not met"
            table.append(
                f"| {label} | {n:,} | {size} | {duck['seconds']:.2f} | {peak_mb(duck)} | "
                f"{ours['seconds']:.2f} | {peak_mb(ours)} | **{ratio:.2f}x** | {cpu} | "
                f"{counts['rows']:,} | {counts['rejects']:,} | {copies:,} | "
                f"<= {most}x, <= {mb} MB: {met} | {load} |"
            )
            notes.append(f"- {label}, {n:,} rows: {ours['summary']}")
            seconds[kind, n] = float(ours["seconds"]), float(duck["seconds"])  # type: ignore[arg-type]
            print(table[-1], file=sys.stderr, flush=True)  # each result as it is measured
    return [*table, "", *growth(seconds), *forced_slices(), *notes, ""]


def forced_slices() -> list[str]:
    """The line saying the ingest steps were told to take the slice path (none when not)."""
    if not any(BATCH):
        return []
    from warehouse.files import DEFAULT_LIMITS

    mb = BATCH[0] or f"{DEFAULT_LIMITS.batch_from / 2**20:g}"
    rows = BATCH[1] or str(DEFAULT_LIMITS.batch_rows)
    return [f"- slice path forced: from {mb} MB, {rows} rows (as for a file of 1 GiB and more)"]


def growth(seconds: dict[tuple[str, int], tuple[float, float]]) -> list[str]:
    """Per file, how parplan's time and the CTAS's grew from the smallest size measured to
    the largest, against the rows (linear: the same factor)."""
    lines = []
    for kind in ("clean", "heavy"):
        sizes = sorted(n for k, n in seconds if k == kind)
        if len(sizes) < 2:
            continue
        (small, big) = sizes[0], sizes[-1]
        (ours0, duck0), (ours1, duck1) = seconds[kind, small], seconds[kind, big]
        lines.append(
            f"- {kind}, {small:,} -> {big:,} rows ({big / small:.2f}x): parplan "
            f"{ours1 / ours0:.2f}x the time, the CTAS {duck1 / duck0:.2f}x"
        )
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import duckdb
    import pdfplumber
    import polars

    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"polars {polars.__version__}, pdfplumber {pdfplumber.__version__}"
    )


def main() -> None:
    global DATA, LIMITS, BATCH  # --data, --step-memory-gb, --step-seconds, --batch-*
    if len(sys.argv) > 1 and sys.argv[1] == "step":
        out = STEPS[sys.argv[2]](*sys.argv[3:])
        # the step's own process, and the largest of the processes it started (a workbook
        # is read in a child process)
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        out["children_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        )
        print(json.dumps(out, default=str))
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", 10_000_000)))
    ap.add_argument("--targets", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--files", type=int, default=40, help="small files the backfill loads")
    ap.add_argument("--only", default="load,marts,pdf,longpdf,backfill,xlsx,scale")
    ap.add_argument("--scale-rows", default="10000000,30000000", help="sizes, comma-separated")
    ap.add_argument("--scale-repeat", type=int, default=1, help="runs of each scale step")
    ap.add_argument("--step-memory-gb", type=float, default=LIMITS.memory_mb / 1024)
    ap.add_argument("--step-seconds", type=float, default=LIMITS.seconds)
    ap.add_argument("--data", type=Path, default=None, help="where generated files go")
    ap.add_argument("--clean", action="store_true", help="delete each scale file once measured")
    ap.add_argument("--results", type=Path, default=RESULTS, help="the file entries go to")
    ap.add_argument(
        "--batch-from-mb",
        default=os.environ.get("PARPLAN_BATCH_FROM_MB", ""),
        help="ingest steps: the slice path from this size (MB)",
    )
    ap.add_argument(
        "--batch-rows",
        default=os.environ.get("PARPLAN_BATCH_ROWS", ""),
        help="ingest steps: rows per slice",
    )
    args = ap.parse_args()
    DATA = (args.data or DATA).resolve()
    LIMITS = Limits(memory_mb=round(1024 * args.step_memory_gb), seconds=args.step_seconds)
    BATCH = (args.batch_from_mb, args.batch_rows)
    only = set(args.only.split(","))
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}; load average at the start {load_average()} (shared machine); "
        f"each step stopped past {LIMITS.memory_mb / 1024:.3g} GB or {LIMITS.seconds:g} s",
        "",
    ]
    if "load" in only:
        lines += bench_load(args.rows, args.repeat)
    if "marts" in only:
        lines += bench_marts(args.rows, args.targets)
    if "pdf" in only:
        lines += bench_pdf(args.repeat)
    if "longpdf" in only:
        lines += bench_long_pdf(args.repeat)
    if "backfill" in only:
        lines += bench_backfill(args.rows, args.files, args.repeat)
    if "xlsx" in only:  # a sheet holds at most 1,048,576 rows: a million at most
        lines += bench_xlsx(min(args.rows, 1_000_000), args.repeat)
    if "scale" in only:
        sizes = [int(n) for n in args.scale_rows.split(",")]
        lines += bench_scale(sizes, args.scale_repeat, args.clean)
    lines += [f"Load average at the end: {load_average()}", ""]
    text = "\n".join(lines)
    print(text)
    # one blank line between entries, none at the end
    results: Path = args.results
    header = "\n" if results.exists() else "# Benchmark results\n\nAppended by `make bench`.\n\n"
    with results.open("a", encoding="utf-8") as f:
        f.write(header + text.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
