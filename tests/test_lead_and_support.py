"""One agency cell naming the lead and the coordinating agencies by their roles ("Công an
tỉnh chủ trì, phối hợp với UBND các xã, phường"; "Chủ trì: Sở Tư pháp; phối hợp: Công an
tỉnh"), as plans with a single "Cơ quan thực hiện" column write it: through ``parplan
extract``, the lead is the lead and the others are support.

Before, every agency of the cell was a lead and support was empty ("Sở Nội vụ phối hợp"
a lead; "Chủ trì: Sở Tư pháp" an agency's name), with no issue; and in a table with a
support column, a blank support cell beside a lead cell naming its coordinating agencies
took the support of the task above ("same as above"). The plan is written here
(synthetic); a cell naming two leads ("Văn phòng Sở (chủ trì), Trung tâm ...") or a role
with no agency after it stays as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.lead_and_support import lead_and_support
from tests.helpers import extract_cli

# lead cell, support cell -> lead names, support names
CASES = [
    ("Công an tỉnh chủ trì, phối hợp với UBND các xã, phường", "",
     ["Công an tỉnh"], ["UBND các xã, phường"]),
    ("Văn phòng UBND tỉnh chủ trì; Sở Khoa học và Công nghệ, Sở Nội vụ phối hợp", "",
     ["Văn phòng UBND tỉnh"], ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]),
    ("Chủ trì: Sở Tư pháp; phối hợp: Công an tỉnh, Sở Y tế", "",
     ["Sở Tư pháp"], ["Công an tỉnh", "Sở Y tế"]),
    ("Cơ quan chủ trì: Sở Tài chính. Cơ quan phối hợp: Kho bạc Nhà nước khu vực", "",
     ["Sở Tài chính"], ["Kho bạc Nhà nước khu vực"]),
    ("Ngân hàng Nhà nước chi nhánh tỉnh (chủ trì); các ngân hàng thương mại (phối hợp)", "",
     ["Ngân hàng Nhà nước chi nhánh tỉnh"], ["Các ngân hàng thương mại"]),
    ("Sở Nội vụ chủ trì, phối hợp cùng các sở, ngành", "",
     ["Sở Nội vụ"], ["Các sở, ngành"]),
    # not a pair: two leads, a role naming no agency, a support cell of its own
    ("Văn phòng Sở (chủ trì), Trung tâm Lưu trữ lịch sử tỉnh", "",
     ["Văn phòng Sở", "Trung tâm Lưu trữ lịch sử tỉnh"], []),
    ("Sở Nội vụ chủ trì, phối hợp thực hiện", "", ["Sở Nội vụ"], []),
    ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ", "Công an tỉnh",
     ["Sở Tư pháp"], ["Công an tỉnh"]),
]  # fmt: skip


@pytest.mark.parametrize(("lead", "support", "want_lead", "want_support"), CASES)
def test_lead_and_support(lead: str, support: str, want_lead: list, want_support: list) -> None:
    got_lead, got_support = lead_and_support(lead, support)
    assert ([a.name for a in got_lead], [a.name for a in got_support]) == (want_lead, want_support)


PLAN = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA

Số: 41/KH-UBND

Thanh Hóa, ngày 14 tháng 02 năm 2025

**KẾ HOẠCH**

**Thực hiện Đề án 06 năm 2025 trên địa bàn tỉnh Thanh Hóa**

Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

**NHIỆM VỤ CỤ THỂ**

STT\tNhiệm vụ\tCơ quan thực hiện\tThời gian hoàn thành
1\tLàm sạch dữ liệu dân cư\tCông an tỉnh chủ trì, phối hợp với UBND các xã, phường\tQuý II/2025
2\tSố hóa hồ sơ thủ tục hành chính\tVăn phòng UBND tỉnh chủ trì; Sở Nội vụ phối hợp\tNăm 2025
3\tTích hợp dữ liệu hộ tịch\tChủ trì: Sở Tư pháp; phối hợp: Công an tỉnh, Sở Y tế\tNăm 2025

**KT. CHỦ TỊCH**

**PHÓ CHỦ TỊCH**

**Đầu Thanh Tùng**
"""


def test_one_agency_column_through_extract(tmp_path: Path) -> None:
    path = tmp_path / "thanhhoa_2025_kh41.txt"
    path.write_text(PLAN, encoding="utf-8")
    got = [
        (t["code"], [a["name"] for a in t["lead"]], [a["name"] for a in t["support"]])
        for t in extract_cli(path, "--raw-names")["tasks"]
    ]
    assert got == [
        ("1", ["Công an tỉnh"], ["UBND các xã, phường"]),
        ("2", ["Văn phòng UBND tỉnh"], ["Sở Nội vụ"]),
        ("3", ["Sở Tư pháp"], ["Công an tỉnh", "Sở Y tế"]),
    ]


TWO_COLUMNS = PLAN.replace(
    """STT\tNhiệm vụ\tCơ quan thực hiện\tThời gian hoàn thành
1\tLàm sạch dữ liệu dân cư\tCông an tỉnh chủ trì, phối hợp với UBND các xã, phường\tQuý II/2025
2\tSố hóa hồ sơ thủ tục hành chính\tVăn phòng UBND tỉnh chủ trì; Sở Nội vụ phối hợp\tNăm 2025
3\tTích hợp dữ liệu hộ tịch\tChủ trì: Sở Tư pháp; phối hợp: Công an tỉnh, Sở Y tế\tNăm 2025
""",
    """STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
1\tLàm sạch dữ liệu dân cư\tCông an tỉnh\tBáo Thanh Hóa\tQuý II/2025
2\tSố hóa hồ sơ thủ tục hành chính\tSở Nội vụ chủ trì, phối hợp với Sở Tư pháp\t\tNăm 2025
3\tTích hợp dữ liệu hộ tịch\tSở Tư pháp\t\tNăm 2025
""",
)


def test_a_lead_cell_naming_its_support_takes_none_from_above(tmp_path: Path) -> None:
    assert TWO_COLUMNS != PLAN
    path = tmp_path / "thanhhoa_2025_kh41.txt"
    path.write_text(TWO_COLUMNS, encoding="utf-8")
    got = [
        (t["code"], [a["name"] for a in t["lead"]], [a["name"] for a in t["support"]])
        for t in extract_cli(path, "--raw-names")["tasks"]
    ]
    assert got == [
        ("1", ["Công an tỉnh"], ["Báo Thanh Hóa"]),
        ("2", ["Sở Nội vụ"], ["Sở Tư pháp"]),
        ("3", ["Sở Tư pháp"], []),  # blank under a blank: nothing to carry (was Báo Thanh Hóa)
    ]
