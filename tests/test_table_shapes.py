"""Appendix tables shaped as real ones are: found by what their columns mean, groups at any
depth, restarting numbers, two-level headers, role phrases, unit and value columns - the
same records from every format (tab text, markdown pipe text, HTML, DOCX, PDF).

Fixture: tests/fixtures/plans/dienbien_2026_tables.txt (synthetic) and the renderings
tests/fixtures/make_documents.py writes from it; golden written by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.appendix_header import column_meanings, is_header
from extractors.document import Cell, Location, Row
from extractors.extract_plan import check_numbering, extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from tests.conftest import FIXTURES, ROOT, load_golden

GOLDEN = load_golden("dienbien_2026_tables.golden.json")
SOURCE = FIXTURES / "plans" / "dienbien_2026_tables.txt"
RENDERINGS = {
    "tab text": SOURCE,
    "markdown pipe text": FIXTURES / "generated" / "dienbien_2026_tables.md",
    "html": FIXTURES / "generated" / "dienbien_2026_tables.html",
    "docx": FIXTURES / "generated" / "dienbien_2026_tables.docx",
    "pdf": FIXTURES / "generated" / "dienbien_2026_tables.pdf",
}
_PLANS: dict[str, PlanExtraction] = {}


def plan_of(fmt: str) -> PlanExtraction:
    if fmt not in _PLANS:
        _PLANS[fmt] = extract_plan(read_document(RENDERINGS[fmt]))
    return _PLANS[fmt]


def _roles(agencies: object) -> list[list[str | None]]:
    return [[a.name, a.role] for a in agencies]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_targets_match_golden(fmt: str) -> None:
    got = [
        [t.code, t.no, list(t.group_path), _roles(t.lead), t.unit, t.value, t.text]
        for t in plan_of(fmt).targets
    ]
    assert [g[:6] for g in got] == [g[:6] for g in GOLDEN["targets"]]
    for g, want in zip(got, GOLDEN["targets"], strict=True):
        assert str(g[6]).startswith(want[6]), g


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_tasks_match_golden(fmt: str) -> None:
    got = [
        [
            k.code,
            k.no,
            list(k.group_path),
            _roles(k.lead),
            [a.name for a in k.support],
            k.budget_million_vnd,
            k.timeframe.text,
            k.description,
        ]
        for k in plan_of(fmt).tasks
    ]
    want = [[*w[:5], None if w[5] is None else Decimal(str(w[5])), *w[6:]] for w in GOLDEN["tasks"]]
    assert [g[:7] for g in got] == [w[:7] for w in want]
    for g, w in zip(got, want, strict=True):
        assert str(g[7]).startswith(w[7]), g


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_no_errors_and_subheader_reported(fmt: str) -> None:
    issues = plan_of(fmt).issues
    assert [i for i in issues if i.severity == "error"] == []
    assert [i.code for i in issues].count("repeated_subheader_dropped") == 1
    assert not [i for i in issues if i.code == "numbering_gap"]


def test_cli_extract_html_keeps_the_json_contract(tmp_path: Path) -> None:
    """The user's path: `parplan extract` on the HTML rendering (a plan saved from the web)."""
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", str(RENDERINGS["html"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [t["code"] for t in data["tasks"]] == [k[0] for k in GOLDEN["tasks"]]
    first = data["tasks"][7]
    assert (first["no"], first["group_path"][-1]) == ("1", "II. Công vụ, công chức")
    target = data["targets"][5]
    assert (target["no"], target["unit"], target["value"]) == (2, "cuộc", "12")
    assert target["lead"][1]["role"] == "phối hợp"


def _row(*texts: str) -> Row:
    return Row(tuple(Cell(t, Location(col=i)) for i, t in enumerate(texts)), Location())


