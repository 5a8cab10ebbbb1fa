"""Plan documents in shapes the other fixtures do not hold, read through ``parplan
extract``: each case's document is synthetic (tests/fixtures/plan_shapes.py, or the text
below), its records written by hand from what the document says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
