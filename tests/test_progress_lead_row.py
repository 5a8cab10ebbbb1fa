"""Two rows of one progress report speak of the same task: the lead's row and a supporting
agency's. The task's status is the lead's word; a support reports on its own part. The
mart took the row printed last, so a support's "Đang thực hiện" below the lead's "Đã hoàn
thành" made a done task in progress, exit 0, nothing said (tester reports18 s19). Real
files, real DuckDB, through ``parplan ingest`` and ``parplan build``."""

from __future__ import annotations

from pathlib import Path

import duckdb

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
Y = "Năm 2022"
DONE, GOING = "Đã hoàn thành", "Đang thực hiện"

# (task of the sample plan, its rows in the report's order as (agency, status, completed on),
#  the status task_progress must give); one report holds them all
CASES = [
    # the tester's case: the lead (Sở Nội vụ) first, a support (any agency concerned) below
    ("1.1", [("Sở Nội vụ", DONE, "30/09/2022"), ("Văn phòng UBND tỉnh", GOING, "")], "done"),
    # the support first, the lead below: the lead's word as well
    ("1.3", [("Văn phòng UBND tỉnh", GOING, ""), ("Sở Nội vụ", DONE, "15/11/2022")], "done"),
    # the lead spelled by its registry alias ("STC" for Sở Tài chính), a member of the
    # collective support ("Các sở, ban, ngành tỉnh") below it
    ("6.1", [("STC", DONE, "20/01/2022"), ("Sở Tư pháp", GOING, "")], "done"),
    # the lead says in progress, a support says its part is done: still in progress
    ("6.2", [("Sở Tài chính", GOING, ""), ("Sở Nội vụ", DONE, "25/06/2022")], "in_progress"),
    # the lead's name in capitals, as a title row writes it
    ("2.1", [("SỞ TƯ PHÁP", DONE, "15/12/2022"), ("UBND huyện Cần Giuộc", GOING, "")], "done"),
]


def test_the_leads_row_decides_the_tasks_status(tmp_path: Path) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    rows = [
        [code, "", agency, status, day, Y] for code, said, _ in CASES for agency, status, day in said
    ]
    report = tmp_path / "bao_cao_ket_qua_2022.csv"
    report.write_bytes(csv_bytes([["UBND TỈNH LONG AN"], HEADER, *rows]))
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    assert main(["ingest", "--db", str(db), str(report)]) == 0
    assert main(["build", "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        got = dict(
            con.execute(
                "select code, status from task_progress where code in (select unnest(?))",
                [[c[0] for c in CASES]],
            ).fetchall()
        )
    assert got == {code: want for code, _, want in CASES}
