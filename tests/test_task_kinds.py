"""Conditional and recurring tasks counted as their kind says (issue 18).

The kind comes from the timeframe text (``parse_timeframe``: period, recurring,
conditional) and, for a recurring task, how often it is due (``recurrence``). The marts
then count them so (README, "Task kinds"): a recurring task is due at the end of each of its
periods and is done only when a report covering its last period says so; a conditional task
is due only once a report shows it triggered. Hand-computed counts for a plan of nine tasks
and two reports, built as of two dates, through ``parplan ingest`` and ``parplan build``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extractors.parse_timeframe import parse_timeframe
from extractors.progress.task_kind import recurrence
from parplan.cli import main
from tests.helpers import csv_bytes, plan_text

KIND_CASES = [  # timeframe text -> (kind, recurrence)
    # recurring, each with how often it is due
    ("Thường xuyên", ("recurring", "continuous")),
    ("Hằng năm", ("recurring", "year")),
    ("Định kỳ năm theo quy định.", ("recurring", "year")),
    ("Hằng quý", ("recurring", "quarter")),
    ("Báo cáo định kỳ hàng quý", ("recurring", "quarter")),
    ("Hằng tháng", ("recurring", "month")),
    ("Định kỳ 6 tháng", ("recurring", "half_year")),
    # several cadences: the shortest (due at the end of each quarter)
    ("Hằng quý, 6 tháng và hằng năm", ("recurring", "quarter")),
    # "Định kỳ, đột xuất": recurring work judged over the year
    ("Định kỳ, đột xuất trong năm", ("recurring", "continuous")),
    # conditional: due only when the condition arises
    ("Khi có yêu cầu", ("conditional", None)),
    ("Theo chỉ đạo của UBND tỉnh", ("conditional", None)),
    ("Khi có văn bản mới", ("conditional", None)),
    # a period that names six months is no recurrence
    ("6 tháng đầu năm 2024", ("period", None)),
    ("Quý II/2024", ("period", None)),
]


@pytest.mark.parametrize(("text", "expected"), KIND_CASES)
def test_task_kind_from_the_timeframe(text: str, expected: tuple[str, str | None]) -> None:
    kind = parse_timeframe(text, 2024).kind
    assert (kind, recurrence(text, kind)) == expected


YEAR = 2024  # Long An before the 2025 merger
TASKS = [  # (code, text, timeframe) of Phụ lục 2; every task led by Sở Nội vụ
    ("1.1", "Ban hành kế hoạch kiểm tra", f"Quý I/{YEAR}"),
    ("1.2", "Báo cáo tình hình CCHC", "Hằng quý"),
    ("1.3", "Sơ kết công tác CCHC", "Định kỳ 6 tháng"),
    ("1.4", "Tuyên truyền CCHC", "Thường xuyên"),
    ("1.5", "Cập nhật số liệu TTHC", "Hằng tháng"),
    ("1.6", "Kiểm tra đột xuất", "Khi có yêu cầu"),
    ("1.7", "Rà soát quy trình", "Theo chỉ đạo của UBND tỉnh"),
    ("1.8", "Công bố TTHC sửa đổi", "Khi có văn bản mới"),
    ("1.9", "Đánh giá Chỉ số CCHC các sở", "Hằng năm"),
]


def _plan() -> str:
    head = plan_text(YEAR, []).split("## PHỤ LỤC 2")[0]
    rows = [
        "TT\tNội dung\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\t"
        "Kinh phí (triệu đồng)"
    ]
    for i, (code, text, when) in enumerate(TASKS):
        lead = "1\tChỉ đạo điều hành" if i == 0 else "\t"
        rows.append(f"{lead}\t{code}. {text}.\tBáo cáo\tSở Nội vụ\tSở Tư pháp\t{when}\t")
    return head + "## PHỤ LỤC 2\n\n" + "\n".join(rows) + "\n"


HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
H1, Y = f"6 tháng đầu năm {YEAR}", f"Năm {YEAR}"
NV, DONE = "Sở Nội vụ", "Đã hoàn thành"
HALF_YEAR = [
    ["1.1", "", NV, DONE, f"15/03/{YEAR}", H1],  # deadline 31/03: on time
    ["1.2", "", NV, DONE, "", H1],  # quarterly: done for Q1 and Q2, not for the year
    ["1.3", "", NV, DONE, "", H1],  # half-yearly: done for the first half
    ["1.4", "", NV, "Đang thực hiện", "", H1],
    ["1.6", "", NV, DONE, f"10/05/{YEAR}", H1],  # conditional, done: triggered
    ["1.7", "", NV, "Chưa thực hiện", "", H1],  # conditional, not started: not triggered
]
YEAR_END = [
    ["1.2", "", NV, DONE, f"20/12/{YEAR}", Y],  # its last quarter covered: done for the year
    ["1.3", "", NV, "Đang thực hiện", "", Y],  # the second half not done
    ["1.4", "", NV, DONE, "", Y],
    ["1.8", "", NV, "Đang thực hiện", "", Y],  # conditional, under way: triggered
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("task_kinds")
    (tmp / "plan.txt").write_text(_plan(), encoding="utf-8")
    (tmp / "h1.csv").write_bytes(csv_bytes([["UBND TỈNH LONG AN"], HEADER, *HALF_YEAR]))
    (tmp / "y.csv").write_bytes(csv_bytes([["UBND TỈNH LONG AN"], HEADER, *YEAR_END]))
    db = tmp / "wh.duckdb"
    files = [str(tmp / n) for n in ("plan.txt", "h1.csv", "y.csv")]
    assert main(["ingest", *files, "--db", str(db)]) == 0
    return db


def _built(db: Path, as_of: str) -> tuple[list[tuple[object, ...]], ...]:
    assert main(["build", "--db", str(db), "--as-of", as_of]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        progress = con.execute(
            """select code, timeframe_kind, recurrence, periods_due, triggered, status,
                      timeliness, is_due
               from task_progress order by code"""
        ).fetchall()
        completion = con.execute(
            """select due, done_on_time, done_late, in_progress, not_done, not_reported,
                      not_triggered, completion_rate
               from plan_completion where grouping = 'province'"""
        ).fetchall()
        overdue = con.execute(
            "select code from task_schedule where overdue order by code"
        ).fetchall()
    return progress, completion, overdue


# (code, kind, recurrence, periods ended, triggered, status, timeliness, due), by hand
MID_YEAR = [  # as of 15/07: the six-month report only
    ("1.1", "period", None, None, None, "done", "on_time", True),
    ("1.2", "recurring", "quarter", 2, None, "in_progress", None, True),  # Q1, Q2 ended
    ("1.3", "recurring", "half_year", 1, None, "in_progress", None, True),
    ("1.4", "recurring", "continuous", 0, None, "in_progress", None, False),  # due 31/12
    ("1.5", "recurring", "month", 6, None, "not_reported", None, True),  # January-June
    ("1.6", "conditional", None, None, True, "done", "on_time", True),
    ("1.7", "conditional", None, None, False, "not_started", None, False),
    ("1.8", "conditional", None, None, False, "not_reported", None, False),
    ("1.9", "recurring", "year", 0, None, "not_reported", None, False),
]
YEAR_AFTER = [  # as of 15/01 of the next year: both reports
    ("1.1", "period", None, None, None, "done", "on_time", True),
    ("1.2", "recurring", "quarter", 4, None, "done", "on_time", True),
    ("1.3", "recurring", "half_year", 2, None, "in_progress", None, True),
    ("1.4", "recurring", "continuous", 1, None, "done", "on_time", True),
    ("1.5", "recurring", "month", 12, None, "not_reported", None, True),
    ("1.6", "conditional", None, None, True, "done", "on_time", True),
    ("1.7", "conditional", None, None, False, "not_started", None, False),
    ("1.8", "conditional", None, None, True, "in_progress", None, True),
    ("1.9", "recurring", "year", 1, None, "not_reported", None, True),
]


def test_task_kinds_counted_mid_year(warehouse: Path) -> None:
    progress, completion, overdue = _built(warehouse, f"{YEAR}-07-15")
    assert progress == MID_YEAR
    # due: 1.1, 1.2, 1.3, 1.5, 1.6; done on time 1.1 and 1.6; in progress 1.2 and 1.3;
    # not reported 1.5; untriggered 1.7 and 1.8 (counted in no other column)
    assert completion == [(5, 2, 0, 2, 0, 1, 2, 0.4)]
    # 1.5's June ended with no report; 1.2 and 1.3 are done through 30/06
    assert overdue == [("1.5",)]


def test_task_kinds_counted_after_the_year(warehouse: Path) -> None:
    progress, completion, overdue = _built(warehouse, f"{YEAR + 1}-01-15")
    assert progress == YEAR_AFTER
    # due: all but 1.7; done on time 1.1, 1.2, 1.4, 1.6; in progress 1.3 and 1.8;
    # not reported 1.5 and 1.9; untriggered 1.7
    assert completion == [(8, 4, 0, 2, 0, 2, 1, 0.5)]
    # 1.3's second half, 1.5's December and 1.9's year ended undone; 1.8 has no deadline
    assert overdue == [("1.3",), ("1.5",), ("1.9",)]
