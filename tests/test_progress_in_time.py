"""Progress reports across the 2025 reorganisation, through ``parplan ingest``: a report's
agencies are judged at its period's end. A successor may report on a task of the unit it
took over; an agency that was not in force then is flagged, and the review queue says why.

The plan is the test's own Hậu Giang plan moved to 2025 (issued 20/01/2025, before Nghị
định 45/2025/NĐ-CP merged the departments on 01/03/2025): task 2.1 is led by Văn phòng
UBND tỉnh with Sở Tư pháp and Sở KH&ĐT in support, 3.1 by Sở Thông tin và Truyền thông,
3.2 by Sở TT&TT with UBND cấp huyện in support (cấp huyện ended on 30/06/2025).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.reference import BUNDLED
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

PLAN_2023 = Path(__file__).parent / "fixtures" / "plans" / "haugiang_2023_par_plan.txt"
HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
YEAR_END_2025 = [
    ["UBND TỈNH HẬU GIANG"],
    HEADER,
    # Sở TT&TT's successor for digital work (NĐ 45/2025): may report 3.1
    ["3.1", "", "Sở Khoa học và Công nghệ", "Đã hoàn thành", "01/12/2025", "Năm 2025"],
    # Sở KH&ĐT merged into Sở Tài chính: may report 2.1, which Sở KH&ĐT supported
    ["2.1", "", "Sở Tài chính", "Đang thực hiện", "", "Năm 2025"],
    # neither lead nor support, nor a successor of one: flagged as before
    ["1.2", "", "Sở Y tế", "Đang thực hiện", "", "Năm 2025"],
    # a support of 3.2 by name, but cấp huyện ended on 30/06/2025: flagged
    ["3.2", "", "UBND cấp huyện", "Đã hoàn thành", "01/11/2025", "Năm 2025"],
]
HALF_2026 = [  # no plan of 2026 in the warehouse: not matched, the agency flagged all the same
    ["UBND TỈNH TÂY NINH"],
    HEADER,
    [
        "1.1",
        "Ban hành kế hoạch kiểm tra",
        "UBND cấp huyện",
        "Đã hoàn thành",
        "",
        "6 tháng đầu năm 2026",
    ],
    ["1.2", "Khảo sát sự hài lòng", "Sở Nội vụ", "Đang thực hiện", "", "6 tháng đầu năm 2026"],
]


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    tmp = tmp_path_factory.mktemp("progress_in_time")
    plan = tmp / "haugiang_2025.txt"
    plan.write_text(PLAN_2023.read_text(encoding="utf-8").replace("2023", "2025"), "utf-8")
    (tmp / "y2025.csv").write_bytes(csv_bytes(YEAR_END_2025))
    (tmp / "h2026.csv").write_bytes(csv_bytes(HALF_2026))
    db = tmp / "wh.duckdb"
    code = main(
        ["ingest", str(plan), str(tmp / "y2025.csv"), str(tmp / "h2026.csv"), "--db", str(db)]
    )
    assert code in (0, 3)  # 3: the plan has items to review, not a failure
    return Warehouse.at(db, BUNDLED)


def test_agencies_are_judged_at_the_reports_date(wh: Warehouse) -> None:
    with wh.analyst() as con:
        got = con.execute(
            """select period_raw, agency_raw, task_code, agency_allowed from progress_rows
               order by period_end, source_row"""
        ).fetchall()
    assert got == [
        ("Năm 2025", "Sở Khoa học và Công nghệ", "3.1", True),
        ("Năm 2025", "Sở Tài chính", "2.1", True),
        ("Năm 2025", "Sở Y tế", "1.2", False),
        ("Năm 2025", "UBND cấp huyện", "3.2", False),
        ("6 tháng đầu năm 2026", "UBND cấp huyện", None, False),
        ("6 tháng đầu năm 2026", "Sở Nội vụ", None, None),
    ]


def test_ubnd_cap_huyen_in_a_2026_progress_report_is_flagged_with_the_reason(
    wh: Warehouse,
) -> None:
    with wh.analyst() as con:
        got = con.execute(
            """select province, occurrences, candidates from review_queue
               where kind = 'agency' and raw = 'UBND cấp huyện' order by province"""
        ).fetchall()
    assert [(p, n) for p, n, _ in got] == [("Hậu Giang", 1), ("Tây Ninh", 1)]
    for _, _, why in got:
        assert "ceased on 2025-06-30" in why and "Nghị quyết 203/2025/QH15" in why
