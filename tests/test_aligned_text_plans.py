"""A text plan whose tables are laid out with spaces as columns (no TAB, no pipe), as a
PDF viewer's "copy text" gives them: the tasks are read, through ``parplan extract``.

Before, the appendix was read as prose and the plan loaded with no task and only an
``appendix_missing`` warning. The fixture is written here (synthetic text): columns padded
with spaces, the first row of a group with an empty support cell, one cell wrapped onto the next line
(indented under its column), a page break (blank lines) inside the table.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractors.document import Table
from extractors.read_text import read_text
from tests.helpers import extract_cli

HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

Số: 88/KH-UBND

Quảng Trị, ngày 10 tháng 02 năm 2025

**KẾ HOẠCH**

**Cải cách hành chính tỉnh Quảng Trị năm 2025**

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, Ủy ban nhân dân tỉnh ban hành
Kế hoạch cải cách hành chính năm 2025 với các nhiệm vụ tại Phụ lục kèm theo.

**TM. ỦY BAN NHÂN DÂN**

**CHỦ TỊCH**

**Lê Văn Hòa**

## **PHỤ LỤC**

**NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025**

"""
WIDTHS = (6, 50, 32, 36)  # the columns' widths but the last; the last runs to the end
ROWS = [
    ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"),
    ("I", "CẢI CÁCH THỂ CHẾ", "", "", ""),
    ("1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ban, ngành", "Quý II/2025"),
    ("2", "Kiểm tra việc thi hành pháp luật về", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2025"),
    ("", "xử lý vi phạm hành chính", "", "", ""),  # the description wrapped
    ("", "", "", "", ""),  # a page break
    ("", "", "", "", ""),
    ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""),
    ("3", "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "", "Thường xuyên"),
]


def aligned_plan() -> str:
    lines = []
    for row in ROWS:
        head = "".join(c.ljust(w) for c, w in zip(row[:-1], WIDTHS, strict=True))
        lines.append((head + row[-1]).rstrip())
    return HEAD + "\n".join(lines) + "\n"


# code, group, description, lead, support, timeframe
TASKS = [
    (
        "I.1",
        "I. CẢI CÁCH THỂ CHẾ",
        "Rà soát văn bản quy phạm pháp luật",
        ["Sở Tư pháp"],
        ["Các sở, ban, ngành tỉnh"],
        "Quý II/2025",
    ),
    (
        "I.2",
        "I. CẢI CÁCH THỂ CHẾ",
        "Kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính",
        ["Sở Tư pháp"],
        ["Sở Nội vụ"],
        "Quý III/2025",
    ),
    (
        "II.3",
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "Công khai thủ tục hành chính",
        ["Văn phòng UBND tỉnh"],
        [],  # blank, and the first of its group: nothing carried down
        "Thường xuyên",
    ),
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("aligned") / "quangtri_2025_aligned.txt"
    path.write_text(aligned_plan(), encoding="utf-8")
    return extract_cli(path)


def test_every_task_of_the_aligned_table_is_read(extracted: dict[str, Any]) -> None:
    tasks = extracted["tasks"]
    assert [t["code"] for t in tasks] == [t[0] for t in TASKS]


@pytest.mark.parametrize(("code", "group", "text", "lead", "support", "timeframe"), TASKS)
def test_aligned_task_cells_land_in_their_columns(
    extracted: dict[str, Any],
    code: str,
    group: str,
    text: str,
    lead: list[str],
    support: list[str],
    timeframe: str,
) -> None:
    tasks = extracted["tasks"]
    task = next(t for t in tasks if t["code"] == code)
    assert task["group_path"] == [group]
    assert task["description"] == text
    assert [a["name"] for a in task["lead"]] == lead
    assert [a["name"] for a in task["support"]] == support
    assert task["timeframe"]["text"] == timeframe


def test_only_the_targets_table_is_missing(extracted: dict[str, Any]) -> None:
    missing = [i["message"] for i in extracted["issues"] if i["code"] == "appendix_missing"]
    assert missing == ["no targets table found"]


@pytest.mark.parametrize(
    "prose",
    [
        "STT  là số thứ tự  của mỗi dòng trong bảng",  # gaps of two spaces in a prose line
        "TT   Nội dung",  # two titles only
    ],
)
def test_prose_with_double_spaces_is_no_table(prose: str) -> None:
    blocks = read_text((HEAD + prose + "\n").encode(), "t.txt").blocks
    assert not [b for b in blocks if isinstance(b, Table)]
