"""Documents that amend part of a plan issued before ("sửa đổi, bổ sung một số nội dung của
Kế hoạch số ..."), read through ``parplan extract`` and ``parplan ingest``: synthetic plans,
the expected records written by hand.

An amendment was read as a complete new version of the annual plan and superseded it: the
plan's own tasks left the marts (exit 0, no word); an amending Quyết định was refused as
"not a plan: a Quyết định (decision)".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.fixtures.render_tables import to_docx
from tests.helpers import extract_cli

HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH

Số: {number}

Quảng Ninh, ngày {day} năm 2026

"""
SIGNATURE = """**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

**Phạm Đức Ấn**

"""
TASK_HEADER = "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"

BASE = (
    HEAD.format(number="20/KH-UBND", day="12 tháng 01")
    + "**KẾ HOẠCH**\n\n**Cải cách hành chính năm 2026 của tỉnh Quảng Ninh**\n\n"
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2026 với các nhiệm vụ "
    "tại Phụ lục.\n\n" + SIGNATURE + "## **PHỤ LỤC**\n\n**NHIỆM VỤ NĂM 2026**\n\n" + TASK_HEADER
    + "1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tCác sở, ban, ngành tỉnh\tQuý II/2026\n"
    "2\tKiểm soát thủ tục hành chính\tVăn phòng UBND tỉnh\tSở Nội vụ\tQuý III/2026\n"
    "3\tTuyển dụng công chức\tSở Nội vụ\tSở Tài chính\tQuý IV/2026\n"
)  # fmt: skip

# A Kế hoạch amending the plan above: one target changed in the body, two tasks added.
AMENDING_PLAN = (
    HEAD.format(number="95/KH-UBND", day="15 tháng 5")
    + "**KẾ HOẠCH**\n\n**Sửa đổi, bổ sung một số nội dung của Kế hoạch số 20/KH-UBND ngày "
    "12/01/2026 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2026**\n\n"
    "Ủy ban nhân dân tỉnh sửa đổi, bổ sung một số nội dung của Kế hoạch số 20/KH-UBND như "
    "sau:\n\n1. Sửa đổi chỉ tiêu: \"Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến "
    "toàn trình đạt tối thiểu 90%\".\n\n2. Bổ sung nhiệm vụ tại Phụ lục kèm theo.\n\n"
    + SIGNATURE + "## **PHỤ LỤC**\n\n**NHIỆM VỤ BỔ SUNG**\n\n" + TASK_HEADER
    + "1\tVận hành Trung tâm phục vụ hành chính công tỉnh\tVăn phòng UBND tỉnh\tSở Nội vụ\t"
    "Quý III/2026\n"
    "2\tTriển khai thanh toán trực tuyến phí, lệ phí\tSở Tài chính\tVăn phòng UBND tỉnh\t"
    "Quý IV/2026\n"
)  # fmt: skip

# A Quyết định amending the same plan: no appendix, the change in its articles.
AMENDING_DECISION = (
    HEAD.format(number="1520/QĐ-UBND", day="20 tháng 5")
    + "**QUYẾT ĐỊNH**\n\n**Về việc điều chỉnh, bổ sung Kế hoạch số 20/KH-UBND ngày "
    "12/01/2026 về cải cách hành chính năm 2026**\n\n**ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH**\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n\n"
    "**QUYẾT ĐỊNH:**\n\nĐiều 1. Sửa đổi chỉ tiêu: \"Tỷ lệ thủ tục hành chính cung cấp dịch "
    "vụ công trực tuyến toàn trình đạt tối thiểu 90%\".\n\nĐiều 2. Quyết định này có hiệu lực "
    "kể từ ngày ký.\n\n" + SIGNATURE
)  # fmt: skip


def _write(folder: Path, name: str, text: str, fmt: str) -> Path:
    if fmt == "docx":
        return to_docx(text, folder / f"{name}.docx")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


AMENDMENTS = [
    # a Kế hoạch whose title amends an earlier plan: kind plan, the plan it amends named
    ("amending_plan", AMENDING_PLAN, "plan", "95/KH-UBND", 2026),
    # a Quyết định amending a plan: a plan document too (as one adopting a plan is)
    ("amending_decision", AMENDING_DECISION, "plan", "1520/QĐ-UBND", 2026),
]


@pytest.mark.parametrize("fmt", ["text", "docx"])
@pytest.mark.parametrize(("name", "text", "kind", "number", "year"), AMENDMENTS)
def test_an_amendment_names_the_plan_it_amends(
    name: str, text: str, kind: str, number: str, year: int, fmt: str, tmp_path: Path
) -> None:
    plan = extract_cli(_write(tmp_path, name, text, fmt))
    doc = plan["document"]
    assert (doc["kind"], doc["doc_number"], doc["plan_year"], doc["amends"]) == (
        kind, number, year, "20/KH-UBND",
    )  # fmt: skip
    amending = [i for i in plan["issues"] if i["code"] == "plan_amendment"]
    assert [i["severity"] for i in amending] == ["warning"]
    assert "20/KH-UBND" in amending[0]["message"]


def test_a_plan_amends_nothing(tmp_path: Path) -> None:
    plan = extract_cli(_write(tmp_path, "base", BASE, "text"))
    assert plan["document"]["amends"] is None
    assert not [i for i in plan["issues"] if i["code"] == "plan_amendment"]


def _ingest(db: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parplan.cli", "ingest", "--db", str(db), str(path)],
        capture_output=True,
        text=True,
    )


# Both orders of arrival: the amendment must never become the plan's current version while
# the plan is there (it is kept out of the marts, said so, exit 3 as for any fragment), nor
# keep the plan out when the plan arrives after it (the plan then replaces it: exit 0).
@pytest.mark.parametrize("amendment_first", [False, True])
@pytest.mark.parametrize(("name", "text"), [(a[0], a[1]) for a in AMENDMENTS])
def test_an_amendment_never_supersedes_its_plan(
    name: str, text: str, amendment_first: bool, tmp_path: Path
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()
    files = [_write(tmp_path, "base", BASE, "text"), _write(tmp_path, name, text, "text")]
    outs = [_ingest(db, f) for f in (reversed(files) if amendment_first else files)]
    assert [o.returncode for o in outs] == ([0, 0] if amendment_first else [0, 3])
    if not amendment_first:
        assert "amends Kế hoạch số 20/KH-UBND in part" in outs[1].stdout
    with duckdb.connect(str(db.with_suffix(".work.duckdb")), read_only=True) as con:
        current = con.execute(
            "select doc_number from documents where is_current order by 1"
        ).fetchall()
        tasks = con.execute(
            "select t.description from tasks t join documents d on t.source_sha256 = d.sha256 "
            "where d.is_current order by t.code"
        ).fetchall()
    assert current == [("20/KH-UBND",)]
    assert [t for (t,) in tasks] == [
        "Rà soát văn bản quy phạm pháp luật",
        "Kiểm soát thủ tục hành chính",
        "Tuyển dụng công chức",
    ]
