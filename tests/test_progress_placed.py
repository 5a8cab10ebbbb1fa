"""Task-progress reports (báo cáo tiến độ) as agencies send them, placed in their province
and read in the encoding they were saved in (issue 14's leftovers, loud31).

A report's rows are matched to the tasks of their province's plan. Its province is the
Tỉnh column's, else the title's, else the file name's, else the deployment's configured
province (``--province`` / ``PARPLAN_PROVINCE``) - the order a metric file is placed in.
Before, a report naming no province exited 3 even with the province configured (its rows
kept out of the marts), and a report saved as Windows-1258 by old Vietnamese Excel was
quarantined ("not UTF-8 text"). One ``parplan ingest`` per case, in turn, into one
warehouse holding the Long An plan of 2022: per case the exit code, and per row loaded its
source row, province and the plan task it matched.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import cp1258, csv_bytes

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]
TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2022"
LA = "Long An"


def _rows(status: str) -> list[list[str]]:
    """Two tasks of the 2022 plan reported (the status tells the cases' files apart)."""
    return [["1.1", "", "Sở Nội vụ", status, "Năm 2022"], ["1.3", "", "Sở Nội vụ", status, ""]]


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao_tien_do.csv"
    options: tuple[str, ...] = ()  # what the operator adds to `parplan ingest`
    env: dict[str, str] = field(default_factory=dict)  # the deployment's settings
    code: int = 0  # the exit code
    loads: list[tuple[int, str | None, str | None]] = field(default_factory=list)
    status: str = "loaded"  # the file's manifest status
    told: str = ""  # what the ingest's output tells the operator of the file


NO_PROVINCE = [[TITLE], HEADER]
MATCHED = [(3, LA, "1.1"), (4, LA, "1.3")]
CASES = [
    # --- the configured province places a report that names none ----------------------------
    # was: exit 3, "2 rows with no province", although the deployment is Long An's
    Case("no province anywhere, --province given",
         csv_bytes([*NO_PROVINCE, *_rows("Đã hoàn thành")]), options=("--province", LA),
         loads=MATCHED),
    # the same, configured once for the deployment
    Case("no province anywhere, PARPLAN_PROVINCE set",
         csv_bytes([*NO_PROVINCE, *_rows("Đang thực hiện")]), env={"PARPLAN_PROVINCE": LA},
         loads=MATCHED),
    # configured as people write it: placed under the name the plans carry
    Case("the configured province written with its kind",
         csv_bytes([*NO_PROVINCE, *_rows("Hoàn thành")]), options=("--province", "tỉnh Long An"),
         loads=MATCHED),
    # nothing configured: still loud (exit 3), the rows kept out with no province
    Case("no province anywhere, nothing configured",
         csv_bytes([*NO_PROVINCE, *_rows("Chưa thực hiện")]), code=3,
         loads=[(3, None, None), (4, None, None)]),
    # --- what the report says comes first ---------------------------------------------------
    # the file name names the province: no configuration needed
    Case("the province in the file name",
         csv_bytes([*NO_PROVINCE, *_rows("Đã hoàn thành ")]), name="bao_cao_tien_do_long_an.csv",
         loads=MATCHED),
    # the title names another province than the configured one: the title's
    Case("the title's province over the configured one",
         csv_bytes([["UBND TỈNH CẦN THƠ"], *NO_PROVINCE, *_rows("Đang thực hiện ")]),
         options=("--province", LA), loads=[(4, "Cần Thơ", None), (5, "Cần Thơ", None)]),
    # a Tỉnh column over everything else
    Case("a Tỉnh column over the configured province",
         csv_bytes([[TITLE], ["Tỉnh", *HEADER], *([LA, *r] for r in _rows("Hoàn thành "))]),
         options=("--province", "Cần Thơ"), loads=MATCHED),
    # --- a report saved as Windows-1258 by old Vietnamese Excel -----------------------------
    # was: quarantined, "not UTF-8 text ... re-save the CSV as UTF-8"
    Case("a report saved as Windows-1258",
         cp1258([["UBND TỈNH LONG AN"], *NO_PROVINCE, *_rows("Đã hoàn thành")]),
         loads=[(4, LA, "1.1"), (5, LA, "1.3")], told="read as Windows-1258"),
    # the same with the province configured and none in the file
    Case("a Windows-1258 report placed by --province",
         cp1258([*NO_PROVINCE, *_rows("Đang thực hiện")]), options=("--province", LA),
         loads=MATCHED, told="read as Windows-1258"),
    # bytes Windows-1258 leaves undefined are no Vietnamese text: still refused, loudly
    Case("a report in neither UTF-8 nor Windows-1258",
         cp1258([*NO_PROVINCE, *_rows("Hoàn thành")]).replace(b"1.3", b"\x81\x8d\x90"),
         status="quarantined", code=1, told="nor Vietnamese text in Windows-1258"),
]  # fmt: skip


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[int, str]]]:
    """The Long An plan, then each case's report by an ingest of its own: the warehouse
    and each case's exit code and output (stdout and stderr)."""
    root = tmp_path_factory.mktemp("progress_placed")
    (root / "wh").mkdir()  # --db names a folder that is there
    db = root / "wh" / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    codes = []
    for i, case in enumerate(CASES):
        (root / f"{i:02d}").mkdir()
        report = root / f"{i:02d}" / case.name
        report.write_bytes(case.data)
        with pytest.MonkeyPatch.context() as mp:
            mp.delenv("PARPLAN_PROVINCE", raising=False)
            for k, v in case.env.items():
                mp.setenv(k, v)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = main(["ingest", "--db", str(db), *case.options, str(report)])
            codes.append((code, out.getvalue()))
    return db, codes


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_where_a_progress_report_is_placed(
    ingested: tuple[Path, list[tuple[int, str]]], case: Case
) -> None:
    db, outcomes = ingested
    i = CASES.index(case)
    assert "PARPLAN_PROVINCE" not in os.environ or case.env  # no leak between cases
    with duckdb.connect(str(db), read_only=True) as con:
        sha, status, error = con.execute(
            "select sha256, status, error from file_manifest where original_path like ?",
            [f"%/{i:02d}/{case.name}"],
        ).fetchone()  # type: ignore[misc]
        rows = con.execute(
            """select source_row, province, task_code from progress_rows
               where source_sha256 = ? order by 1""",
            [sha],
        ).fetchall()
    code, out = outcomes[i]
    assert (status, code) == (case.status, case.code), error
    assert rows == case.loads
    assert case.told in out, out
