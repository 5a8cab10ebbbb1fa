"""The real Dagster machinery: definitions validate, in-process materialisation, sensor
contexts, backfills, concurrent writers, the multiprocess executor, the graph's shape."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from extractors.reference import BUNDLED as REFERENCE
from pipelines.assets import all_assets, analyst_copy, review_queue, sql_models, submission
from pipelines.backfill import RANGE_END, RANGE_START, backfill, batch_metadata, register
from pipelines.checks import all_checks
from pipelines.definitions import defs, multiprocess_rebuild_job
from pipelines.partitions import PLAN_REPORTS, submissions
from pipelines.reports import attainment_reports, report_job, report_sensor
from pipelines.resources import SubmissionFolders, WarehouseResource
from pipelines.sensors import inbox_sensor
from sample_data.metrics import write_samples
from tests.conftest import ROOT, SEED
from tests.helpers import PLANS, plan_text
from warehouse.database import Warehouse

PARTITION_CHECKS = [c for c in all_checks if c.partitions_def is not None]
NO_PROGRESS = dg.ResourceDefinition.none_resource()


def _resource(env: dict[str, str]) -> WarehouseResource:
    return WarehouseResource(db_path=env["PARPLAN_DB"], reference=str(REFERENCE))


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "PARPLAN_DB": str(tmp_path / "wh" / "parplan.duckdb"),
        "PARPLAN_INBOX": str(tmp_path / "inbox"),
    }
    for k, v in values.items():
        monkeypatch.setenv(k, v)
    Path(values["PARPLAN_INBOX"]).mkdir()
    return values


def test_definitions_validate(env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "All code locations passed validation" in proc.stderr + proc.stdout


def test_asset_graph_snapshot() -> None:
    """Written by hand: a change to the graph's shape must show up here."""
    graph = defs.resolve_asset_graph()
    deps = {
        k.to_user_string(): sorted(p.to_user_string() for p in graph.get(k).parent_keys)
        for k in graph.get_all_asset_keys()
    }
    assert deps == {
        "submission": [],
        "review_queue": ["submission"],
        # staging: each reads warehouse tables (behind review_queue) or other staging models
        "stg_plans": ["review_queue"],
        "stg_agencies": ["review_queue"],
        "stg_indicators": ["review_queue"],
        "stg_files": ["review_queue"],
        "stg_metric_agency_keys": ["review_queue"],
        "stg_metric_indicator_keys": ["review_queue"],
        "stg_metric_period_keys": ["review_queue"],
        "stg_metric_facts": ["review_queue"],
        "stg_metric_rejects": ["review_queue"],
        "stg_provinces": ["review_queue"],
        "stg_province_lineage": ["review_queue"],
        "stg_agency_lineage": ["review_queue"],
        "stg_measures": ["review_queue", "stg_plans"],
        "stg_targets": ["review_queue", "stg_plans"],
        "stg_target_agencies": ["review_queue", "stg_plans"],
        "stg_tasks": ["review_queue", "stg_plans"],
        "stg_task_agencies": ["review_queue", "stg_plans"],
        # progress rows are matched to tasks when the review queue is rebuilt
        "stg_progress": ["review_queue", "stg_plans", "stg_task_agencies"],
        "stg_metric_agencies": ["stg_agencies", "stg_metric_agency_keys"],
        "stg_metric_indicators": ["stg_indicators", "stg_metric_indicator_keys"],
        "stg_observations": [
            "review_queue",  # metric_figure_versions: which submission of a figure counts
            "stg_metric_agencies",
            "stg_metric_facts",
            "stg_metric_indicators",
            "stg_metric_period_keys",
        ],
        # intermediate
        "int_agency_year": [
            "stg_measures",
            "stg_metric_agencies",
            "stg_metric_indicators",
            "stg_observations",
        ],
        "int_indicator_actuals": ["int_agency_year"],
        "int_measure_status": [
            "int_indicator_actuals",
            "int_province_successor",  # a ceased province's plans judged on its successor
            "stg_measures",
            "stg_observations",
            "stg_targets",
        ],
        "int_unresolved_figures": [
            "stg_metric_agency_keys",
            "stg_metric_facts",
            "stg_metric_indicator_keys",
            "stg_metric_period_keys",
        ],
        "int_file_exclusions": [
            "stg_metric_agency_keys",
            "stg_metric_facts",
            "stg_metric_indicator_keys",
            "stg_metric_period_keys",
            "stg_metric_rejects",
        ],
        "int_metric_key_figures": ["stg_metric_facts"],
        # the rows of two marts, which the marts across the 2025 reorganisation extend
        "int_target_attainment": [
            "int_file_exclusions",
            "int_measure_status",
            "int_unresolved_figures",
            "stg_indicators",
            "stg_target_agencies",
            "stg_targets",
        ],
        "int_agency_scorecard": [
            "int_measure_status",
            "stg_agencies",
            "stg_target_agencies",
            "stg_task_agencies",
        ],
        "int_province_units": ["stg_province_lineage", "stg_provinces"],
        "int_province_successor": ["int_province_units"],
        "int_province_years": [
            "int_indicator_actuals",
            "int_measure_status",
            "int_province_successor",
            "int_province_units",
        ],
        # marts: staging and intermediate only
        "target_attainment": ["int_target_attainment"],
        "agency_scorecard": ["int_agency_scorecard"],
        "attainment_by_area": ["int_measure_status", "stg_targets"],
        # one series per current province (issue 17)
        "attainment_trend": [
            "int_indicator_actuals",
            "int_measure_status",
            "int_province_years",
            "stg_indicators",
            "stg_province_lineage",
            "stg_provinces",
        ],
        "task_schedule": ["stg_task_agencies", "stg_tasks", "task_progress"],
        "task_progress": ["stg_progress", "stg_tasks"],
        "plan_completion": ["stg_task_agencies", "task_progress"],
        "budget_by_agency": ["stg_task_agencies", "stg_tasks"],
        "data_quality": [
            "int_file_exclusions",
            "int_measure_status",
            "int_metric_key_figures",
            "stg_files",
            "stg_metric_agency_keys",
            "stg_metric_indicator_keys",
            "stg_metric_period_keys",
            "stg_target_agencies",
            "stg_task_agencies",
        ],
        "analyst_copy": [  # published once, after the loads and every dbt model
            "agency_scorecard",
            "agency_scorecard_lineage",
            "attainment_by_area",
            "attainment_trend",
            "budget_by_agency",
            "data_quality",
            "int_agency_scorecard",
            "int_agency_year",
            "int_file_exclusions",
            "int_indicator_actuals",
            "int_measure_status",
            "int_metric_key_figures",
            "int_province_successor",
            "int_province_units",
            "int_province_years",
            "int_target_attainment",
            "int_unresolved_figures",
            "plan_completion",
            "province_trend",
            "review_queue",
            "stg_agencies",
            "stg_agency_lineage",
            "stg_files",
            "stg_indicators",
            "stg_measures",
            "stg_metric_agencies",
            "stg_metric_agency_keys",
            "stg_metric_facts",
            "stg_metric_indicator_keys",
            "stg_metric_indicators",
            "stg_metric_period_keys",
            "stg_metric_rejects",
            "stg_observations",
            "stg_plans",
            "stg_progress",
            "stg_province_lineage",
            "stg_provinces",
            "stg_target_agencies",
            "stg_targets",
            "stg_task_agencies",
            "stg_tasks",
            "target_attainment",
            "target_attainment_current",
            "task_progress",
            "task_schedule",
        ],
        # across the 2025 reorganisation (issue 17)
        "province_trend": [
            "int_indicator_actuals",
            "int_province_units",
            "stg_indicators",
            "stg_province_lineage",
            "stg_provinces",
        ],
        "agency_scorecard_lineage": [
            "int_agency_scorecard",
            "int_province_units",
            "stg_agencies",
            "stg_agency_lineage",
        ],
        "target_attainment_current": ["int_province_units", "int_target_attainment"],
        # the report of each plan in force, drawn from the marts it reads once they are built
        "attainment_reports": [
            "analyst_copy",
            "attainment_by_area",
            "attainment_trend",
            "budget_by_agency",
            "plan_completion",
            "target_attainment",
            "task_progress",
            "task_schedule",
        ],
    }
    groups = {k.to_user_string(): graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert groups["stg_plans"] == "staging" and groups["int_measure_status"] == "intermediate"
    assert groups["target_attainment"] == "marts"
    assert groups["attainment_reports"] == "report"
    checks = {k.to_user_string() for k in graph.asset_check_keys}
    assert {
        "submission:stated_totals_match",
        "submission:every_task_has_lead",
        "submission:match_rates",
        "submission:not_quarantined",
        # dbt tests of sql/models/marts/_marts.yml, one check each
        "target_attainment:unique_grain_target_attainment_source_sha256__target_no__measure_no",
        "target_attainment:met_but_actual_fails_comparator",
        "target_attainment:accepted_values_target_attainment_status__met__not_met__no_data__not_measurable__pending",
        "attainment_trend:change_across_a_gap",
        "data_quality:not_null_data_quality_rows_loaded",
        "task_progress:unique_grain_task_progress_source_sha256__code",
        "task_progress:accepted_values_task_progress_status__done__done_late__in_progress__not_started__cannot_do__not_reported",
        "plan_completion:counts_add_up",
        # singular tests of sql/tests reading two models: attached to the one they audit
        "budget_by_agency:budget_counted_once",
        "int_indicator_actuals:shares_within_0_100",
    } <= checks
    # no Python copy of a mart audit: every check on a model comes from dbt
    assert {c.split(":")[0] for c in checks} - {"submission"} <= {
        k for k in deps if k not in ("submission", "review_queue")
    }
    assert graph.get(dg.AssetKey("submission")).partitions_def == submissions
    pools = {frozenset(graph.get(k).pools or ()) for k in graph.get_all_asset_keys()}
    assert pools == {frozenset({"parplan_duckdb"})}  # every writer in the one pool


def _sensor(
    instance: dg.DagsterInstance,
    cursor: str | None,
    folders: SubmissionFolders,
    resource: WarehouseResource,
) -> dg.SensorResult:
    ctx = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"warehouse": resource, "folders": folders}
    )
    result = inbox_sensor(ctx)
    for req in result.dynamic_partitions_requests or []:  # what the daemon would apply
        instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
    return result


