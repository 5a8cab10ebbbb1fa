"""A plan whose tasks table ends the body and whose signature block (Nơi nhận | KT. CHỦ
TỊCH / PHÓ CHỦ TỊCH / name) stands alone on the next page, as a borderless two-column table
(DOCX) or two columns of text (PDF), through ``parplan extract``.

Before, the DOCX's signature table was stitched onto the tasks table as a continuation row:
"Nơi nhận" joined the last task's support agencies and "KT. CHỦ TỊCH ... Nguyễn Thị Lan"
its timeframe. Fixtures are written here (synthetic): the DOCX with python-docx, the PDF
with tests/fixtures/plan_pdfs.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document as new_docx
from docx.enum.text import WD_BREAK

from tests.fixtures.plan_pdfs import HEAD, ROWS, SIGNATURE, PdfPlan
from tests.helpers import extract_cli

# code, support, timeframe: as printed in the last rows, nothing of the signature
TASKS = [
    ("1", ["Sở Nội vụ"], "Quý II/2025"),
    ("2", ["Sở Tư pháp"], "Quý III/2025"),
    ("3", ["Sở Nội vụ"], "Tháng 12/2025"),
]


def _docx(path: Path) -> Path:
    doc = new_docx()
    for text, bold in HEAD:
        doc.add_paragraph().add_run(text).bold = bold
    table = doc.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    table.style = "Table Grid"
    for i, row in enumerate(ROWS):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    sign = doc.add_table(rows=1, cols=2)  # borderless: the default style
    for cell, lines in zip(sign.rows[0].cells, SIGNATURE, strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    doc.save(str(path))
    return path


def _pdf(path: Path) -> Path:
    path.write_bytes(PdfPlan(head=HEAD, rows=ROWS, signature=SIGNATURE).pdf())
    return path


WRITERS = {"docx": _docx, "pdf": _pdf}


@pytest.fixture(scope="module", params=list(WRITERS))
def plan(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    fmt = request.param
    return extract_cli(WRITERS[fmt](tmp_path_factory.mktemp(fmt) / f"phutho_2025.{fmt}"))


def test_the_signer_is_read(plan: dict[str, Any]) -> None:
    assert plan["document"]["signer"] == "Nguyễn Thị Lan"
    assert [s["name"] for s in plan["document"]["signers"]] == ["Nguyễn Thị Lan"]


def test_the_last_task_holds_none_of_the_signature(plan: dict[str, Any]) -> None:
    got = [
        (t["code"], [a["raw"] for a in t["support"]], t["timeframe"]["text"]) for t in plan["tasks"]
    ]
    assert got == TASKS
    assert not [i for i in plan["issues"] if i["code"] == "row_continuation_merged"]
