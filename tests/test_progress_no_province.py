"""A progress report that names no province is loud. Its rows are matched to the tasks of
their province's plan, so a report with no Tỉnh column and no province in its title was
loaded, never matched, and left every task 'not_reported', exit 0, nothing said (tester
reports17 p07). Now its rows are counted as kept out of the marts with no province, with an
``extraction_issues`` warning naming the file, and the ingest exits 3 (DESIGN.md's codes),
as a metric file with no province does. Through ``parplan ingest``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]
TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2022"
ROWS = [
    ["1.1", "", "Sở Nội vụ", "Đã hoàn thành", "Năm 2022"],
    ["1.3", "", "Sở Nội vụ", "Đã hoàn thành", "Năm 2022"],
]

# (case id, the report's rows, exit code, rows kept out with no province, matched rows)
CASES = [
    # the tester's case: no Tỉnh column, no province in the title
    ("no province anywhere", [[TITLE], HEADER, *ROWS], 3, 2, 0),
    # the province in a title row: matched, clean
    ("province in the title", [["UBND TỈNH LONG AN"], [TITLE], HEADER, *ROWS], 0, 0, 2),
    # a Tỉnh column: matched, clean
    (
        "a Tỉnh column",
        [[TITLE], ["Tỉnh", *HEADER], *(["Long An", *r] for r in ROWS)],
        0,
        0,
        2,
    ),
]


@pytest.mark.parametrize(
    ("rows", "code", "kept_out", "matched"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_progress_report_with_no_province_is_loud(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: list[list[str]],
    code: int,
    kept_out: int,
    matched: int,
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    report = tmp_path / "bao_cao.csv"
    report.write_bytes(csv_bytes(rows))
    capsys.readouterr()
    assert main(["ingest", "--db", str(db), str(report)]) == code
    out = capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        issues = con.execute("""select message from extraction_issues
                                where code = 'no_province'""").fetchall()
        ((n,),) = con.execute("select count(task_code) from progress_rows").fetchall()
    assert n == matched
    if kept_out:
        assert f"{kept_out} figures kept out of the marts with no province" in out, out
        assert len(issues) == 1 and issues[0][0].startswith(f"{kept_out} rows with no province")
    else:
        assert "no province" not in out and issues == [], out
