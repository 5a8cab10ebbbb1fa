"""Progress reports an agency sends that must not load as if all were well, through
``parplan ingest`` on the Long An 2022 plan (sample_data): a report that names no period
anywhere (no Kỳ báo cáo column, nothing in its title or file name) is refused as a metric
file is ("no period: ..."), saying where a period may be given; a row whose Kỳ báo cáo cell
is blank is rejected; a status its percent contradicts is a warning that makes the run exit
3 (DESIGN.md's exit codes: figures to look at), the summary saying where to look.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

TC = "Sở Tài chính"  # the lead of tasks 6.x in the sample plan
NO_PERIOD = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng"]
WITH_PERIOD = ["Kỳ báo cáo", *NO_PERIOD]
PERCENT = [*WITH_PERIOD, "Tỷ lệ hoàn thành (%)"]
Y = "Năm 2022"

# (case, file name, bytes, exit code, status of the file, words its refusal holds, rows
#  loaded (task, period), rejects (row, part of the reason), words the summary line holds)
CASES = [
    # was: loaded with a null period, exit 0
    ("no period anywhere", "tien_do.csv",
     csv_bytes([NO_PERIOD, ["6.1", "", TC, "Đã hoàn thành"], ["6.2", "", TC, "Chưa thực hiện"]]),
     1, "quarantined",
     ["no period", "Kỳ báo cáo", "title row", "file name"], [], [], ["1 quarantined"]),
    # a title naming no period is no period either
    ("a title without a period", "tien_do.csv",
     csv_bytes([["BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CCHC"], NO_PERIOD,
                ["6.1", "", TC, "Đã hoàn thành"]]),
     1, "quarantined", ["no period"], [], [], ["1 quarantined"]),
    # the file name gives the period: it loads (its title names the province, but no
    # period: a report naming no province is kept out of the marts, exit 3)
    ("the period in the file name", "tien_do_nam_2022.csv",
     csv_bytes([["UBND TỈNH LONG AN"], NO_PERIOD, ["6.1", "", TC, "Đã hoàn thành"]]),
     0, "loaded", [], [("6.1", "Năm 2022")], [], ["1 rows loaded"]),
    # was: the row with a blank Kỳ báo cáo loaded with a null period
    ("a blank Kỳ báo cáo cell", "tien_do.csv",
     csv_bytes([WITH_PERIOD, [Y, "6.1", "", TC, "Đã hoàn thành"], ["", "6.2", "", TC, "Chưa thực hiện"]]),
     3, "loaded", [], [("6.1", Y)], [(3, "no reporting period")], ["1 rows rejected"]),
    # was: exit 0, the contradictions said only in notes
    ("statuses their percents contradict", "tien_do.csv",
     csv_bytes([PERCENT, [Y, "6.1", "", TC, "Đã hoàn thành", "50"],
                [Y, "6.2", "", TC, "Đang thực hiện", "100%"], [Y, "6.3", "", TC, "Đang thực hiện", "40"]]),
     3, "loaded", [], [("6.1", Y), ("6.2", Y), ("6.3", Y)], [],
     ["2 statuses contradicted by their percent", "status_contradicts_percent"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "code", "status", "refusal", "loaded", "rejects", "summary"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_a_progress_report_that_must_not_load_silently(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    code: int,
    status: str,
    refusal: list[str],
    loaded: list[tuple[str, str]],
    rejects: list[tuple[int, str]],
    summary: list[str],
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(data)
    capsys.readouterr()
    assert main(["ingest", "--db", str(db), str(tmp_path / "in" / name)]) == code
    out = capsys.readouterr().out
    with duckdb.connect(str(db.with_name("parplan.work.duckdb")), read_only=True) as con:
        got_status, error = con.execute(
            "select status, error from file_manifest where original_path like ?", [f"%/in/{name}"]
        ).fetchone() or ("", "")
        rows = con.execute("select code, period_raw from progress_rows order by code").fetchall()
        got_rejects = con.execute(
            "select source_row, reason from progress_rejects order by source_row"
        ).fetchall()
    assert got_status == status, error
    for part in refusal:
        assert part in (error or ""), error
    assert rows == loaded
    assert [r for r, _ in got_rejects] == [r for r, _ in rejects]
    for (_, reason), (_, part) in zip(got_rejects, rejects, strict=True):
        assert part in reason and name in reason, reason
    line = next(x for x in out.splitlines() if " files: " in x)
    for part in summary:
        assert part in line, line