def requested(result: dg.SensorResult) -> list[str]:
    """The partitions a tick's run requests cover (one run: a range of the keys it added)."""
    keys: list[str] = []
    for req in result.run_requests or []:
        added = [k for r in result.dynamic_partitions_requests or [] for k in r.partition_keys]
        first, last = req.tags[RANGE_START], req.tags[RANGE_END]
        keys += added[added.index(first) : added.index(last) + 1]
    return keys


def test_sensor_requests_each_new_file_exactly_once(env: dict[str, str], tmp_path: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    folders = SubmissionFolders(inbox=env["PARPLAN_INBOX"], quiet_seconds=0)
    resource = WarehouseResource(db_path=env["PARPLAN_DB"], reference=str(REFERENCE))
    inbox = Path(env["PARPLAN_INBOX"])
    shutil.copyfile(SEED, inbox / "plan.txt")
    (inbox / "upload.csv.part").write_text("still copying")
    (inbox / "~$plan.docx").write_text("an Office lock file")
    (inbox / "empty.csv").write_bytes(b"")

    first = _sensor(instance, None, folders, resource)
    assert first.run_requests == []  # seen once: wait until its size has settled
    second = _sensor(instance, first.cursor, folders, resource)
    assert requested(second) == [_sha(SEED)]
    assert len(second.run_requests or []) == 1
    third = _sensor(instance, second.cursor, folders, resource)
    assert third.run_requests == []  # same file again: nothing

    shutil.copyfile(SEED, inbox / "plan_renamed.txt")  # identical content, new name
    t4 = _sensor(instance, third.cursor, folders, resource)
    t5 = _sensor(instance, t4.cursor, folders, resource)
    assert t4.run_requests == [] and t5.run_requests == []

    changed = SEED.read_text(encoding="utf-8").replace("Số: /QĐ", "Số: 77/QĐ", 1)
    (inbox / "plan.txt").write_text(changed, encoding="utf-8")
    os.utime(inbox / "plan.txt", (1_000_000_000, 1_000_000_000))  # an old timestamp
    t6 = _sensor(instance, t5.cursor, folders, resource)
    t7 = _sensor(instance, t6.cursor, folders, resource)
    new_key = _sha_bytes(changed.encode())
    assert requested(t6) + requested(t7) == [new_key]
    assert set(instance.get_dynamic_partitions(submissions.name)) == {_sha(SEED), new_key}

    # a restart: a fresh evaluation from the stored cursor requests nothing again
    restarted = _sensor(instance, t7.cursor, folders, resource)
    assert restarted.run_requests == []
    assert json.loads(restarted.cursor or "{}").keys() == json.loads(t7.cursor or "{}").keys()


def test_a_tick_s_new_files_are_one_run(env: dict[str, str]) -> None:
    instance = dg.DagsterInstance.ephemeral()
    folders = SubmissionFolders(inbox=env["PARPLAN_INBOX"], quiet_seconds=0)
    resource = _resource(env)
    inbox = Path(env["PARPLAN_INBOX"])
    write_samples(inbox)  # metric files: CSV, XLSX, Parquet
    for plan in ("longan_2022.pdf", "haugiang_2023.docx"):  # plans as PDF and Word
        shutil.copyfile(ROOT / "tests" / "fixtures" / "generated" / plan, inbox / plan)
    first = _sensor(instance, None, folders, resource)
    second = _sensor(instance, first.cursor, folders, resource)
    assert len(second.run_requests or []) == 1
    assert sorted(requested(second)) == sorted(_sha(p) for p in inbox.iterdir())
    (request,) = second.run_requests or []
    run = defs.resolve_job_def("ingest_submission").execute_in_process(
        instance=instance,
        tags=request.tags,
        resources={"warehouse": resource, "progress": NO_PROGRESS},
    )
    assert run.success
    checked = {e.check_name: e.passed for e in run.get_asset_check_evaluations()}
    assert checked["not_quarantined"] and checked["stated_totals_match"]  # over the batch
    with Warehouse.at(env["PARPLAN_DB"], REFERENCE).analyst() as con:
        assert con.execute(
            "select count(*) from file_manifest where status = 'loaded'"
        ).fetchone() == (5,)
        assert con.execute("select format from documents order by 1").fetchall() == [
            ("docx",),
            ("pdf",),
        ]


def test_a_link_out_of_the_inbox_is_not_followed(env: dict[str, str], tmp_path: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    folders = SubmissionFolders(inbox=env["PARPLAN_INBOX"], quiet_seconds=0)
    secret = tmp_path / "elsewhere.txt"
    shutil.copyfile(SEED, secret)
    (Path(env["PARPLAN_INBOX"]) / "link.txt").symlink_to(secret)
    first = _sensor(instance, None, folders, _resource(env))
    second = _sensor(instance, first.cursor, folders, _resource(env))
    assert second.run_requests == []


def _sha(path: Path) -> str:
    return _sha_bytes(path.read_bytes())


def _sha_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_materialize_the_whole_graph_in_process(env: dict[str, str]) -> None:
    inbox = Path(env["PARPLAN_INBOX"])
    write_samples(inbox)
    shutil.copyfile(SEED, inbox / SEED.name)
    instance = dg.DagsterInstance.ephemeral()
    resource = WarehouseResource(db_path=env["PARPLAN_DB"], reference=str(REFERENCE))
    keys = [k for _, k in register([inbox], resource, instance)]
    for key in keys:
        result = dg.materialize(
            [submission, *PARTITION_CHECKS],
            partition_key=key,
            instance=instance,
            resources={"warehouse": resource, "progress": NO_PROGRESS},
        )
        assert result.success
        checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
        assert checks["stated_totals_match"] and checks["not_quarantined"]
    result = _publish(instance, resource)  # the models, then the analysts' copy, once
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) > 100 and all(e.passed for e in evaluations)  # the dbt tests
    built = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"target_attainment", "data_quality", "stg_plans"} <= built
    with Warehouse.at(env["PARPLAN_DB"], REFERENCE).analyst() as con:  # published after the build
        assert con.execute("select count(*) from file_manifest").fetchone() == (4,)
        assert con.execute("select count(*) from target_attainment").fetchone() == (37,)
        assert con.execute("select count(*) from task_schedule").fetchone() == (45,)
    # after the publish, report_sensor adds the plan in force as a partition (province x
    # plan year) and asks for its report, which is written next to the published warehouse
    tick = _report_tick(instance, None, resource)
    assert instance.get_dynamic_partitions(PLAN_REPORTS) == ["Long An 2022"]
    (drawn,) = _draw(instance, tick, resource)
    report = Path(env["PARPLAN_DB"]).parent / "reports" / "bao-cao-long-an-2022.html"
    assert "Đạt 8/15 chỉ tiêu đo được" in report.read_text(encoding="utf-8")
    (event,) = drawn.get_asset_materialization_events()
    assert event.partition == "Long An 2022"
    assert event.materialization.metadata["path"].value == str(report)
    assert event.materialization.tags["dagster/data_version"] in tick.run_requests[0].run_key
    # nothing published since: nothing to look at
    assert isinstance(_report_tick(instance, tick.cursor, resource), dg.SkipReason)
    # published again with the same data (the nightly rebuild on a quiet day): not redrawn
    assert _publish(instance, resource).success
    quiet = _report_tick(instance, tick.cursor, resource)
    assert isinstance(quiet, dg.SensorResult) and quiet.run_requests == []
    # a plan for 2023 arrives: its partition is added and drawn, in the folder configured
    (inbox / "ke_hoach_2023.txt").write_text(plan_text(2023, PLANS[2023]), "utf-8")
    office = WarehouseResource(
        db_path=env["PARPLAN_DB"], reference=str(REFERENCE), reports_dir=str(inbox.parent / "vp")
    )
    loaded = backfill([inbox], office, instance)  # the ingest job: load, models, publish
    assert loaded is not None and batch_metadata(loaded)["new"] == 1
    later = _report_tick(instance, quiet.cursor, office)
    assert "Long An 2023" in [r.partition_key for r in later.run_requests]
    assert sorted(instance.get_dynamic_partitions(PLAN_REPORTS)) == ["Long An 2022", "Long An 2023"]
    _draw(instance, later, office)
    assert "bao-cao-long-an-2023.html" in [p.name for p in (inbox.parent / "vp").iterdir()]


