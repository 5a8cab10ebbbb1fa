"""A progress report counts against the version of the plan in force, whichever arrived
first. A report is matched to the tasks of its province's plan when it is loaded; a later
version of that plan ("... thay thế Quyết định số 100/QĐ-UBND") then supersedes the one it
was matched to, and the report must follow it: left matched to the superseded version, its
rows fell out of ``task_progress`` (which lists the tasks of the plans in force) and every
task read 'not_reported', exit 0, nothing said (tester reports17 p05). Through the user's
commands: parplan ingest (one batch per file, in order), parplan build (for the tester's
case; the others read the rows' plan, which is what the mart joins on)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

ORIGINAL = (  # the sample plan, numbered and dated: Số 100/QĐ-UBND of 20/12/2021
    SEED.read_text(encoding="utf-8")
    .replace("Số: /QĐ-UBND", "Số: 100/QĐ-UBND", 1)
    .replace("Long An, ngày tháng 12 năm 2021", "Long An, ngày 20 tháng 12 năm 2021", 1)
)
REPLACING = (  # Số 300/QĐ-UBND of 15/03/2022 replaces it (the same tasks, one target changed)
    ORIGINAL.replace("Số: 100/QĐ-UBND", "Số: 300/QĐ-UBND", 1)
    .replace("Long An, ngày 20 tháng 12 năm 2021", "Long An, ngày 15 tháng 03 năm 2022", 1)
    .replace("Tối thiểu 80% TTHC áp dụng", "Tối thiểu 85% TTHC áp dụng", 1)
)
REPORT = csv_bytes(
    [
        ["UBND TỈNH LONG AN"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2022"],
        ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"],
        ["1.1", "", "Sở Nội vụ", "Đã hoàn thành", "30/09/2022", "Năm 2022"],
        ["1.3", "", "Sở Nội vụ", "Đang thực hiện", "", "Năm 2022"],
    ]
)
FILES = {"qd100.txt": ORIGINAL, "qd300_thay_the.txt": REPLACING, "bao_cao.csv": REPORT}
REPORTED = [("1.1", "done", "300/QĐ-UBND"), ("1.3", "in_progress", "300/QĐ-UBND")]
# the rows as matched: (task, status, the plan's number, whether that plan is in force)
MATCHED = [(c, s, n, True) for c, s, n in REPORTED]

CASES = [
    # the tester's case: the replacing version arrives after the report was matched to
    # the original; the report follows the version in force
    ("replaced after the report", ["qd100.txt", "bao_cao.csv", "qd300_thay_the.txt"], True),
    # the replacing version is in force when the report arrives
    ("replaced before the report", ["qd100.txt", "qd300_thay_the.txt", "bao_cao.csv"], False),
    # the original arrives late (history at once): the report stays with the version in force
    ("the original arrives last", ["qd300_thay_the.txt", "bao_cao.csv", "qd100.txt"], False),
]


@pytest.mark.parametrize(("order", "build"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_report_counts_against_the_plan_version_in_force(
    tmp_path: Path, order: list[str], build: bool
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    for name in order:
        path = tmp_path / name
        content = FILES[name]
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        assert main(["ingest", "--db", str(db), str(path)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        matched = con.execute("""select p.task_code, p.status, d.doc_number, d.is_current
                                 from progress_rows p join documents d on d.sha256 = p.plan_sha256
                                 order by p.task_code""").fetchall()
    assert matched == MATCHED
    if not build:
        return
    assert main(["build", "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("""select t.code, t.status, d.doc_number from task_progress t
                             join documents d on d.sha256 = t.source_sha256
                             where t.code in ('1.1', '1.3') order by t.code""").fetchall()
    assert got == REPORTED
