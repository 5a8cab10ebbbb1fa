"""The progress appendix of a report document: a "Báo cáo kết quả thực hiện Kế hoạch CCHC
năm 2022" whose appendix table lists the plan's tasks with their results is read with the
plans' table machinery (group rows, merged cells, a row cut in two) and loads, through
``parplan ingest``, the same task_progress rows as a CSV with the same content. A report
without a progress table stays refused, its kind named."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extractors.errors import NotAPlan
from extractors.progress import read_progress
from extractors.read_any import read_document
from extractors.read_submission import read_submission
from parplan.cli import main
from tests.conftest import SEED
from tests.fixtures.progress_report import (
    CSV_HEADER,
    CSV_ROWS,
    EXPECTED,
    NV,
    TC,
    TP,
    TT,
    write_docx,
    write_html,
    write_markdown,
)
from tests.helpers import csv_bytes, xlsx_bytes


def _task_progress(db: Path) -> list[tuple[object, ...]]:
    """The mart's rows, but for the report file they came from (and its row in it)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """select * exclude (source_report, source_row) from task_progress
               order by province, plan_year, code"""
        ).fetchall()


def _ingest_and_build(tmp: Path, report: Path) -> Path:
    db = tmp / "wh.duckdb"
    assert main(["ingest", str(SEED), str(report), "--db", str(db)]) == 0
    assert main(["build", "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    tmp = tmp_path_factory.mktemp("csv")
    (tmp / "bc.csv").write_bytes(csv_bytes([["UBND TỈNH LONG AN"], CSV_HEADER, *CSV_ROWS]))
    return _task_progress(_ingest_and_build(tmp, tmp / "bc.csv"))


PDF = Path(__file__).parent / "fixtures" / "generated" / "longan_2022_progress.pdf"


def copy_pdf(path: Path) -> Path:
    """The PDF LibreOffice made of the Word report (``make fixtures``): its page break cuts
    row 6.1 in two, and pdfplumber gives merged cells as blanks."""
    path.write_bytes(PDF.read_bytes())
    return path


WRITERS = [
    # a Word report: group rows merged across, agency and status cells merged down
    ("bao_cao.docx", write_docx),
    # the same report saved as a web page: colspan and rowspan
    ("bao_cao.html", write_html),
    # its text rendering: a markdown pipe table, merged cells blank
    ("bao_cao.md", write_markdown),
    # its PDF: one table per page, the header repeated, a row cut by the page break
    ("bao_cao.pdf", copy_pdf),
]


@pytest.mark.parametrize(("name", "write"), WRITERS)
def test_a_report_documents_appendix_gives_the_csvs_task_progress(
    tmp_path: Path, from_csv: list[tuple[object, ...]], name: str, write: object
) -> None:
    report = write(tmp_path / name)  # type: ignore[operator]
    db = _ingest_and_build(tmp_path, report)
    with duckdb.connect(str(db), read_only=True) as con:
        kind = con.execute(
            "select kind from file_manifest where original_path like ?", [f"%{name}"]
        )
        assert kind.fetchall() == [("progress",)]
        reported = con.execute(
            """select code, status, cast(completed_on as varchar), reason, evidence
               from task_progress where status <> 'not_reported' order by code"""
        ).fetchall()
    assert reported == EXPECTED
    assert _task_progress(db) == from_csv


def test_the_appendix_rows_carry_their_qualified_codes_and_joined_text(tmp_path: Path) -> None:
    got = read_submission(write_docx(tmp_path / "bc.docx"))
    assert not isinstance(got, tuple)
    assert got.rejects == ()
    by_code = {r.code: r for r in got.rows}
    assert list(by_code) == [e[0] for e in EXPECTED]
    assert by_code["7.2"].result == "Đã tiếp nhận 1.200 hồ sơ qua bưu điện"  # the cut row
    assert by_code["6.2"].agency_raw == TC  # merged down
    assert (by_code["1.1"].province, by_code["1.1"].period_raw) == ("Long An", "Năm 2022")


def test_the_pdf_fixture_has_a_row_cut_by_the_page_break() -> None:
    # the shape the PDF case stands for: the second page's table opens with the rest of a row
    pieces = [t for t in read_document(PDF).tables if t.rows[0].texts[0] == "STT"]
    assert len(pieces) == 2
    assert pieces[1].rows[1].texts[:2] == ("", "chính")  # "Giao tự chủ tài | chính"


def test_a_report_without_a_progress_table_is_refused_naming_its_kind(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bc.docx", with_table=False)
    with pytest.raises(NotAPlan) as err:
        read_submission(path)
    assert err.value.kind == "progress_report"
    db = tmp_path / "wh.duckdb"
    assert main(["ingest", str(path), "--db", str(db)]) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        (reason,) = con.execute("select reason from quarantine").fetchone() or ("",)
    assert "progress_report" in reason and "no progress table" in reason


def test_a_word_report_in_an_archive_loads_through_the_backfill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the user's other path: `parplan backfill` runs the Dagster assets over the archive
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / SEED.name).write_bytes(SEED.read_bytes())
    write_docx(archive / "bao_cao_ket_qua_2022.docx")
    db = tmp_path / "wh.duckdb"
    assert main(["backfill", str(archive), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        reported = con.execute(
            """select code, status, cast(completed_on as varchar), reason, evidence
               from task_progress where status <> 'not_reported' order by code"""
        ).fetchall()
    assert reported == EXPECTED


# The columns that prove a progress table are a task column and a status (or result)
# column; the agency column may be headed any way an office heads it, or be missing.
AGENCY_HEADINGS = [
    "Cơ quan",  # the bare word
    "Đơn vị",  # a unit of government; beside no value column it is no unit of measure
    "Cơ quan thực hiện",
    "Đơn vị báo cáo",  # the reporting unit
]
FORMATS = [
    # a Word report, a saved web page and the text rendering (read as plans are read)
    ("docx", write_docx),
    ("html", write_html),
    ("md", write_markdown),
    # the tabular files (read by the progress reader)
    ("csv", None),
    ("xlsx", None),
]


def _with_agency(heading: str) -> list[str]:
    return [heading if h == "Cơ quan chủ trì" else h for h in CSV_HEADER]


@pytest.mark.parametrize("heading", AGENCY_HEADINGS)
@pytest.mark.parametrize(("ext", "write"), FORMATS)
def test_a_progress_table_is_known_by_its_task_and_status_columns(
    tmp_path: Path, heading: str, ext: str, write: object
) -> None:
    header = _with_agency(heading)
    path = tmp_path / f"bc.{ext}"
    if write is not None:
        write(path, header=header[:-1])  # type: ignore[operator]
        got = read_submission(path)
    else:
        rows = [["UBND TỈNH LONG AN"], header, *CSV_ROWS]
        data = (
            csv_bytes(rows) if ext == "csv" else xlsx_bytes(rows[1:], title=["UBND TỈNH LONG AN"])
        )
        path.write_bytes(data)
        got = read_progress(data, str(path))
    assert not isinstance(got, tuple)
    assert got.rejects == ()
    assert [(r.code, r.status.value) for r in got.rows] == [(e[0], e[1]) for e in EXPECTED]
    assert {r.agency_raw for r in got.rows} == {NV, TP, TC, TT, "Văn phòng UBND tỉnh"}


def test_a_word_report_whose_agency_column_is_headed_co_quan_loads_as_progress(
    tmp_path: Path,
) -> None:
    # the user's path: `parplan ingest` takes it as a progress report, not a refused plan
    report = write_docx(tmp_path / "bc.docx", header=_with_agency("Cơ quan")[:-1])
    db = tmp_path / "wh.duckdb"
    assert main(["ingest", str(SEED), str(report), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = con.execute(
            "select kind, status from file_manifest where original_path like '%bc.docx'"
        ).fetchall()
        n = con.execute("select count(*) from progress_rows where task_code is not null")
        assert (kinds, n.fetchone()) == ([("progress", "loaded")], (len(EXPECTED),))
