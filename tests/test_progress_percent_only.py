"""Task-progress reports as agencies write them with a percent done and no status column,
and with the agency's column headed as offices head it ("Đơn vị chủ trì", "Cơ quan, đơn vị
chủ trì", "Sở, ban, ngành"), through ``parplan ingest`` on the Long An 2022 plan
(sample_data; tasks 6.x are Sở Tài chính's).

Was: a report with only ``Tỷ lệ hoàn thành (%)`` was taken for a metric file and quarantined,
"no header row with an agency column"; with a status column, an agency column headed
"Đơn vị chủ trì" loaded every row with no agency, silently. Now the percent says the status
(100: Đã hoàn thành, 0: Chưa thực hiện, between: Đang thực hiện), the file is told so, and
a cell that is no percent is the row's reject (DESIGN.md: exit 3).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

TC = "Sở Tài chính"
Y = "Năm 2022"
PERCENT = "Tỷ lệ hoàn thành (%)"
READ = "statuses read from 'Tỷ lệ hoàn thành (%)'"  # part of the file's warning


def _report(agency_header: str, rows: list[list[str]], status: bool = False) -> bytes:
    header = ["STT", "Nhiệm vụ", agency_header, "Kỳ báo cáo", *(["Tình trạng"] * status), PERCENT]
    return csv_bytes(
        [["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2022 - TỈNH LONG AN"], header, *rows]
    )


# (case, bytes, exit code, rows loaded (code, agency as written, status), rejects (row,
#  part of the reason), part of the file's warning (or None), parts of the summary line)
CASES = [
    ("percents alone, the agency under 'Đơn vị chủ trì'",
     _report("Đơn vị chủ trì", [["6.1", "", TC, Y, "100"], ["6.2", "", TC, Y, "60"],
                                ["6.3", "", TC, Y, "0"]]),
     0, [("6.1", TC, "done"), ("6.2", TC, "in_progress"), ("6.3", TC, "not_started")], [],
     READ, ["3 rows loaded, 0 rows rejected"]),
    ("percents alone, the agency under 'Cơ quan, đơn vị chủ trì'",
     _report("Cơ quan, đơn vị chủ trì", [["6.1", "", TC, Y, "100%"], ["6.2", "", TC, Y, "45,5"]]),
     0, [("6.1", TC, "done"), ("6.2", TC, "in_progress")], [], READ, ["2 rows loaded"]),
    ("percents alone, the agency under 'Sở, ban, ngành'",
     _report("Sở, ban, ngành", [["6.1", "", TC, Y, "100"]]),
     0, [("6.1", TC, "done")], [], READ, ["1 rows loaded"]),
    # a percent that is none says no status: that row is rejected naming the column
    ("percents alone, one cell no percent",
     _report("Đơn vị chủ trì", [["6.1", "", TC, Y, "100"], ["6.2", "", TC, Y, "khoảng một nửa"],
                                ["6.3", "", TC, Y, ""]]),
     3, [("6.1", TC, "done")],
     [(4, "'khoảng một nửa' is not a percent"), (5, "no status: the Tình trạng column is none")],
     READ, ["1 rows loaded, 2 rows rejected (see progress_rejects)"]),
    # with its status column, the agency column headed 'Đơn vị chủ trì' is read (was: no
    # agency on any row, silently)
    ("a status column, the agency under 'Đơn vị chủ trì'",
     _report("Đơn vị chủ trì", [["6.1", "", TC, Y, "Đã hoàn thành", "100"]], status=True),
     0, [("6.1", TC, "done")], [], None, ["1 rows loaded, 0 rows rejected"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "code", "loaded", "rejects", "warning", "summary"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_a_progress_report_of_percents(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    code: int,
    loaded: list[tuple[str, str, str]],
    rejects: list[tuple[int, str]],
    warning: str | None,
    summary: list[str],
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tien_do.csv").write_bytes(data)
    capsys.readouterr()
    assert main(["ingest", "--db", str(db), str(tmp_path / "in" / "tien_do.csv")]) == code
    out = capsys.readouterr().out
    with duckdb.connect(str(db.with_name("parplan.work.duckdb")), read_only=True) as con:
        status, error = con.execute(
            "select status, error from file_manifest where original_path like '%tien_do.csv'"
        ).fetchone() or ("", "")
        sha = con.execute(
            "select sha256 from file_manifest where original_path like '%tien_do.csv'"
        ).fetchone()[0]
        rows = con.execute(
            "select code, agency_raw, status from progress_rows order by code"
        ).fetchall()
        got_rejects = con.execute(
            "select source_row, reason from progress_rejects order by source_row"
        ).fetchall()
        warned = [
            m
            for (m,) in con.execute(
                "select message from extraction_issues where source_sha256 = ? "
                "and severity = 'warning'",
                [sha],
            ).fetchall()
        ]
    assert status == "loaded", error
    assert rows == loaded
    assert [r for r, _ in got_rejects] == [r for r, _ in rejects], got_rejects
    for (_, reason), (_, part) in zip(got_rejects, rejects, strict=True):
        assert part in reason, reason
    assert [w for w in warned if warning and warning in w] == warned[:1] * bool(warning), warned
    line = next(x for x in out.splitlines() if " files: " in x)
    for part in summary:
        assert part in line, line
