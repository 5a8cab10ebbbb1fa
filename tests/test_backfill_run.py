"""One backfill run over many files, as cheap as the work it does: the load step runs once
with the whole partition range, every file is recorded as its own materialised partition,
dbt builds the models inside the run's own process (no dbt process started per run), every
model and dbt test still recorded, and a failing dbt test stops the publish; Dagster's
event log is written without an fsync per event while (and only while) the backfill runs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import dagster as dg
import pytest
import sqlalchemy as sa

from extractors.reference import BUNDLED as REFERENCE
from pipelines.assets import submission
from pipelines.backfill import backfill, batch_metadata, unsynced_event_log
from pipelines.resources import WarehouseResource
from tests.helpers import PLANS, csv_bytes, plan_text
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def _archive(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        row = ["Long An", "Sở Nội vụ", "public_unit_count", f"Năm {2010 + i}", str(40 + i)]
        (folder / f"bao_cao_{i:02}.csv").write_bytes(csv_bytes([HEADER, row]))
    return folder


def _instance(folder: Path) -> dg.DagsterInstance:
    folder.mkdir()
    return dg.DagsterInstance.local_temp(str(folder))  # real SQLite run and event storage


def test_five_files_one_load_step_five_partitions_dbt_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def recording_popen(args: list[str], *rest: object, **kw: object) -> object:
        started.append([str(a) for a in args] if isinstance(args, list | tuple) else [str(args)])
        return real_popen(args, *rest, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    archive = _archive(tmp_path / "archive", 5)
    db = tmp_path / "wh" / "parplan.duckdb"
    instance = _instance(tmp_path / "dagster")
    resource = WarehouseResource(db_path=str(db), reference=str(REFERENCE))
    result = backfill([archive], resource, instance)
    assert result is not None and result.success
    starts = [e.step_key for e in result.all_events if e.event_type_value == "STEP_START"]
    assert starts.count("submission") == 1  # one batch, not 5 steps
    assert batch_metadata(result)["new"] == 5
    keys = set(instance.get_dynamic_partitions("submissions"))
    assert len(keys) == 5
    assert instance.get_materialized_partitions(submission.key) == keys
    assert len(instance.get_run_records()) == 1
    # dbt ran in this process: no `dbt` executable started (its start-up is paid once)
    assert not [a for a in started if a and Path(a[0]).name == "dbt"], started
    # ...and every model and dbt test is recorded as dagster-dbt records them
    built = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"stg_observations", "target_attainment", "data_quality"} <= built
    checks = result.get_asset_check_evaluations()
    assert len(checks) > 100 and all(c.passed for c in checks)
    with Warehouse.at(db, REFERENCE).analyst() as con:  # published once, with every file
        assert con.execute("select count(*) from file_manifest").fetchone() == (5,)
        assert con.execute("select count(*) from stg_observations").fetchone() == (5,)


def test_a_failing_dbt_test_fails_the_run_and_publishes_nothing(tmp_path: Path) -> None:
    """A plan whose Phụ lục 1 repeats a target number breaks stg_targets' grain: the next
    backfill fails at the models naming the dbt test, and analysts keep the copy they had."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "ke_hoach.txt").write_text(plan_text(2022, PLANS[2022]), encoding="utf-8")
    db = tmp_path / "wh" / "parplan.duckdb"
    instance = _instance(tmp_path / "dagster")
    resource = WarehouseResource(db_path=str(db), reference=str(REFERENCE))
    assert backfill([first], resource, instance).success  # type: ignore[union-attr]
    wh = Warehouse.at(db, REFERENCE)
    before = wh.published.read_bytes()
    with wh.writer(publish=False) as con:
        con.execute("insert into targets select * from targets where target_no = 1")
    with pytest.raises(Exception, match="unique_grain_stg_targets"):  # (Dagster's wrapper)
        backfill([_archive(tmp_path / "later", 1)], resource, instance)
    assert wh.published.read_bytes() == before


FULL, OFF = 2, 0  # SQLite's PRAGMA synchronous values


def _synchronous() -> int:
    with sa.create_engine("sqlite://").connect() as con:
        return int(con.execute(sa.text("PRAGMA synchronous")).scalar_one())


def test_the_event_log_skips_fsync_only_inside_the_backfill() -> None:
    assert _synchronous() == FULL
    with unsynced_event_log():
        assert _synchronous() == OFF
    assert _synchronous() == FULL
