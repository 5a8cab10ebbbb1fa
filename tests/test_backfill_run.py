"""One backfill run over many files: the load step runs once with the whole partition
range, every file is recorded as its own materialised partition, and Dagster's event log
is written without an fsync per event while (and only while) the run goes on."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import sqlalchemy as sa

from extractors.reference import BUNDLED as REFERENCE
from pipelines.assets import submission
from pipelines.backfill import backfill, batch_metadata, unsynced_event_log
from pipelines.resources import WarehouseResource
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
FULL, OFF = 2, 0  # SQLite's PRAGMA synchronous values


def _archive(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        row = ["Long An", "Sở Nội vụ", "public_unit_count", f"Năm {2010 + i}", str(40 + i)]
        (folder / f"bao_cao_{i:02}.csv").write_bytes(csv_bytes([HEADER, row]))
    return folder


def _synchronous() -> int:
    with sa.create_engine("sqlite://").connect() as con:
        return int(con.execute(sa.text("PRAGMA synchronous")).scalar_one())


def test_five_files_load_in_one_step_and_show_as_five_partitions(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive", 5)
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "dagster").mkdir()
    instance = dg.DagsterInstance.local_temp(str(tmp_path / "dagster"))  # real SQLite storage
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
    with Warehouse.at(db, REFERENCE).analyst() as con:  # published once, with every file
        assert con.execute("select count(*) from file_manifest").fetchone() == (5,)


def test_the_event_log_skips_fsync_only_inside_the_backfill() -> None:
    assert _synchronous() == FULL
    with unsynced_event_log():
        assert _synchronous() == OFF
    assert _synchronous() == FULL
