"""The budget column's header states the unit ("Kinh phí (đồng)", "(nghìn đồng)", "(tỷ
đồng)"): amounts are stored in million đồng whatever unit the plan counted in, through
``parplan extract`` on a text plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.extract_plan import extract_plan
from extractors.read_text import read_text

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 12/KH-UBND\nGia Lai, ngày 03 tháng 3 năm 2025\n"
    "KẾ HOẠCH\nCải cách hành chính năm 2025\n"
)

# budget column header, the cells, the amounts in million đồng
CASES = [
    ("Kinh phí (triệu đồng)", ["50", "1.200"], [Decimal(50), Decimal(1200)]),
    ("Kinh phí", ["50", "15 triệu đồng"], [Decimal(50), Decimal(15)]),  # no unit: million
    ("Kinh phí (đồng)", ["500.000.000", "1.500.000"], [Decimal(500), Decimal("1.5")]),
    ("Kinh phí (nghìn đồng)", ["50.000", "200"], [Decimal(50), Decimal("0.2")]),
    ("Dự toán kinh phí (tỷ đồng)", ["1,5", "2"], [Decimal(1500), Decimal(2000)]),
    ("Kinh phí (đồng)", ["500.000.000", "15 triệu đồng"], [Decimal(500), Decimal(15)]),
]


@pytest.mark.parametrize(("header", "cells", "want"), CASES)
def test_budget_in_million(tmp_path: Path, header: str, cells: list[str], want: list) -> None:
    rows = [
        f"STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\t{header}",
        f"1\tRà soát thủ tục hành chính\tSở Tư pháp\tSở Nội vụ\tQuý II/2025\t{cells[0]}",
        f"2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\tSở Nội vụ\tNăm 2025\t{cells[1]}",
    ]
    plan = extract_plan(read_text((HEAD + "\n".join(rows) + "\n").encode(), "plan.txt"))
    assert [t.budget_million_vnd for t in plan.tasks] == want
