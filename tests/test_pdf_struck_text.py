"""A PDF printed with its tracked changes: deleted words stay visible as glyphs with a line
drawn through them. Through ``parplan extract``, struck text is not the plan's text (a
task's description, its timeframe) and the plan says what was left out, by page.

Before, "và đơn giản hóa thủ tục" (struck out) joined task 1's description and task 2's
timeframe read "Quý III/2025 Quý IV/2025". Fixture: tests/fixtures/plan_pdfs.py
(synthetic); an underlined cell and the table's borders are not strikes.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures.pdf_writer import Page
from tests.fixtures.plan_pdfs import HEAD, ROWS, SIGNATURE, SIZE, PdfPlan, struck
from tests.helpers import extract_cli


def _replaced(page: Page, x: float, top: float, text: str) -> None:
    struck(page, x, top, "Quý III/2025")  # the old timeframe, deleted
    page.text(x, top + 10, text, SIZE)  # the new one under it


def _underlined(page: Page, x: float, top: float, text: str) -> None:
    end = page.text(x, top, text, SIZE)
    page.line(x, top + SIZE + 1, end, top + SIZE + 1, 0.6)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Any:
    rows = list(ROWS)
    rows[2] = ("2", "Công bố danh mục thủ tục", "Văn phòng UBND tỉnh", "Sở Tư pháp", "Quý IV/2025")
    pdf = PdfPlan(
        head=HEAD,
        rows=rows,
        signature=SIGNATURE,
        drawers={(2, 4): _replaced, (3, 2): _underlined},
        struck_lines={1: "và đơn giản hóa thủ tục"},
    ).pdf()
    path = tmp_path_factory.mktemp("struck") / "phutho_2025_changes.pdf"
    path.write_bytes(pdf)
    return extract_cli(path, "--raw-names")


# code, description, lead, timeframe: what stands once the deletions are left out
EXPECTED = [
    ("1", "Rà soát thủ tục hành chính", ["Sở Tư pháp"], "Quý II/2025"),
    ("2", "Công bố danh mục thủ tục", ["Văn phòng UBND tỉnh"], "Quý IV/2025"),
    ("3", "Báo cáo kết quả kiểm soát", ["Văn phòng UBND tỉnh"], "Tháng 12/2025"),  # underlined
]


def test_struck_text_is_not_the_plans_text(plan: dict[str, Any]) -> None:
    got = [
        (t["code"], t["description"], [a["raw"] for a in t["lead"]], t["timeframe"]["text"])
        for t in plan["tasks"]
    ]
    assert got == EXPECTED


def test_what_was_left_out_is_said(plan: dict[str, Any]) -> None:
    """Under a code of its own, with its page (it was ``text_converted``, the code of a
    legacy encoding converted, and the page was only in the message)."""
    said = [i for i in plan["issues"] if i["code"] == "struck_text_left_out"]
    assert [(i["severity"], i["location"]["page"]) for i in said] == [("info", 1), ("info", 1)]
    assert "'và đơn giản hóa thủ tục'" in said[0]["message"]
    assert "'Quý III/2025'" in said[1]["message"]
    assert not [i for i in plan["issues"] if i["code"] == "text_converted"]
