"""Progress reports through the ingest path: recognised by their status column (never read
as metric files), loaded in one transaction per file with their provenance, through the
manifest, the raw store and the quarantine, and by the user's command ``parplan ingest``."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse
from warehouse.files import classify
from warehouse.ingest import ingest

PROGRESS_HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]
PROGRESS_ROWS = [
    ["I.1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Đã hoàn thành", "Năm 2022"],
    ["I.2", "Công bố danh mục thủ tục", "Sở Nội vụ", "Đang thực hiện", "Năm 2022"],
    ["II.1", "Kiện toàn bộ máy", "Sở Nội vụ", "Tốt", "Năm 2022"],  # not a status: a reject
]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(dict(zip(PROGRESS_HEADER, zip(*PROGRESS_ROWS, strict=True), strict=True)))


def _xlsx() -> bytes:
    buf = io.BytesIO()
    _frame().write_excel(buf)
    return buf.getvalue()


def _parquet() -> bytes:
    buf = io.BytesIO()
    _frame().write_parquet(buf)
    return buf.getvalue()


CLASSIFY_CASES = [
    # a progress CSV (with a BOM and ';'), an XLSX and a Parquet with the same table
    ("bc.csv", csv_bytes([PROGRESS_HEADER, *PROGRESS_ROWS]), "progress"),
    ("bc.xlsx", _xlsx(), "progress"),
    ("bc.parquet", _parquet(), "progress"),
    # a progress table under a title row, in a .txt
    (
        "bc.txt",
        csv_bytes([["BÁO CÁO KẾT QUẢ NĂM 2022"], PROGRESS_HEADER, *PROGRESS_ROWS]),
        "progress",
    ),
    # a metric file stays one, even with a value column headed Kết quả thực hiện
    (
        "m.csv",
        csv_bytes([["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả thực hiện"], ["A", "B", "2022", "1"]]),
        "metrics",
    ),
    (
        "m.csv",
        csv_bytes([["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"], ["A", "B", "2022", "1"]]),
        "metrics",
    ),
]


@pytest.mark.parametrize(("name", "data", "kind"), CLASSIFY_CASES)
def test_a_progress_file_is_recognised_by_its_status_column(
    name: str, data: bytes, kind: str
) -> None:
    assert classify(data, name) == kind


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)


def test_progress_rows_load_with_provenance_and_rejects(tmp_path: Path, wh: Warehouse) -> None:
    f = tmp_path / "bc.csv"
    f.write_bytes(csv_bytes([PROGRESS_HEADER, *PROGRESS_ROWS]))
    report = ingest([f], wh)
    assert [(r.kind, r.rows, r.rejects) for r in report.results] == [("progress", 2, 1)]
    con = wh.connect()
    sha = report.results[0].sha256
    assert con.execute(
        "select source_sha256, source_row, code, status, period_end::varchar "
        "from progress_rows order by source_row"
    ).fetchall() == [
        (sha, 2, "I.1", "done", "2022-12-31"),
        (sha, 3, "I.2", "in_progress", "2022-12-31"),
    ]
    assert con.execute(
        "select source_row, reason like '%status ''Tốt''%' from progress_rejects"
    ).fetchall() == [(4, True)]
    assert con.execute("select kind, status, rows_loaded from file_manifest").fetchall() == [
        ("progress", "loaded", 2)
    ]
    assert con.execute("select count(*) from metric_facts").fetchone() == (0,)
    con.close()
    assert ingest([f], wh).count("unchanged") == 1  # the same bytes again: nothing written


def test_a_progress_file_without_a_usable_row_is_quarantined(tmp_path: Path, wh: Warehouse) -> None:
    f = tmp_path / "bc.csv"
    f.write_bytes(csv_bytes([PROGRESS_HEADER]))
    report = ingest([f], wh)
    assert report.results[0].status == "quarantined"
    assert "no data rows under the header row 1" in (report.results[0].error or "")
    con = wh.connect()
    assert con.execute("select count(*) from progress_rows").fetchone() == (0,)
    con.close()


def test_parplan_ingest_loads_a_progress_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bao_cao_tien_do.xlsx"
    f.write_bytes(_xlsx())
    # a rejected row makes the exit code 3 (BatchReport.exit_code), and the summary says
    # where the rejects of a progress report are
    assert main(["ingest", str(f), "--db", str(tmp_path / "wh.duckdb")]) == 3
    out = capsys.readouterr().out
    assert "1 new, 0 unchanged, 0 superseded, 0 quarantined; 2 rows loaded" in out
    assert "1 rows rejected (see progress_rejects)" in out
