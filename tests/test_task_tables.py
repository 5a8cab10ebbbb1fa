"""Task tables of shapes real plans take, read through ``parplan extract``: each case is a
synthetic plan made by tests/fixtures/task_tables.py, its records written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import task_tables as shapes
from tests.helpers import extract_cli


def _extract(path: Path) -> dict:
    return extract_cli(path, "--raw-names")


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
    # an amount is still never carried down: each task keeps its own; the last one, in
    # đồng, wraps in the PDF's narrow column after a separator ("1.500.000." / "000 đồng":
    # it was read as a note, the amount lost)
    assert [t["budget_million_vnd"] for t in plan["tasks"]] == [40, 80, 30, 150, 20, 1500]


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


# Sub-items with their own agencies: the lettered rows under "1 ..., gồm:" were cells that
# "could not be placed" (two tasks lost, exit 3), and the dash rows under task 2 were glued
# into it (three leads and three timeframes in one task, coded I.1.2).
@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_sub_items_are_tasks(fmt: str, tmp_path: Path) -> None:
    from tests.fixtures.render_tables import to_docx

    path = tmp_path / f"bacgiang_2025_sub_items.{'txt' if fmt == 'text' else 'docx'}"
    if fmt == "text":
        path.write_text(shapes.SUB_ITEMS, encoding="utf-8")
    else:
        to_docx(shapes.SUB_ITEMS, path)
    plan = _extract(path)
    got = [
        (t["code"], t["description"], [a["raw"] for a in t["lead"]], t["timeframe"]["text"])
        for t in plan["tasks"]
    ]
    assert got == [
        ("I.1.a", "Công bố danh mục thủ tục hành chính", ["Sở Tư pháp"], "Quý I/2025"),
        ("I.1.b", "Rà soát, đơn giản hóa thủ tục hành chính", ["Văn phòng UBND tỉnh"],
         "Quý III/2025"),
        ("I.2", "Số hóa hồ sơ thủ tục hành chính", ["Văn phòng UBND tỉnh"], "Năm 2025"),
        ("I.2.1", "Số hóa kết quả giải quyết còn hiệu lực", ["Văn phòng UBND tỉnh"],
         "Quý II/2025"),
        ("I.2.2", "Tái sử dụng dữ liệu đã số hóa", ["Sở Khoa học và Công nghệ"], "Quý IV/2025"),
        ("II.3", "Tuyển dụng công chức theo vị trí việc làm - gồm thi tuyển và xét tuyển",
         ["Sở Nội vụ"], "Quý III/2025"),
    ]  # fmt: skip
    assert [t["budget_million_vnd"] for t in plan["tasks"]] == [20, 35, 300, None, None, 150]
    assert not [i for i in plan["issues"] if i["code"] == "cell_not_placed"]


# Two columns under one header group: only the first was read - the timeframe was its start
# month alone (kind unspecified, no dates) and the second source of funds ("Lồng ghép") was
# dropped unseen, with a false "budget blank under an amount" warning.
@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_two_columns_under_one_header_group(fmt: str, tmp_path: Path) -> None:
    from tests.fixtures.render_tables import to_docx

    path = tmp_path / f"bacgiang_2025_two_rows.{'txt' if fmt == 'text' else 'docx'}"
    if fmt == "text":
        path.write_text(shapes.TWO_ROW_HEADER, encoding="utf-8")
    else:
        to_docx(shapes.TWO_ROW_HEADER, path)
    plan = _extract(path)
    got = [
        (
            t["code"],
            [a["raw"] for a in t["lead"]],
            (t["timeframe"]["start"], t["timeframe"]["end"], t["timeframe"]["kind"]),
            t["budget_million_vnd"],
            t["budget_note"],
        )
        for t in plan["tasks"]
    ]
    assert got == [
        ("I.1", ["Sở Tư pháp"], ("2025-01-01", "2025-06-30", "period"), 40, None),
        ("I.2", ["Sở Tư pháp"], ("2025-01-01", "2025-12-31", "period"), None, "Lồng ghép"),
    ]
    assert not [i for i in plan["issues"] if i["code"] == "budget_blank"]