def _publish(
    instance: dg.DagsterInstance, resource: WarehouseResource
) -> dg.ExecuteInProcessResult:
    """What the ingest job and the nightly rebuild end with: the models, then the publish."""
    return dg.materialize(
        [review_queue, sql_models, analyst_copy],
        instance=instance,
        resources={"warehouse": resource},
    )


def _report_tick(
    instance: dg.DagsterInstance, cursor: str | None, resource: WarehouseResource
) -> dg.SensorResult | dg.SkipReason:
    ctx = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"warehouse": resource}
    )
    result = report_sensor(ctx)
    if isinstance(result, dg.SensorResult):
        for req in result.dynamic_partitions_requests or []:  # what the daemon would apply
            instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
    return result


def _draw(
    instance: dg.DagsterInstance, tick: dg.SensorResult | dg.SkipReason, resource: WarehouseResource
) -> list[dg.ExecuteInProcessResult]:
    """Run the sensor's requests as the daemon would: the job it targets, one partition each."""
    assert isinstance(tick, dg.SensorResult)
    job = dg.Definitions(
        assets=[*all_assets, attainment_reports],
        jobs=[report_job],
        resources={"warehouse": resource, "progress": NO_PROGRESS},
    ).resolve_job_def(report_job.name)
    runs = [
        job.execute_in_process(instance=instance, partition_key=r.partition_key, tags=r.tags)
        for r in tick.run_requests or []
    ]
    assert all(r.success for r in runs)
    return runs


