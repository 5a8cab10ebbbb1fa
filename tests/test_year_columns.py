"""Phase plans (giai đoạn 2026 - 2030) whose targets table gives a value per year: a column
per year (2026 | 2027 | ... | 2030), under a parent "Chỉ tiêu theo năm" or alone, read
through ``parplan extract``. Synthetic plans; the records written by hand.

The year row under the parent was dropped as "a row of column numbers" and each target's
text became its 2026 value ('95'); without the parent, every value was an error
cell_not_placed and lost (exit 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.render_tables import to_docx
from tests.helpers import extract_cli

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG

Số: 30/KH-UBND

Lâm Đồng, ngày 22 tháng 01 năm 2026

**KẾ HOẠCH**

**Cải cách hành chính tỉnh Lâm Đồng giai đoạn 2026 - 2030**

Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính giai đoạn 2026 - 2030 với các \
chỉ tiêu tại Phụ lục.

**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

**Hồ Văn Mười**

## **PHỤ LỤC**

**CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026 - 2030**

"""
ROWS = [
    ["1", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "%",
     "95", "96", "97", "98", "99", "Văn phòng UBND tỉnh"],
    ["2", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", "%",
     "80", "85", "90", "95", "100", "Sở Khoa học và Công nghệ"],
]  # fmt: skip
YEARS = ["2026", "2027", "2028", "2029", "2030"]
HEADERS = {
    # a parent over the years, the years in the second header row
    "parent": [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu theo năm", "", "", "", "", "Cơ quan chủ trì"],
        ["", "", "", *YEARS, ""],
    ],
    # the years in the one header row
    "flat": [["TT", "Chỉ tiêu", "Đơn vị tính", *YEARS, "Cơ quan chủ trì"]],
    # "Năm 2026" ...
    "named": [["TT", "Chỉ tiêu", "Đơn vị tính", *[f"Năm {y}" for y in YEARS], "Cơ quan chủ trì"]],
}


def _write(shape: str, fmt: str, folder: Path) -> Path:
    text = HEAD + "\n".join("\t".join(r) for r in [*HEADERS[shape], *ROWS]) + "\n"
    if fmt == "docx":
        return to_docx(text, folder / f"lamdong_{shape}.docx")
    path = folder / f"lamdong_{shape}.txt"
    path.write_text(text, encoding="utf-8")
    return path


# The target's value is the plan's end year's (a phase plan's targets are judged at its end
# year); every year's value is kept in `values_by_year`.
EXPECTED = [
    ("1", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "%", "99",
     {"2026": "95", "2027": "96", "2028": "97", "2029": "98", "2030": "99"},
     ["Văn phòng UBND tỉnh"]),
    ("2", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", "%", "100",
     {"2026": "80", "2027": "85", "2028": "90", "2029": "95", "2030": "100"},
     ["Sở Khoa học và Công nghệ"]),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "docx"])
@pytest.mark.parametrize("shape", list(HEADERS))
def test_a_value_per_year(shape: str, fmt: str, tmp_path: Path) -> None:
    plan = extract_cli(_write(shape, fmt, tmp_path), "--raw-names")
    assert plan["document"]["plan_period"] == {"start": 2026, "end": 2030}
    got = [
        (t["code"], t["text"], t["unit"], t["value"], t["values_by_year"],
         [a["raw"] for a in t["lead"]])
        for t in plan["targets"]
    ]  # fmt: skip
    assert got == EXPECTED
    assert not [i for i in plan["issues"] if i["severity"] == "error"]
