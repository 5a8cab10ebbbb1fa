"""Plan documents in shapes the other fixtures do not hold, read through ``parplan
extract``: each case's document is synthetic (tests/fixtures/plan_shapes.py, or the text
below), its records written by hand from what the document says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fixtures import plan_shapes as shapes
from tests.helpers import extract_cli


def _tasks(plan: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            t["code"],
            t["description"],
            [a["raw"] for a in t["lead"]],
            [a["raw"] for a in t["support"]],
            t["timeframe"]["text"],
        )
        for t in plan["tasks"]
    ]


# Word: the issuer set in a text box was read twice into one line with no break
# ("ỦY BAN NHÂN DÂNTỈNH HÀ TĨNHỦY BAN NHÂN DÂNTỈNH HÀ TĨNH": no province, exit 0); text
# moved away under tracked changes stayed where it was (task 1 kept "Sở Nội vụ"); a row in
# a content control was lost (task 3, exit 0); a table
# nested in a task's cell was lost (Word) or ran its cells together (HTML: "Cấp tỉnh100%").
def test_text_boxes_tracked_moves_and_a_nested_table_in_word(tmp_path: Path) -> None:
    plan = extract_cli(shapes.text_box_docx(tmp_path / "hatinh_2025_kh95.docx"), "--raw-names")
    doc = plan["document"]
    assert (doc["issuer"], doc["province"], doc["doc_number"], doc["issued_date"]) == (
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "Hà Tĩnh", "95/KH-UBND", "2025-03-18",
    )  # fmt: skip
    assert _tasks(plan) == [
        ("1", "Rà soát thủ tục hành chính", ["Sở Tư pháp"], ["Các sở, ban, ngành"],
         "Quý II/2025"),
        ("2", "Công bố danh mục thủ tục hành chính", ["Văn phòng UBND tỉnh"], ["Sở Tư pháp"],
         "Quý III/2025"),
        ("3", "Đánh giá chỉ số cải cách hành chính", ["Sở Nội vụ"], ["Sở Nội vụ"],
         "Tháng 12/2025"),
        ("4", "Số hóa hồ sơ thủ tục hành chính: - Cấp tỉnh 100% - Cấp xã 80%",
         ["Văn phòng UBND tỉnh"], ["UBND các xã, phường"], "Năm 2025"),
    ]  # fmt: skip


def test_a_table_nested_in_a_cell_of_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "laichau_2025_kh77.html"
    path.write_text(shapes.nested_html(), encoding="utf-8")
    plan = extract_cli(path, "--raw-names")
    assert _tasks(plan) == [
        ("I.1", "Nâng cấp Cổng dịch vụ công của tỉnh", ["Văn phòng UBND tỉnh"],
         ["Sở Khoa học và Công nghệ"], "Quý II/2025"),
        ("I.2", "Số hóa hồ sơ thủ tục hành chính: - Cấp tỉnh 100% - Cấp xã 80%",
         ["Văn phòng UBND tỉnh"], ["UBND các xã, phường"], "Năm 2025"),
        ("I.3", "Vận hành hệ thống quản lý văn bản", ["Văn phòng UBND tỉnh"],
         ["Các sở, ban, ngành"], "Thường xuyên"),
    ]  # fmt: skip
    assert [t["budget_million_vnd"] for t in plan["tasks"]] == [1200, 350, None]


def _text_plan(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_cli(path, "--raw-names")


# A phase plan's targets table whose value column names the year it is for ("Chỉ tiêu đến
# năm 2030" beside "Chỉ tiêu"): it was read as the target's text (the text "100", value
# null) and the real text column as an area. A column naming one year gives that year's
# value, as a column per year does; one naming a span of years is the value.
TARGET_HEADS = {
    "one year": (
        "STT\tChỉ tiêu\tĐơn vị tính\tChỉ tiêu đến năm 2030\tCơ quan chủ trì",
        ["100", "90"],
        [({"2030": "100"}, "100"), ({"2030": "90"}, "90")],
    ),
    "two years": (
        "TT\tChỉ tiêu\tĐơn vị tính\tChỉ tiêu đến năm 2027\tChỉ tiêu đến năm 2030\tCơ quan chủ trì",
        ["80\t100", "70\t90"],
        [({"2027": "80", "2030": "100"}, "100"), ({"2027": "70", "2030": "90"}, "90")],
    ),
    "a span of years": (
        "STT\tMục tiêu\tĐơn vị tính\tMục tiêu giai đoạn 2026-2030\tĐơn vị chủ trì",
        ["100", "90"],
        [(None, "100"), (None, "90")],
    ),
}


def _phase_plan(head: str, values: list[str]) -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH THANH HÓA

Số: 210/KH-UBND

Thanh Hóa, ngày 08 tháng 9 năm 2025

**KẾ HOẠCH**

**Triển khai Đề án 06 giai đoạn 2026-2030 trên địa bàn tỉnh Thanh Hóa**

Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân \
tỉnh ban hành Kế hoạch như sau:

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

**Đỗ Minh Tuấn**

## **PHỤ LỤC**

**CHỈ TIÊU THỰC HIỆN ĐỀ ÁN 06 GIAI ĐOẠN 2026-2030**

{head}
1\tTỷ lệ dịch vụ công trực tuyến toàn trình được tích hợp định danh điện tử\t%\t{values[0]}\t\
Văn phòng UBND tỉnh
2\tTỷ lệ người dân được cấp tài khoản định danh điện tử mức độ 2\t%\t{values[1]}\tCông an tỉnh
"""


@pytest.mark.parametrize("shape", list(TARGET_HEADS))
def test_a_value_column_naming_its_year(shape: str, tmp_path: Path) -> None:
    head, values, want = TARGET_HEADS[shape]
    plan = _text_plan(tmp_path, "thanhhoa_2025_kh210.txt", _phase_plan(head, values))
    got = [
        (str(t["no"]), t["text"], t["unit"], t.get("values_by_year") or None, t["value"],
         [a["raw"] for a in t["lead"]])
        for t in plan["targets"]
    ]  # fmt: skip
    assert got == [
        ("1", "Tỷ lệ dịch vụ công trực tuyến toàn trình được tích hợp định danh điện tử", "%",
         *want[0], ["Văn phòng UBND tỉnh"]),
        ("2", "Tỷ lệ người dân được cấp tài khoản định danh điện tử mức độ 2", "%", *want[1],
         ["Công an tỉnh"]),
    ]  # fmt: skip