def _archive(folder: Path) -> Path:
    """Three historical plan years and their metric report."""
    folder.mkdir(parents=True)
    for year, areas in PLANS.items():
        if year < 2024:
            (folder / f"ke_hoach_{year}.txt").write_text(plan_text(year, areas), "utf-8")
    (folder / "ke_hoach_2021.txt").write_text(plan_text(2021, PLANS[2023]), "utf-8")
    write_samples(folder / "metrics")
    return folder


def test_backfill_three_years_then_again_changes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    archive = _archive(tmp_path / "archive")
    instance = dg.DagsterInstance.ephemeral()
    result = backfill([archive], _resource(env), instance)
    assert result is not None and result.success
    assert batch_metadata(result)["new"] == 6
    assert len(instance.get_dynamic_partitions(submissions.name)) == 6
    wh = Warehouse.at(env["PARPLAN_DB"], REFERENCE)
    with wh.analyst() as con:
        years = con.execute("select plan_year from documents order by 1").fetchall()
        before = con.execute("select count(*), sum(rows_loaded) from file_manifest").fetchall()
        attainment = con.execute("select count(*) from target_attainment").fetchall()
    assert years == [(2021,), (2022,), (2023,)]
    again = backfill([archive], _resource(env), instance)
    assert again is not None and batch_metadata(again)["unchanged"] == 6
    with wh.analyst() as con:
        assert (
            con.execute("select count(*), sum(rows_loaded) from file_manifest").fetchall() == before
        )
        assert con.execute("select count(*) from target_attainment").fetchall() == attainment


