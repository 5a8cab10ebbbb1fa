"""A PDF header whose number line and place-and-date line are read as one: set flush left
one under the other in the same type, the reader joins them into one paragraph ("Số:
12/KH-UBND Hà Tĩnh, ngày 5 tháng 3 năm 2025"); set on one line, pdfplumber gives them as
one line. Through ``parplan extract``, the number and the issue date are both read.

Before, the date was lost (null, with a ``field_not_found`` warning): the place-and-date
line was looked for at the start of a line only. Fixture: tests/fixtures/plan_pdfs.py
(synthetic), the header drawn here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.plan_pdfs import HEAD, ROWS, SIGNATURE, PdfPlan
from tests.helpers import extract_cli

ISSUER = [("ỦY BAN NHÂN DÂN", True), ("TỈNH HÀ TĨNH", True)]
# the number and date lines as drawn (each tuple one line of the page), then the issue date
CASES = {
    "two lines, one paragraph": (
        [("Số: 12/KH-UBND", False), ("Hà Tĩnh, ngày 5 tháng 3 năm 2025", False)],
        "2025-03-05",
    ),
    "one line": ([("Số: 12/KH-UBND  Hà Tĩnh, ngày 5 tháng 3 năm 2025", False)], "2025-03-05"),
    "one line, date in figures": (
        [("Số: 12/KH-UBND  Hà Tĩnh, ngày 05/3/2025", False)],
        "2025-03-05",
    ),
    "day and month left blank (a draft)": (
        [("Số:   /KH-UBND", False), ("Hà Tĩnh, ngày    tháng    năm 2025", False)],
        "2025",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_number_and_date_read_from_one_paragraph(case: str, tmp_path: Path) -> None:
    lines, issued = CASES[case]
    head = ISSUER + lines + HEAD[4:]  # KẾ HOẠCH, its title, the body
    path = tmp_path / "hatinh_2025_kh12.pdf"
    path.write_bytes(PdfPlan(head=head, rows=ROWS, signature=SIGNATURE).pdf())
    found = extract_cli(path)
    doc = found["document"]
    number = None if "blank" in case else "12/KH-UBND"
    assert (doc["issuer"], doc["province"], doc["doc_number"], doc["issued_date"]) == (
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "Hà Tĩnh",
        number,
        issued,
    )
    assert doc["title"] == "Kế hoạch Kiểm soát thủ tục hành chính năm 2025"
    assert not [i for i in found["issues"] if "issue date" in i["message"]]
