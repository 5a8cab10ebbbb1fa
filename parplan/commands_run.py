"""Whole jobs: ``run`` (the main job on the bundled sample data) and ``backfill`` (an
archive through the Dagster assets, without the UI)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from parplan.commands_plans import extract, summarize
from parplan.commands_report import make_report
from parplan.commands_warehouse import build_models
from parplan.load_help import PATHS_HELP, load_command
from parplan.output import write_rows
from parplan.progress import BatchProgress
from parplan.settings import DEFAULT_DB, Settings
from sample_data.metrics import write_samples
from sample_data.progress import write_progress_sample
from warehouse.ingest import ingest

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
MARTS = (
    "target_attainment",
    "attainment_by_area",
    "attainment_trend",
    "task_schedule",
    "task_progress",
    "plan_completion",
    "budget_by_agency",
    "agency_scorecard",
    "data_quality",
)
RUN_REPORT = (
    (
        "target attainment (measures by status)",
        "select plan_year, plan_topic, status, count(*) as n from target_attainment "
        "group by all order by all",
    ),
    (
        "attainment by area",
        "select plan_year, plan_topic, target_area_no, measures, met, not_met, no_data, "
        "met_pct from attainment_by_area order by all",
    ),
    (
        "share of dossiers handled online (ratio of sums), by year",
        "select year, round(actual_value, 1) as actual, target_value as target, status "
        "from attainment_trend where indicator_code = 'dossier_online_share' and level = 'all' "
        "order by year, current_province_code",
    ),
    (
        "plan completion (tasks due by today, from the progress reports)",
        "select province, plan_year, plan_topic, due, done_on_time, done_late, in_progress, "
        "not_done, not_reported, round(100 * completion_rate, 1) as rate_pct from plan_completion "
        "where grouping = 'province' order by all",
    ),
)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """The main job on the bundled sample data: extract, ingest, build, report."""
    work = Path(args.workdir)
    wh = settings.warehouse(args.db, default=work / DEFAULT_DB)  # --db, $PARPLAN_DB, workdir
    inbox = work / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    print(f"sample inbox: {inbox}", file=sys.stderr)
    write_samples(inbox)
    write_progress_sample(inbox)
    for plan in sorted(Path(args.sample_dir, "plans").iterdir()):
        shutil.copyfile(plan, inbox / plan.name)
        print(summarize(extract(str(plan), settings)))
    report = ingest([inbox], wh, progress=BatchProgress(), limits=settings.limits)
    print(report.summary())
    counts = build_models(wh)
    print("models: " + ", ".join(f"{k} {v}" for k, v in counts.items() if k in MARTS))
    con = wh.analyst()
    try:
        for title, sql in RUN_REPORT:
            cur = con.execute(sql)
            print(f"\n{title}")
            write_rows([d[0] for d in cur.description], cur.fetchall(), "table", sys.stdout)
    finally:
        con.close()
    print(
        f"\nwarehouse: {wh.published}  (try: parplan query --db {wh.published} "
        '"select status, count(*) from target_attainment group by 1")'
    )
    html = make_report(wh, work / "report.html")
    print(f"report: {html.resolve()}  (open it in a browser; it works offline and prints)")
    return report.exit_code()


def cmd_backfill(args: argparse.Namespace, settings: Settings) -> int:
    """Historical plans and metric files through the Dagster assets, without the UI: one
    run loads them all, rebuilds the models and publishes once."""
    import dagster as dg  # (importing Dagster takes a while: only this command needs it)

    from pipelines.backfill import backfill, batch_metadata
    from pipelines.resources import WarehouseResource

    wh = settings.warehouse(args.db)
    if settings.dagster_home:
        instance = dg.DagsterInstance.get()
    else:  # the warehouse's own instance, made on first use
        home = wh.published.with_name(wh.published.stem + ".dagster")
        home.mkdir(parents=True, exist_ok=True)
        instance = dg.DagsterInstance.local_temp(str(home))
    resource = WarehouseResource(
        db_path=str(wh.published),
        reference=str(wh.reference),
        pdf_memory_mb=settings.pdf.memory_bytes // 2**20,
        pdf_seconds=settings.pdf.seconds,
        province=settings.province or "",
    )
    result = backfill(args.paths, resource, instance, BatchProgress())
    if result is None:
        print("0 files: nothing to backfill")
        return 0
    meta = batch_metadata(result)
    print(f"{meta['summary']}; models rebuilt, published once")
    for line in meta.get("quarantined_files") or []:  # type: ignore[attr-defined]
        print(f"quarantined: {line}")  # as ingest prints them
    for note in meta.get("notes") or []:  # type: ignore[attr-defined]
        print(f"note: {note}")
    return int(str(meta["exit_code"]))  # BatchReport.exit_code: the codes of ingest


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], warehouse: argparse.ArgumentParser
) -> None:
    bf = load_command(
        sub,
        "backfill",
        [warehouse],
        "register an archive of past plans and metric files as Dagster partitions and "
        "materialise them (no UI needed); exit codes as ingest",
    )
    bf.add_argument("paths", nargs="+", help=PATHS_HELP)
    bf.set_defaults(func=cmd_backfill)
    rn = sub.add_parser(
        "run", parents=[warehouse], help="run the main job on the bundled sample data"
    )
    rn.add_argument(
        "--sample-dir",
        default=str(SAMPLE_DIR),
        help="the sample data: its plans/ are extracted (default: the bundled sample_data/)",
    )
    rn.add_argument(
        "--workdir",
        default="var/sample",
        help="where the sample inbox, warehouse (unless --db or $PARPLAN_DB names one) and "
        "report go (default: var/sample)",
    )
    rn.set_defaults(func=cmd_run)
