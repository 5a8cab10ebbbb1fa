"""A phase plan's value for each year of a target (its "2026 | ... | 2030" columns) is stored
(``target_year_values``, migration 0026) and an analyst reads it with ``parplan query``,
after ``parplan ingest`` of the plan.

Before, ``values_by_year`` was extracted but only the end year's value reached the
warehouse (``targets.value``). The fixture is a synthetic phase plan written here (tab
text and the DOCX made from it); the expected rows are written by hand from it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from parplan.cli import main
from tests.fixtures.render_tables import to_docx

PLAN = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH

Số: 17/KH-UBND

Ninh Bình, ngày 12 tháng 02 năm 2026

**KẾ HOẠCH**

**Chuyển đổi số tỉnh Ninh Bình giai đoạn 2026 - 2030**

Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số giai đoạn 2026 - 2030 với các \
chỉ tiêu tại Phụ lục.

**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

**Đinh Văn Quang**

## **PHỤ LỤC**

**CHỈ TIÊU CHUYỂN ĐỔI SỐ GIAI ĐOẠN 2026 - 2030**

TT\tChỉ tiêu\tĐơn vị tính\t2026\t2027\t2028\t2029\t2030\tCơ quan chủ trì
1\tTỷ lệ hồ sơ công việc xử lý trên môi trường mạng\t%\t70\t75\t80\t90\t100\tVăn phòng UBND tỉnh
2\tTỷ lệ dân số trưởng thành có chữ ký số cá nhân\t%\t40\t\t55\t\t70\tSở Khoa học và Công nghệ
3\tTỷ lệ thủ tục hành chính được số hóa kết quả\t%\t\t\t\t\t100\tSở Nội vụ
"""
# target code, year, value: every printed cell, none for a blank one
EXPECTED = [
    ("1", 2026, "70"), ("1", 2027, "75"), ("1", 2028, "80"), ("1", 2029, "90"),
    ("1", 2030, "100"),
    ("2", 2026, "40"), ("2", 2028, "55"), ("2", 2030, "70"),
    ("3", 2030, "100"),
]  # fmt: skip
SQL = "select target_code, year, value from target_year_values order by target_code, year"


def _write(fmt: str, folder: Path) -> Path:
    if fmt == "docx":
        return to_docx(PLAN, folder / "ninhbinh_2026_phase.docx")
    path = folder / "ninhbinh_2026_phase.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_each_years_value_can_be_queried(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "parplan.duckdb")
    assert main(["ingest", "--db", db, str(_write(fmt, tmp_path))]) == 0
    capsys.readouterr()
    assert main(["query", "--db", db, "--format", "csv", SQL]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert rows[0] == ["target_code", "year", "value"]
    assert [(c, int(y), v) for c, y, v in rows[1:]] == EXPECTED
