"""Progress rows matched in the warehouse against the tasks of the plan in force at the
report's date: the task code and how it was found, the agency check, and the review queue
for a row that names no task for sure; a reviewer's mapping settles it without a reload."""

from __future__ import annotations

import shutil
from pathlib import Path

from extractors.reference import BUNDLED
from tests.conftest import SEED
from tests.helpers import csv_bytes
from warehouse.database import Warehouse
from warehouse.ingest import ingest
from warehouse.resolve import refresh_references

HEADER = ["Tỉnh", "Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]
ROWS = [  # against the Long An 2022 plan (sample_data): expected (task, method, allowed)
    # by code; the lead reports
    ["Long An", "1.1", "Kiểm tra CCHC", "Sở Nội vụ", "Đã hoàn thành", "Năm 2022"],
    # by code; Sở Y tế is neither lead nor support of 1.2: flagged
    ["Long An", "1.2", "Xác định chỉ số", "Sở Y tế", "Đang thực hiện", "Năm 2022"],
    # no code, a text no task is close to: to review
    ["Long An", "", "Xây cầu vượt sông Vàm Cỏ", "Sở Nội vụ", "Chưa thực hiện", "Năm 2022"],
]
# (the agency of a row to review is checked once its task is known)
EXPECTED = [(2, "1.1", "code", True), (3, "1.2", "code", False), (4, None, None, None)]


def test_progress_rows_are_matched_flagged_and_queued(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(BUNDLED, reference)
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", reference)
    report = tmp_path / "bc.csv"
    report.write_bytes(csv_bytes([HEADER, *ROWS]))
    ingest([SEED, report], wh)
    con = wh.connect()
    got = con.execute("""select source_row, task_code, match_method, agency_allowed
                         from progress_rows order by source_row""").fetchall()
    assert got == EXPECTED
    queued = con.execute(
        "select raw, province, candidates is not null from review_queue where kind = 'task'"
    ).fetchall()
    assert queued == [("Xây cầu vượt sông Vàm Cỏ", "Long An", True)]
    con.close()
    # the reviewer names the task in the mapping CSV; resolve fills it in place
    (reference / "task_mappings.csv").write_text(
        "province,plan_year,task_text,task_code\nLong An,2022,Xây cầu vượt sông Vàm Cỏ,1.3\n",
        encoding="utf-8",
    )
    refresh_references(wh)
    con = wh.connect()
    assert con.execute(
        "select task_code, match_method from progress_rows where source_row = 4"
    ).fetchall() == [("1.3", "mapping")]
    assert con.execute("select count(*) from review_queue where kind = 'task'").fetchone() == (0,)
    con.close()
