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


_KONTUM = """ỦY BAN NHÂN DÂN
TỈNH KON TUM

Số: 41/KH-UBND

Kon Tum, ngày 15 tháng 01 năm 2025

**KẾ HOẠCH**

**Chuyển đổi số năm 2025 của tỉnh Kon Tum**

{body}

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

**Lê Ngọc Tuấn**

## **PHỤ LỤC**

**NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025**

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tKinh phí (triệu đồng)
I\t<b>CHÍNH QUYỀN SỐ</b>\t\t\t\t
1\tPhát triển hạ tầng số\tSở Khoa học và Công nghệ\tCác sở, ban, ngành\tNăm 2025\t
1.1\tNâng cấp mạng diện rộng của tỉnh\tSở Khoa học và Công nghệ\tViễn thông Kon Tum\t\
Quý II/2025\t800
1.2\tBảo đảm an toàn thông tin mạng\tCông an tỉnh\tSở Khoa học và Công nghệ\tThường xuyên\t150
2\tPhát triển dữ liệu số\tVăn phòng UBND tỉnh\tCác sở, ban, ngành\tNăm 2025\t300
II\t<b>KINH TẾ SỐ</b>\t\t\t\t
1\tPhát triển thương mại điện tử\tSở Công Thương\tSở Khoa học và Công nghệ\tNăm 2025\t
1.1\tĐưa sản phẩm OCOP lên sàn thương mại điện tử\tSở Công Thương\t\
Sở Nông nghiệp và Môi trường\tQuý III/2025\t120
"""
_BODY = (
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, Ủy ban nhân dân "
    "tỉnh ban hành Kế hoạch chuyển đổi số năm 2025."
)


# Items numbered again in each group, with sub-items "1.1", "1.2" of their own: the first
# group's sub-items were coded "1.1", "1.2" (as though "1" were the group "I"), the
# second's "II.1.1" - one plan, two rules, and a code the progress reports cannot follow.
def test_sub_items_of_items_numbered_again_in_each_group(tmp_path: Path) -> None:
    plan = _text_plan(tmp_path, "kontum_2025_kh41.txt", _KONTUM.format(body=_BODY))
    got = [(t["code"], t["no"], t["group_path"]) for t in plan["tasks"]]
    first, second = ["I. CHÍNH QUYỀN SỐ"], ["II. KINH TẾ SỐ"]
    assert got == [
        ("I.1", "1", first),
        ("I.1.1", "1.1", first),
        ("I.1.2", "1.2", first),
        ("I.2", "2", first),
        ("II.1", "1", second),
        ("II.1.1", "1.1", second),
    ]


# Targets stated in running text under "I. MỤC TIÊU" with "Phấn đấu" (strive for), or
# listed under a "Mục tiêu" heading, no "chỉ tiêu" word: none was found (body_targets
# empty, exit 0).
BODIES = [
    (
        "I. MỤC TIÊU\n\nPhấn đấu 100% thủ tục hành chính được công khai đầy đủ; 95% hồ sơ được "
        "giải quyết đúng hạn; tối thiểu 80% hồ sơ được tiếp nhận trực tuyến.\n\nII. NHIỆM VỤ",
        [[100, 95, 80]],
    ),
    (
        "I. MỤC TIÊU\n\nĐến hết năm 2025, phấn đấu đạt được những mục tiêu sau:\n\n- 100% văn "
        "bản được ký số.\n\n- Tối thiểu 90% hồ sơ công việc được xử lý trên môi trường mạng."
        "\n\nII. NHIỆM VỤ\n\nBảo đảm 100% cán bộ được quán triệt.",
        [[100], [90]],
    ),
    (
        # a "Mục tiêu" heading over targets one per paragraph, no "chỉ tiêu" word; the list
        # ends at the next section
        "I. MỤC TIÊU\n\nb) Mục tiêu theo lĩnh vực\n\n(1) Tỷ lệ hồ sơ giải quyết đúng hạn đạt "
        "tối thiểu 98%;\n\n(2) Tỷ lệ doanh nghiệp ứng dụng thương mại điện tử phấn đấu đạt "
        "trên 70%;\n\n(3) 100% văn bản được ký số.\n\nII. NHIỆM VỤ\n\nBảo đảm 100% cán bộ "
        "được quán triệt.",
        [[98], [70], [100]],
    ),
    # figures in prose with no target word stay no targets
    ("I. MỤC ĐÍCH\n\nBảo đảm 100% cán bộ được quán triệt.\n\nII. NHIỆM VỤ", []),
]


@pytest.mark.parametrize(("body", "want"), BODIES)
def test_targets_in_running_text(body: str, want: list[list[int]], tmp_path: Path) -> None:
    plan = _text_plan(tmp_path, "kontum_2025_kh41.txt", _KONTUM.format(body=body))
    assert [[m["value"] for m in t["measures"]] for t in plan["body_targets"]] == want


# A decision amending a plan it names by the decision that adopted it ("... Kế hoạch cải
# cách hành chính năm 2025 ban hành kèm theo Quyết định số 86/QĐ-UBND"): refused as a
# decision adopting no plan (exit 2).
AMENDING = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH

Số: 1120/QĐ-UBND

Quảng Bình, ngày 20 tháng 5 năm 2025

**QUYẾT ĐỊNH**

**{title}**

**ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH**

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/02/2025;

**QUYẾT ĐỊNH:**

Điều 1. Sửa đổi, bổ sung một số nhiệm vụ tại Phụ lục II của Kế hoạch như Phụ lục kèm theo.

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

**Võ Văn Phong**

## **PHỤ LỤC**

**CÁC NHIỆM VỤ SỬA ĐỔI, BỔ SUNG**

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
1\tSắp xếp đơn vị hành chính cấp xã\tSở Nội vụ\tCác sở, ban, ngành\tTrước 30/6/2025
2\tChuyển giao hồ sơ, dữ liệu của cấp huyện\tVăn phòng UBND tỉnh\tCác sở, ban, ngành\t\
Quý II-III/2025
"""
AMENDED_BY_DECISION = [
    (
        "Sửa đổi, bổ sung một số nội dung của Kế hoạch cải cách hành chính năm 2025 ban hành "
        "kèm theo Quyết định số 86/QĐ-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh",
        "86/QĐ-UBND",
    ),
    (
        "Về việc điều chỉnh Kế hoạch chuyển đổi số năm 2025 được phê duyệt tại Quyết định số "
        "2150/QĐ-UBND ngày 30/12/2024",
        "2150/QĐ-UBND",
    ),
]


@pytest.mark.parametrize(("title", "number"), AMENDED_BY_DECISION)
def test_an_amendment_naming_the_adopting_decision(title: str, number: str, tmp_path: Path) -> None:
    plan = _text_plan(tmp_path, "quangbinh_2025_qd1120.txt", AMENDING.format(title=title))
    assert (plan["document"]["kind"], plan["document"]["amends"]) == ("plan", number)
    assert "plan_amendment" in [i["code"] for i in plan["issues"]]
    assert [(t["code"], t["timeframe"]["text"]) for t in plan["tasks"]] == [
        ("1", "Trước 30/6/2025"), ("2", "Quý II-III/2025"),
    ]  # fmt: skip
