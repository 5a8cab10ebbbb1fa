"""A page the reader cannot read is never lost silently: a PDF whose appendix pages are
scans (images, no text layer) between pages of text is read, and every such page becomes
an error-level issue naming it, through ``parplan extract`` and ``parplan ingest``.

The PDF is put together here from committed fixtures: the Hậu Giang plan's PDF with the
scan fixture's image page appended (pypdfium2 ships with pdfplumber)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]
import pytest

from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from tests.conftest import FIXTURES, ROOT

GENERATED = FIXTURES / "generated"


def _with_scanned_page(out: Path, at: int | None) -> Path:
    """haugiang_2023.pdf with the scanned page inserted before page ``at`` (1-based;
    None: after the last page)."""
    doc = pypdfium2.PdfDocument(str(GENERATED / "haugiang_2023.pdf"))
    scan = pypdfium2.PdfDocument(str(GENERATED / "scanned.pdf"))
    try:
        index = len(doc) if at is None else at - 1
        doc.import_pages(scan, [0], index)
        doc.save(str(out))
    finally:
        scan.close()
        doc.close()
    return out


# where the scan goes, the page the issue must name
CASES = [
    (None, "last"),  # a scanned appendix page at the end
    (2, 2),  # a scanned page between pages of text
]


@pytest.mark.parametrize(("at", "page"), CASES)
def test_page_without_text_is_an_error(tmp_path: Path, at: int | None, page: int | str) -> None:
    path = _with_scanned_page(tmp_path / "plan.pdf", at)
    with pypdfium2.PdfDocument(str(path)) as pdf:
        want = len(pdf) if page == "last" else page
    plan = extract_plan(read_document(path))
    found = [i for i in plan.issues if i.code == "page_without_text"]
    assert [(i.severity, i.loc.page) for i in found] == [("error", want)]
    assert f"page {want}" in found[0].message
    assert plan.tasks  # the pages with text are still read


def test_cli_extract_names_the_page(tmp_path: Path) -> None:
    path = _with_scanned_page(tmp_path / "plan.pdf", None)
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    codes = [i["code"] for i in json.loads(out.stdout)["issues"]]
    assert codes.count("page_without_text") == 1


def test_ingest_loads_the_plan_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan loads (the readable pages are not thrown away) and the job is told: 3."""
    from parplan.cli import main

    path = _with_scanned_page(tmp_path / "haugiang_2023.pdf", None)
    db = tmp_path / "w.duckdb"
    assert main(["ingest", str(path), "--db", str(db)]) == 3
    sql = "select count(*) as n from extraction_issues where code = 'page_without_text'"
    assert main(["query", "--db", str(db), "--format", "json", sql]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("[{") :].split("\n")[0]) == [{"n": 1}]
