"""Task tables of shapes real plans take, read through ``parplan extract``: each case is a
synthetic plan made by tests/fixtures/task_tables.py, its records written by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import task_tables as shapes


def _extract(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", "--raw-names", str(path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _leads(plan: dict) -> list[tuple[str, list[str]]]:
    return [(t["code"], [a["raw"] for a in t["lead"]]) for t in plan["tasks"]]


GENERATED = Path(__file__).parent / "fixtures" / "generated"


def _write_merged_lead(fmt: str, folder: Path) -> Path:
    if fmt == "pdf":  # printed by LibreOffice: tests/fixtures/make_documents.py task_tables
        return GENERATED / "bacgiang_2025_merged_lead.pdf"
    if fmt == "text":
        path = folder / "bacgiang_2025_merged_lead.txt"
        path.write_text(shapes.merged_lead_text(), encoding="utf-8")
        return path
    return shapes.merged_lead_docx(folder / "bacgiang_2025_merged_lead.docx")


# A lead cell merged down over plainly numbered tasks under no group row was read for the
# first task only: tasks 3-5 had no lead at all (exit 0, no warning).
@pytest.mark.parametrize("fmt", ["text", "docx", "pdf"])
def test_lead_merged_down_ungrouped_tasks(fmt: str, tmp_path: Path) -> None:
    plan = _extract(_write_merged_lead(fmt, tmp_path))
    # the header block a borderless table over "KẾ HOẠCH" set flush left: in the PDF the
    # heading was read into the issuer's column and the title, year and topic were lost
    doc = plan["document"]
    assert (doc["province"], doc["doc_number"], doc["plan_year"], doc["topic"]) == (
        "Bắc Giang", "77/KH-UBND", 2025, "par",
    )  # fmt: skip
    assert doc["title"] == "Kế hoạch Cải cách hành chính năm 2025 của tỉnh Bắc Giang"
    assert _leads(plan) == [
        ("1", ["Sở Tư pháp"]),
        ("2", ["Sở Nội vụ"]),
        ("3", ["Sở Nội vụ"]),
        ("4", ["Sở Nội vụ"]),
        ("5", ["Sở Nội vụ"]),
        ("6", ["Văn phòng UBND tỉnh"]),
    ]
    # an amount is still never carried down: each task keeps its own
    assert [t["budget_million_vnd"] for t in plan["tasks"]] == [40, 80, 30, 150, 20, 300]


# A ministry's plan: no province; the units' names keep their dash ("Vụ Công chức - Viên
# chức" was two agencies, "Viên chức" one of them) and an office of two councils is one.
def test_ministry_units_through_parplan_extract(tmp_path: Path) -> None:
    path = tmp_path / "bonoivu_2025_kh.txt"
    path.write_text(shapes.MINISTRY, encoding="utf-8")
    plan = _extract(path)
    doc = plan["document"]
    assert (doc["issuer"], doc["province"], doc["doc_number"]) == ("BỘ NỘI VỤ", None, "1234/KH-BNV")
    got = [
        (t["code"], [a["raw"] for a in t["lead"]], [a["raw"] for a in t["support"]])
        for t in plan["tasks"]
    ]
    assert got == [
        ("1", ["Vụ Công chức - Viên chức"], ["Vụ Pháp chế"]),
        ("2", ["Vụ Pháp chế"], ["Vụ Tổ chức - Biên chế", "Văn phòng Bộ"]),
        ("3", ["Văn phòng HĐND và UBND phường"], ["Phòng Văn hóa - Xã hội"]),
    ]
