"""A corrected re-send of a task-progress report replaces the earlier rows for the same plan
task x period in ``task_progress``: the latest submission wins, ordered as corrections of
metric figures are (the version the file states, then when it arrived, then when it was
last written; never its name or the order a batch happened to read it in). Through the
user's commands: parplan ingest, parplan build."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
TITLE = ["UBND TỈNH LONG AN"]
Y = "Năm 2022"
ORIGINAL = [  # Sở Tài chính's year-end report (tasks 6.1-6.3 of the sample plan)
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", Y],
    ["6.2", "", "Sở Tài chính", "Đang thực hiện", "", Y],
    ["6.3", "", "Sở Tài chính", "Chưa thực hiện", "", Y],
]
CORRECTED = [  # re-sent for the same period: 6.2 was done after all, 6.3 cannot be done
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", Y],
    ["6.2", "", "Sở Tài chính", "Đã hoàn thành", "25/06/2022", Y],
    ["6.3", "", "Sở Tài chính", "Không thực hiện được: thiếu kinh phí", "", Y],
]
WRITTEN_FIRST, WRITTEN_LATER = 1_650_000_000, 1_660_000_000
CORRECTED_STATUS = [("6.1", "done"), ("6.2", "done"), ("6.3", "cannot_do")]
ORIGINAL_STATUS = [("6.1", "done"), ("6.2", "in_progress"), ("6.3", "not_started")]

CASES = [
    # one batch (one folder): the correction's name sorts first, so the batch reads it
    # first; it was written later, and the later one counts
    ("one batch, read first, written later", [["a_sua.csv", "z_goc.csv"]], CORRECTED_STATUS),
    # two batches: the correction arrives in the second
    ("the correction arrives later", [["z_goc.csv"], ["a_sua.csv"]], CORRECTED_STATUS),
    # the original arrives again after the correction (a late re-send of the old report):
    # the latest submission counts, as for metric files
    ("the original re-sent last", [["a_sua.csv"], ["z_goc.csv"]], ORIGINAL_STATUS),
]


@pytest.mark.parametrize(("batches", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_corrected_progress_report_replaces_the_earlier_rows(
    tmp_path: Path, batches: list[list[str]], expected: list[tuple[str, str]]
) -> None:
    files = {"z_goc.csv": (ORIGINAL, WRITTEN_FIRST), "a_sua.csv": (CORRECTED, WRITTEN_LATER)}
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    for n, batch in enumerate(batches):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for name in batch:
            rows, mtime = files[name]
            (folder / name).write_bytes(csv_bytes([TITLE, HEADER, *rows]))
            os.utime(folder / name, (mtime, mtime))
        assert main(["ingest", "--db", str(db), str(folder)]) == 0
    assert main(["build", "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("""select code, status from task_progress
                             where province = 'Long An' and plan_year = 2022
                               and code in ('6.1', '6.2', '6.3') order by code""").fetchall()
    assert got == expected
