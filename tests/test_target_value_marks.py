"""A footnote mark printed beside a target's value ("80²": the note under the table says
what the figure counts) is no part of the value: the value is "80", the mark is said as an
info issue ``footnote_mark_dropped`` naming the target, and the text keeps its words.
Through ``parplan extract`` on a text plan; values written by hand.

Before: the value read "80²" - a figure no reader of the warehouse could use, with no
issue saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import extract_cli

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI

Số: 16/KH-UBND

Lào Cai, ngày 19 tháng 01 năm 2026

**KẾ HOẠCH**

**Chuyển đổi số tỉnh Lào Cai {period}**

I. MỤC TIÊU

Các chỉ tiêu tại Phụ lục.

## **PHỤ LỤC**

"""

CASES = [
    # (period, header, row values, expected (value, values_by_year), issue expected); a
    # column naming its year gives values_by_year too (README)
    ("năm 2026", ["Chỉ tiêu năm 2026"], ["80²"], ("80", {"2026": "80"}), True),
    ("năm 2026", ["Chỉ tiêu năm 2026"], ["95¹⁰"], ("95", {"2026": "95"}), True),
    ("năm 2026", ["Chỉ tiêu năm 2026"], ["80"], ("80", {"2026": "80"}), False),
    # a unit's own superscript is no mark: m² stays
    ("năm 2026", ["Chỉ tiêu năm 2026"], ["1.000 m²"], ("1.000 m²", {"2026": "1.000 m²"}), False),
    (
        "giai đoạn 2026 - 2027",
        ["2026", "2027"],
        ["70³", "80"],
        ("80", {"2026": "70", "2027": "80"}),
        True,
    ),
]


@pytest.mark.parametrize(("period", "header", "values", "expected", "said"), CASES)
def test_a_footnote_mark_beside_a_value(
    period: str,
    header: list[str],
    values: list[str],
    expected: tuple[str, dict[str, str]],
    said: bool,
    tmp_path: Path,
) -> None:
    rows = [
        "\t".join(["TT", "Chỉ tiêu", "Đơn vị tính", *header, "Cơ quan chủ trì"]),
        "\t".join(["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", *values, "Sở Nội vụ"]),
    ]
    path = tmp_path / "plan.txt"
    path.write_text(HEAD.format(period=period) + "\n".join(rows) + "\n", encoding="utf-8")
    target = extract_cli(path)["targets"][0]
    assert (target["value"], target["values_by_year"]) == expected
    assert target["text"] == "Tỷ lệ dịch vụ công trực tuyến toàn trình"
    issues = extract_cli(path)["issues"]
    marks = [i for i in issues if i["code"] == "footnote_mark_dropped"]
    assert [(i["severity"], "target 1" in i["message"]) for i in marks] == (
        [("info", True)] if said else []
    )
