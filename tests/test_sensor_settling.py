"""A file still being copied into the inbox never loads half-way: the sensor waits for a
quiet period and for the copying process to close it, then loads the whole file once,
through a real Dagster run over a real DuckDB file."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import dagster as dg

from extractors.reference import BUNDLED as REFERENCE
from pipelines.resources import SubmissionFolders
from tests.helpers import csv_bytes
from tests.sensor_tick import tick
from warehouse.database import Warehouse
from warehouse.inbox import writers_of

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
ROWS = [
    ["Long An", "Sở Nội vụ", "public_unit_count", f"Năm {y}", str(y - 1990)]
    for y in range(2016, 2026)
]


def test_a_partial_then_complete_copy_loads_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "wh" / "parplan.duckdb"
    instance = dg.DagsterInstance.ephemeral()
    folders = SubmissionFolders(inbox=str(inbox), quiet_seconds=0.3)
    whole = csv_bytes([HEADER, *ROWS])
    target = inbox / "bao_cao.csv"
    cursor = None
    runs = 0
    with target.open("wb") as copying:  # a copy that stalls half-way, still open
        copying.write(whole[: len(whole) // 2])
        copying.flush()
        assert writers_of(target)  # this process holds it open for writing
        for _ in range(3):  # ticks while it stalls, longer than the quiet period
            result = tick(instance, cursor, folders, db)
            cursor, runs = result.cursor, runs + len(result.run_requests or [])
            time.sleep(0.35)
        assert runs == 0
        copying.write(whole[len(whole) // 2 :])
    for _ in range(3):
        result = tick(instance, cursor, folders, db)
        cursor, runs = result.cursor, runs + len(result.run_requests or [])
        time.sleep(0.35)
    assert runs == 1
    with Warehouse.at(db, REFERENCE).analyst() as con:
        manifest = con.execute("select sha256, original_path from file_manifest").fetchall()
        figures = con.execute("select count(*) from stg_observations").fetchone()
    assert manifest == [(hashlib.sha256(whole).hexdigest(), str(target))]
    assert figures == (len(ROWS),)  # the models were rebuilt in the same run
