"""Sub-items in three levels ("1." over "-" rows over "+" rows), through ``parplan
extract``: each "+" row with its own lead or timeframe is a sub-task of the "-" row above
it, not a sibling of the dashes; the next numbered item closes the item's group.

Before, every "-" and "+" row under an item was numbered in one run (1.1 ... 1.5) and the
next item "2" was read inside the first one's group (a duplicate number). Fixtures are
tab text written here (synthetic), in two shapes: the item as a group row ("..., gồm:",
no agency of its own) and the item as a task with its own lead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import extract_cli

HEAD = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH

Số: 31/KH-UBND

Hà Tĩnh, ngày 20 tháng 01 năm 2025

**KẾ HOẠCH**

**Cải cách thủ tục hành chính tỉnh Hà Tĩnh năm 2025**

Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ tại Phụ lục kèm theo.

**TM. ỦY BAN NHÂN DÂN**

**CHỦ TỊCH**

**Trần Văn Bình**

## **PHỤ LỤC**

**NHIỆM VỤ NĂM 2025**

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
I\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t\t\t
"""
BODY = [
    "-\tRà soát thủ tục lĩnh vực tư pháp\tSở Tư pháp\tSở Nội vụ\tQuý II/2025",
    "+\tRà soát thủ tục chứng thực\tSở Tư pháp\tSở Nội vụ\tQuý II/2025",
    "+\tRà soát thủ tục hộ tịch\tSở Tư pháp\tSở Nội vụ\tQuý III/2025",
    "-\tRà soát thủ tục lĩnh vực xây dựng\tSở Xây dựng\tSở Tư pháp\tQuý III/2025",
    "+\tRà soát thủ tục cấp phép xây dựng\tSở Xây dựng\tSở Tư pháp\tQuý IV/2025",
    "2\tCông khai thủ tục hành chính\tVăn phòng UBND tỉnh\tSở Tư pháp\tThường xuyên",
]
ITEMS = {
    "group row": "1\tĐơn giản hóa thủ tục hành chính, gồm:\t\t\t",
    "task": "1\tĐơn giản hóa thủ tục hành chính\tSở Nội vụ\tSở Tư pháp\tNăm 2025",
}
# code, description (the "+" rows under the "-" row above them)
NESTED = [
    ("I.1.1", "Rà soát thủ tục lĩnh vực tư pháp"),
    ("I.1.1.1", "Rà soát thủ tục chứng thực"),
    ("I.1.1.2", "Rà soát thủ tục hộ tịch"),
    ("I.1.2", "Rà soát thủ tục lĩnh vực xây dựng"),
    ("I.1.2.1", "Rà soát thủ tục cấp phép xây dựng"),
    ("I.2", "Công khai thủ tục hành chính"),
]


def _extract(tmp_path: Path, item: str, body: list[str]) -> dict[str, Any]:
    path = tmp_path / "hatinh_2025_levels.txt"
    path.write_text(HEAD + "\n".join([item, *body]) + "\n", encoding="utf-8")
    return extract_cli(path)


@pytest.mark.parametrize("shape", list(ITEMS))
def test_plus_rows_are_sub_tasks_of_the_dash_above(tmp_path: Path, shape: str) -> None:
    found = _extract(tmp_path, ITEMS[shape], BODY)
    tasks = [(t["code"], t["description"]) for t in found["tasks"] if t["code"] != "I.1"]
    assert tasks == NESTED
    codes = {i["code"] for i in found["issues"]}
    assert not codes & {"duplicate_number", "numbering_gap"}


@pytest.mark.parametrize("shape", list(ITEMS))
def test_plus_list_lines_stay_with_their_dash(tmp_path: Path, shape: str) -> None:
    # "+" rows with no agency or timeframe are lines of the "-" sub-task above them
    body = [
        "-\tRà soát thủ tục lĩnh vực tư pháp\tSở Tư pháp\tSở Nội vụ\tQuý II/2025",
        "+\tThủ tục chứng thực\t\t\t",
        "+\tThủ tục hộ tịch\t\t\t",
        "2\tCông khai thủ tục hành chính\tVăn phòng UBND tỉnh\tSở Tư pháp\tThường xuyên",
    ]
    found = _extract(tmp_path, ITEMS[shape], body)
    by_code = {t["code"]: t["description"] for t in found["tasks"]}
    assert "Thủ tục chứng thực" in by_code["I.1.1"] and "Thủ tục hộ tịch" in by_code["I.1.1"]
    assert by_code["I.2"] == "Công khai thủ tục hành chính"
