"""Plans of other issuers and table shapes than the seed: a Sở's own plan (issuer and
province on two lines, "Số: 45/KH-SNV"), a task table whose columns come in another order
(STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
Kinh phí) under merged group rows, numbers running on across groups, budgets written with
their unit or as a source of funds, a role in parentheses, targets numbered "1.1." under
roman groups - the same records from every rendering, through ``parplan extract``.

Fixture: tests/fixtures/plans/tayninh_2025_so_plan.txt (synthetic) and the renderings
tests/fixtures/make_documents.py writes from it; the expected records are written by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from tests.conftest import FIXTURES, ROOT

SOURCE = FIXTURES / "plans" / "tayninh_2025_so_plan.txt"
RENDERINGS = {
    "tab text": SOURCE,
    "markdown pipe text": FIXTURES / "generated" / "tayninh_2025_so_plan.md",
    "html": FIXTURES / "generated" / "tayninh_2025_so_plan.html",
    "docx": FIXTURES / "generated" / "tayninh_2025_so_plan.docx",
    "pdf": FIXTURES / "generated" / "tayninh_2025_so_plan.pdf",
}
_PLANS: dict[str, PlanExtraction] = {}

HEADER = {
    "issuer": "SỞ NỘI VỤ TỈNH TÂY NINH",
    "province": "Tây Ninh",
    "doc_number": "45/KH-SNV",
    "issued_date": "2025-01-15",
    "signer": "Nguyễn Văn An",
    "plan_year": 2025,
}

# code, lead, support, text starts with
TARGETS = [
    ("1.1", ["Văn phòng Sở"], ["Trung tâm Phục vụ hành chính công tỉnh"], "100% thủ tục"),
    ("1.2", ["Các phòng chuyên môn"], ["Văn phòng Sở"], "Tối thiểu 90% hồ sơ"),
    ("2.1", ["Phòng Công chức, viên chức"], ["Các phòng, đơn vị thuộc Sở"], "100% công chức"),
]

# code, description starts with, lead, support, timeframe (text, start, end), budget
# (million đồng), budget note, products
TASKS = [
    (
        "I.1",
        "Rà soát văn bản quy phạm",
        ["Phòng Tổ chức, biên chế"],
        ["Văn phòng Sở"],
        ("Quý II/2025", "2025-04-01", "2025-06-30"),
        None,
        "Ngân sách tỉnh",  # a source of funds, no amount
        ["Báo cáo kết quả rà soát"],
    ),
    (
        "I.2",
        "Xây dựng quy chế làm việc",
        ["Văn phòng Sở"],
        ["Các phòng chuyên môn"],
        ("Trước 30/6/2025", "2025-01-01", "2025-06-30"),  # an end bound
        Decimal(15),  # "15 triệu đồng"
        None,
        ["Quyết định ban hành quy chế"],
    ),
    (
        "II.3",
        "Cập nhật, công khai thủ tục",
        ["Văn phòng Sở"],
        ["Trung tâm Phục vụ hành chính công tỉnh"],
        ("Thường xuyên", "2025-01-01", "2025-12-31"),
        None,
        None,
        ["Thủ tục được công khai"],
    ),
    (
        "II.4",  # its budget "1.200" is an amount, not a task code
        "Tiếp nhận, giải quyết hồ sơ",
        ["Các phòng chuyên môn"],
        ["Văn phòng Sở", "Trung tâm Phục vụ hành chính công tỉnh"],
        ("Năm 2025", "2025-01-01", "2025-12-31"),
        Decimal(1200),
        None,
        ["Hồ sơ được giải quyết đúng hạn"],
    ),
    (
        "II.5",
        "Số hóa hồ sơ",
        ["Văn phòng Sở", "Trung tâm Lưu trữ lịch sử tỉnh"],  # "(chủ trì)" ends the first
        ["Các phòng chuyên môn"],
        ("Tháng 6 - 12/2025", "2025-06-01", "2025-12-31"),
        Decimal(500),  # "0,5 tỷ đồng"
        None,
        ["Kho dữ liệu số hóa"],
    ),
    (
        "III.6",
        "Đánh giá, xếp loại",
        ["Phòng Công chức, viên chức"],
        ["Các Phòng, Ban, Đơn vị thuộc Sở"],  # one collective, title case
        ("Tháng 12/2025", "2025-12-01", "2025-12-31"),
        Decimal(20),
        None,
        ["Kết quả xếp loại"],
    ),
    (
        "III.7",
        "Tổ chức thi tuyển",
        ["Phòng Công chức, viên chức"],
        ["Sở Tài chính", "Sở Tư pháp"],
        ("Quý III/2025", "2025-07-01", "2025-09-30"),
        Decimal(350),
        None,
        ["Kết quả thi tuyển"],
    ),
]


def plan_of(fmt: str) -> PlanExtraction:
    if fmt not in _PLANS:
        _PLANS[fmt] = extract_plan(read_document(RENDERINGS[fmt]))
    return _PLANS[fmt]


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_header(fmt: str) -> None:
    got = plan_of(fmt).document.as_dict()
    assert {k: got[k] for k in HEADER} == HEADER


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_targets(fmt: str) -> None:
    got = [
        (t.code, [a.name for a in t.lead], [a.name for a in t.support], t.text)
        for t in plan_of(fmt).targets
    ]
    assert [g[:3] for g in got] == [w[:3] for w in TARGETS]
    for g, want in zip(got, TARGETS, strict=True):
        assert g[3].startswith(want[3]), g


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_tasks(fmt: str) -> None:
    got = [
        (
            t.code,
            t.description,
            [a.name for a in t.lead],
            [a.name for a in t.support],
            t.timeframe and (t.timeframe.text, str(t.timeframe.start), str(t.timeframe.end)),
            t.budget_million_vnd,
            t.budget_note,
            list(t.products),
        )
        for t in plan_of(fmt).tasks
    ]
    assert [g[0] for g in got] == [w[0] for w in TASKS]
    for g, want in zip(got, TASKS, strict=True):
        assert g[1].startswith(want[1]), g
        assert g[2:] == want[2:], g[0]


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_nothing_unplaced(fmt: str) -> None:
    bad = [i for i in plan_of(fmt).issues if i.code in ("cell_not_placed", "numbering_gap")]
    assert bad == []


def test_cli_extract_pdf() -> None:
    """The user's path: ``parplan extract`` on the PDF prints the same tasks as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", str(RENDERINGS["pdf"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    got = json.loads(out.stdout)
    assert [t["code"] for t in got["tasks"]] == [w[0] for w in TASKS]
    assert [t["budget_million_vnd"] for t in got["tasks"]] == [None, 15, None, 1200, 500, 20, 350]