def materialize_keys(db: str, keys: list[str]) -> None:
    """One writer process: materialise these partitions of ``submission`` one by one."""
    resource = WarehouseResource(db_path=db, reference=str(REFERENCE))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(submissions.name, keys)
    for key in keys:
        assert dg.materialize(
            [submission],
            partition_key=key,
            instance=instance,
            resources={"warehouse": resource, "progress": NO_PROGRESS},
        ).success


def test_two_concurrent_runs_both_succeed(env: dict[str, str], tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    keys = [
        k
        for _, k in register(
            [archive],
            WarehouseResource(db_path=env["PARPLAN_DB"], reference=str(REFERENCE)),
            dg.DagsterInstance.ephemeral(),
        )
    ]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys, json; from tests.test_pipelines import "
                "materialize_keys; materialize_keys(sys.argv[1], json.loads(sys.argv[2]))",
                env["PARPLAN_DB"],
                json.dumps(keys[i::2]),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-3000:]
        assert "Could not set lock" not in err
    sequential_db = str(tmp_path / "seq" / "parplan.duckdb")
    register(
        [archive],
        WarehouseResource(db_path=sequential_db, reference=str(REFERENCE)),
        dg.DagsterInstance.ephemeral(),
    )
    materialize_keys(sequential_db, keys)
    assert _state(env["PARPLAN_DB"]) == _state(sequential_db)