HEADERS = [
    # agency columns before the content, any case
    (["STT", "CHỦ TRÌ", "PHỐI HỢP", "NỘI DUNG", "THỜI GIAN"], "tasks", {"lead": 1, "task": 3}),
    # one-level header naming the lead "Đơn vị thực hiện"
    (
        ["TT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp", "Sản phẩm"],
        "tasks",
        {"lead": 2, "support": 3, "products": 4},
    ),
    # "Cơ quan thực hiện" with a timeframe
    (["Số TT", "Nội dung công việc", "Cơ quan thực hiện", "Thời hạn"], "tasks", {"lead": 2}),
    # a targets table: bare "Đơn vị" beside "Kết quả" is a unit and a value
    (
        ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi"],
        "targets",
        {"unit": 2, "value": 3, "lead": 4, "text": 1},
    ),
    # "Thời gian thực hiện" is a timeframe, not an agency
    (["TT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện"], "tasks", {"timeframe": 3, "lead": 2}),
]


@pytest.mark.parametrize(("header", "kind", "expected"), HEADERS)
def test_columns_by_meaning(header: list[str], kind: str, expected: dict[str, int]) -> None:
    from extractors.appendix_header import header_kind
    from extractors.normalize import fold

    row = _row(*header)
    assert is_header(row)
    assert header_kind(row) == kind
    cols = column_meanings([fold(h) for h in header])
    assert {k: cols.get(k) for k in expected} == expected


NOT_HEADERS = [
    ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý II/2026"],  # a data row
    ["TT", "Nội dung", "Ghi chú"],  # no agency column: a list, not an assignment table
    # a short data row whose cells happen to name a task and the agencies' roles
    ["2", "Tổ chức triển khai nhiệm vụ", "Sở Nội vụ chủ trì", "Sở Tư pháp phối hợp"],
]


@pytest.mark.parametrize("cells", NOT_HEADERS)
def test_not_a_header(cells: list[str]) -> None:
    assert not is_header(_row(*cells))


def test_restarting_numbers_are_no_duplicates() -> None:
    plan = plan_of("tab text")
    assert not [i for i in check_numbering(list(plan.targets), list(plan.tasks))]


def test_html_merged_cells_on_the_grid() -> None:
    """rowspan/colspan give the grid the DOCX and PDF readers give: spanned cells empty."""
    from extractors.read_html import read_html

    page = (
        "<html><body><p>Trước bảng</p><table>"
        '<tr><th rowspan="2">TT</th><th colspan="2">Trách nhiệm</th><th>Ghi chú</th></tr>'
        "<tr><th>Chủ trì</th><th>Phối hợp</th><th></th></tr>"
        '<tr><td>1</td><td rowspan="2">Sở Nội vụ</td><td>Sở Tư pháp</td><td>a<br>b</td></tr>'
        "<tr><td>2</td><td>Sở Y tế</td><td></td></tr>"
        "</table></body></html>"
    ).encode()
    doc = read_html(page)
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == [
        ("TT", "Trách nhiệm", "", "Ghi chú"),
        ("", "Chủ trì", "Phối hợp", ""),
        ("1", "Sở Nội vụ", "Sở Tư pháp", "a\nb"),
        ("2", "", "Sở Y tế", ""),
    ]
    assert doc.paragraphs[0].text == "Trước bảng"


def test_number_wrapped_after_a_dot_in_a_narrow_column() -> None:
    """pdfplumber joins the lines of a narrow number cell with a space: "5.1. 3"."""
    from extractors.appendix_header import map_columns
    from extractors.parse_tasks import build_tasks, read_task_rows
    from extractors.stitch_tables import AppendixTable

    header = _row("TT", "Nhiệm vụ", "Chủ trì", "Thời gian")
    table = AppendixTable("tasks", header, map_columns(header, "tasks"))
    table.rows += [
        _row("5.1", "Thương mại", "", ""),
        _row("5.1. 3", "Triển khai sàn thương mại điện tử", "Sở Công Thương", "2026"),
    ]
    (task,) = build_tasks(read_task_rows(table), 2026)
    assert (task.no, task.description) == ("5.1.3", "Triển khai sàn thương mại điện tử")
