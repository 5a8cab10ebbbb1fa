"""Acceptance: the 45-task Long An 2022 plan (sample_data) and two progress reports - six
months, then year end correcting it - give hand-computed task_progress and plan_completion
rows (counted as of the build date, after every deadline of 2022); a row naming no task or
two tasks equally goes to review; a report from an agency neither lead nor support is
flagged. Through the user's commands: parplan ingest, parplan build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
TITLE = ["UBND TỈNH LONG AN"]
H1 = "6 tháng đầu năm 2022"
HALF_YEAR = [
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", H1],  # deadline 31/01: on time
    ["6.2", "", "Sở Tài chính", "Đang thực hiện", "", H1],  # corrected at year end
    ["6.3", "", "Sở Tài chính", "Chưa thực hiện", "", H1],  # corrected at year end
    ["7.1", "", "Sở TT&TT", "Đã hoàn thành", "15/02/2022", H1],  # deadline 31/12/2021: late
    ["2.2", "", "Sở Tư pháp", "Hoàn thành trễ hạn", "10/04/2022", H1],  # late as reported
    # neither lead (Sở Tư pháp) nor support (Ban Pháp chế, các sở, ban, ngành): flagged
    ["2.5", "", "UBND huyện Cần Giuộc", "Đã hoàn thành", "01/03/2022", H1],
    # two tasks (7.2, 7.3) equally: to review
    ["", "Tiếp tục thực hiện giải pháp nâng cao", "Sở TT&TT", "Đang thực hiện", "", H1],
]
Y = "Năm 2022"
YEAR_END = [
    ["6.2", "", "Sở Tài chính", "Đã hoàn thành", "25/06/2022", Y],  # deadline 30/06: on time
    ["6.3", "", "Sở Tài chính", "Không thực hiện được: thiếu kinh phí", "", Y],
    ["7.2", "", "Sở Thông tin và Truyền thông", "Đang thực hiện", "", Y],
    # by its text alone (7.3)
    [
        "",
        "Tiếp tục thực hiện giải pháp nâng cao việc tiếp nhận hồ sơ, trả kết quả giải quyết "
        "TTHC qua dịch vụ bưu chính công ích",
        "Sở Thông tin và Truyền thông",
        "Đã hoàn thành",
        "30/11/2022",
        Y,
    ],
    # no task of the plan: to review
    ["", "Xây cầu vượt sông Vàm Cỏ", "Sở Giao thông vận tải", "Đã hoàn thành", "", Y],
]

TASK_PROGRESS = [  # (code, status, timeliness, reason, agency_flagged), hand-computed
    ("2.2", "done_late", "late", None, False),
    ("2.5", "done", "on_time", None, True),
    ("6.1", "done", "on_time", None, False),
    ("6.2", "done", "on_time", None, False),
    ("6.3", "cannot_do", None, "thiếu kinh phí", False),
    ("7.1", "done", "late", None, False),
    ("7.2", "in_progress", None, None, False),
    ("7.3", "done", "on_time", None, False),
]
# The plan's 8 conditional tasks (1.2, 1.12, 3.4, 3.5, 4.1-4.4: "Theo Kế hoạch của Bộ Nội
# vụ", "Trong năm (nếu có)", "khi có hướng dẫn của Trung ương") are reported by neither
# report: never triggered, they are not due (README, "Task kinds").
COMPLETION = [  # (grouping, key, due, on time, late, in progress, not done, not reported, rate)
    ("province", None, 37, 4, 2, 1, 1, 29, round(6 / 37, 4)),
    ("area", "2", 5, 1, 1, 0, 0, 3, 0.4),
    ("area", "6", 4, 2, 0, 0, 1, 1, 0.5),
    ("area", "7", 3, 1, 1, 1, 0, 0, round(2 / 3, 4)),
    ("lead", "Sở Tài chính", 4, 2, 0, 0, 1, 1, 0.5),
    ("lead", "Sở Thông tin và Truyền thông", 3, 1, 1, 1, 0, 0, round(2 / 3, 4)),
    ("lead", "Sở Tư pháp", 5, 1, 1, 0, 0, 3, 0.4),  # 2.1-2.5 (and 3.5: conditional)
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("progress")
    (tmp / "h1.csv").write_bytes(csv_bytes([TITLE, HEADER, *HALF_YEAR]))
    (tmp / "y.csv").write_bytes(csv_bytes([TITLE, HEADER, *YEAR_END]))
    db = tmp / "wh.duckdb"
    assert (
        main(["ingest", str(SEED), str(tmp / "h1.csv"), str(tmp / "y.csv"), "--db", str(db)]) == 0
    )
    assert main(["build", "--db", str(db)]) == 0
    return db


def test_task_progress_the_latest_report_wins(built: Path) -> None:
    with duckdb.connect(str(built), read_only=True) as con:
        got = con.execute("""select code, status, timeliness, reason, agency_flagged
                             from task_progress where status <> 'not_reported'
                             order by code""").fetchall()
        ((n, unreported),) = con.execute(
            "select count(*), count(*) filter (status = 'not_reported') from task_progress"
        ).fetchall()
        as_of = con.execute("select distinct as_of from task_progress").fetchall()
    assert got == TASK_PROGRESS
    assert (n, unreported) == (45, 37)
    assert as_of == [(date.today(),)]  # built without --as-of: the build date


def test_plan_completion_by_province_area_and_lead(built: Path) -> None:
    with duckdb.connect(str(built), read_only=True) as con:
        rows = con.execute("""select grouping, key, due, done_on_time, done_late, in_progress,
                                     not_done, not_reported, round(completion_rate, 4)
                              from plan_completion where province = 'Long An'
                              and plan_year = 2022""").fetchall()
    got = [r for r in rows if r[0] == "province" or r[1] in {k for _, k, *_ in COMPLETION}]
    assert sorted(got, key=str) == sorted(COMPLETION, key=str)


def test_unmatched_and_ambiguous_rows_are_in_the_review_queue(built: Path) -> None:
    with duckdb.connect(str(built), read_only=True) as con:
        got = con.execute(
            "select raw, candidates from review_queue where kind = 'task' order by raw"
        ).fetchall()
    assert [r for r, _ in got] == [
        "Tiếp tục thực hiện giải pháp nâng cao",
        "Xây cầu vượt sông Vàm Cỏ",
    ]
    assert got[0][1].startswith(("7.2 (100); 7.3 (100)", "7.3 (100); 7.2 (100)"))


def test_task_schedule_says_overdue_as_of_the_build_date(built: Path) -> None:
    with duckdb.connect(str(built), read_only=True) as con:
        got = con.execute("""select code, overdue from task_schedule where province = 'Long An'
                             and code in ('6.1', '6.3', '6.4', '7.2') order by code""").fetchall()
    # done: not overdue; cannot_do, not reported and in progress after 2022: overdue
    assert got == [("6.1", False), ("6.3", True), ("6.4", True), ("7.2", True)]


def test_status_as_of_a_date_given_to_the_build(tmp_path: Path) -> None:
    # as of 15/07/2022 only the six-month report (period ending 30/06) was due: its statuses
    # hold, the year-end report (period ending 31/12) is not yet counted
    (tmp_path / "h1.csv").write_bytes(csv_bytes([TITLE, HEADER, *HALF_YEAR]))
    (tmp_path / "y.csv").write_bytes(csv_bytes([TITLE, HEADER, *YEAR_END]))
    db = tmp_path / "wh.duckdb"
    files = [str(SEED), str(tmp_path / "h1.csv"), str(tmp_path / "y.csv")]
    assert main(["ingest", *files, "--db", str(db)]) == 0
    assert main(["build", "--db", str(db), "--as-of", "2022-07-15"]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("""select code, status, as_of from task_progress
                             where status <> 'not_reported' order by code""").fetchall()
        overdue = con.execute("""select code, overdue from task_schedule
                                 where code in ('6.1', '6.2') order by code""").fetchall()
    as_of = date(2022, 7, 15)
    assert got == [
        ("2.2", "done_late", as_of),
        ("2.5", "done", as_of),
        ("6.1", "done", as_of),
        ("6.2", "in_progress", as_of),  # the year end's "done" is not known yet
        ("6.3", "not_started", as_of),
        ("7.1", "done", as_of),
    ]
    # 6.2 was due by 30/06 and is still in progress on 15/07; 6.1 was done
    assert overdue == [("6.1", False), ("6.2", True)]


def test_a_build_as_of_a_date_that_is_not_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--db", str(tmp_path / "wh.duckdb"), "--as-of", "15/07/2022"])
    assert exit_.value.code == 2
    assert "'15/07/2022' is not a date (YYYY-MM-DD)" in capsys.readouterr().err