def _state(db: str) -> list[tuple[object, ...]]:
    with Warehouse.at(db, REFERENCE).analyst() as con:
        return con.execute("""select (select count(*) from metric_observations),
            (select count(*) from targets), (select count(*) from tasks),
            (select list(sha256 order by sha256) from file_manifest where status = 'loaded'),
            (select round(sum(value), 6) from metric_observations)""").fetchall()


def test_multiprocess_executor_runs_the_rebuild(env: dict[str, str], tmp_path: Path) -> None:
    inbox = Path(env["PARPLAN_INBOX"])
    shutil.copyfile(SEED, inbox / SEED.name)
    (tmp_path / "dagster_home").mkdir()
    instance = dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home"))
    backfill([inbox], _resource(env), instance)
    result = dg.execute_job(dg.reconstructable(multiprocess_rebuild_job), instance=instance)
    assert result.success
    assert {e.step_key for e in result.all_events if e.step_key} == {
        "review_queue",
        "sql_models",  # dbt builds the models in one step (one writer: the DuckDB file)
        "analyst_copy",  # and the run publishes once, at its end (report_sensor draws next)
    }


def test_the_code_location_sends_reports_where_the_environment_says(env: dict[str, str]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipelines.definitions import defs; print(defs.resources['warehouse'].reports)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "PARPLAN_REPORTS": "/srv/for the office"},
        timeout=300,
    )
    assert proc.stdout.strip() == "/srv/for the office", proc.stderr[-2000:]


def test_the_code_location_places_rows_naming_no_province_as_the_environment_says(
    env: dict[str, str],
) -> None:
    """$PARPLAN_PROVINCE means for the sensor's runs what it means for ``parplan ingest``."""
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipelines.definitions import defs; "
            "print(defs.resources['warehouse'].limits.province)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "PARPLAN_PROVINCE": "Long An"},
        timeout=300,
    )
    assert proc.stdout.strip() == "Long An", proc.stderr[-2000:]
