"""A text rendering whose task table was laid out with tabs for alignment (Word's "plain
text" of a list typed with Tab up to the default stops): between two cells as many tabs as
reach the next column, so "1<TAB>Rà soát ...<TAB><TAB>Sở Tư pháp" holds no empty cell.
Through ``parplan extract``, every task keeps its lead, support and timeframe in their
columns, a task with no support agency too, and the reading is said
(``tab_alignment_read``).

The same list typed into Word paragraphs (no table) is read as that table too; before, a
DOCX paragraph's tabs were spaces and its tasks were not read at all (``appendix_missing``).

Before, each extra tab was an empty cell: the lead was read from the description's spill,
the support and timeframe columns shifted. A table of one tab per cell (empty cells kept)
is read as before. The fixture is written here (synthetic), tabs to stops every 8
characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as new_docx

from tests.helpers import extract_cli

HEAD = """UBND TỈNH QUẢNG TRỊ
Số: 30/KH-UBND
Quảng Trị, ngày 10 tháng 02 năm 2025

KẾ HOẠCH
Kiểm soát thủ tục hành chính năm 2025

Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

NHIỆM VỤ CỤ THỂ
"""
SIGN = """
Nơi nhận:
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Văn Nam
"""
STOPS = [0, 8, 48, 72, 104]  # where each column starts, in characters
ROWS = [
    ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"),
    ("1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "", "Quý II/2025"),  # no support
    ("2", "Công bố danh mục", "Văn phòng UBND tỉnh", "Sở Nội vụ", "Quý III/2025"),
    ("3", "Báo cáo kết quả kiểm soát", "Văn phòng UBND tỉnh", "Sở Tư pháp", "Tháng 12/2025"),
]


def tabbed(cells: tuple[str, ...]) -> str:
    """The line a typist makes: each cell, then Tab until the next column's stop."""
    line = ""
    for stop, cell in zip(STOPS, cells, strict=True):
        if line or stop:
            line += "\t"
            while len(line.expandtabs(8)) < stop:
                line += "\t"
        line += cell
    return line


# code, lead, support, timeframe
EXPECTED = [
    ("1", ["Sở Tư pháp"], [], "Quý II/2025"),
    ("2", ["Văn phòng UBND tỉnh"], ["Sở Nội vụ"], "Quý III/2025"),
    ("3", ["Văn phòng UBND tỉnh"], ["Sở Tư pháp"], "Tháng 12/2025"),
]


LAYOUTS = {
    "tabs to stops": [tabbed(r) for r in ROWS],
    "one tab per cell": ["\t".join(r) for r in ROWS],
    # tabs after a row's last cell are no alignment (taken for it, task 1's empty support
    # cell was dropped and its cells placed by position)
    "one tab per cell, tabs after the last": ["\t".join(r) + "\t\t" * (i == 1) for i, r in
                                              enumerate(ROWS)],
}  # fmt: skip


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_tasks_keep_their_columns(layout: str, tmp_path: Path) -> None:
    table = LAYOUTS[layout]
    aligned = layout == "tabs to stops"
    if aligned:  # the alignment is what the fixture is about: runs of tabs, unequal
        assert "\t\t" in table[1] and len({t.count("\t") for t in table}) > 1
    path = tmp_path / "quangtri_2025_kh30.txt"
    path.write_text(HEAD + "\n".join(table) + "\n" + SIGN, encoding="utf-8")
    found = extract_cli(path, "--raw-names")
    assert task_links(found) == EXPECTED
    said = [i for i in found["issues"] if i["code"] == "tab_alignment_read"]
    assert len(said) == aligned


def task_links(found: dict[str, Any]) -> list[tuple[str, list[str], list[str], str]]:
    """Each task read: its code, lead and support as written, its timeframe."""
    return [
        (
            t["code"],
            [a["raw"] for a in t["lead"]],
            [a["raw"] for a in t["support"]],
            t["timeframe"]["text"],
        )
        for t in found["tasks"]
    ]


def test_tab_aligned_docx_paragraphs_are_a_table(tmp_path: Path) -> None:
    doc = new_docx()
    for line in HEAD.split("\n") + [tabbed(r) for r in ROWS] + SIGN.split("\n"):
        if line:
            doc.add_paragraph(line)
    path = tmp_path / "quangtri_2025_kh30.docx"
    doc.save(str(path))
    found = extract_cli(path, "--raw-names")
    assert task_links(found) == EXPECTED
    assert [i["code"] for i in found["issues"]].count("tab_alignment_read") == 1
