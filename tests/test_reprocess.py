"""``parplan reprocess``: a file read by an older reader is read again from the raw store
and its figures corrected, without anyone submitting it again."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from extractors.reference import BUNDLED as REFERENCE
from extractors.versions import PARSER_VERSIONS
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


@pytest.mark.parametrize("kind", [None, "metrics"], ids=["every kind", "--kind metrics"])
def test_reprocess_corrects_a_file_an_older_reader_read_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str | None
) -> None:
    f = tmp_path / "submitted" / "bao_cao.csv"
    f.parent.mkdir()
    f.write_bytes(
        csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "1.234.567"]])
    )
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(f)]) == 0
    f.unlink()  # the submission is gone: only the raw store has it
    wh = Warehouse.at(db, REFERENCE)
    with duckdb.connect(str(wh.work)) as con:  # what a reader before a fix made of it
        con.execute("update metric_facts set value = 1.234567")
        con.execute("update file_manifest set parser_version = null")
    args = ["reprocess", "--db", str(db), *(["--kind", kind] if kind else [])]
    capsys.readouterr()
    assert main(args) == 0
    # the file is no new submission: the summary and its line say it was read again
    said = capsys.readouterr()
    assert "1 files: 0 new, 1 re-read (their rows replaced), 0 unchanged" in said.out
    assert "re-read     metrics bao_cao.csv  (1 rows)" in said.err
    with wh.analyst() as con:
        assert con.execute("select value from metric_observations").fetchall() == [(1234567.0,)]
        assert con.execute(
            "select original_path, parser_version from file_manifest"
        ).fetchall() == [(str(f), PARSER_VERSIONS["metrics"])]
    assert main(args) == 0  # nothing stale now: nothing read again
    with wh.analyst() as con:
        assert con.execute("select count(*) from metric_facts").fetchone() == (1,)


def test_reprocess_of_another_kind_leaves_metric_files_alone(tmp_path: Path) -> None:
    f = tmp_path / "bao_cao.csv"
    f.write_bytes(
        csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "7"]])
    )
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(f)]) == 0
    wh = Warehouse.at(db, REFERENCE)
    with duckdb.connect(str(wh.work)) as con:
        con.execute("update metric_facts set value = 8")
        con.execute("update file_manifest set parser_version = null")
    assert main(["reprocess", "--db", str(db), "--kind", "plan"]) == 0
    with duckdb.connect(str(wh.work), read_only=True) as con:
        assert con.execute("select value from metric_facts").fetchall() == [(8.0,)]


PROGRESS_HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]


@pytest.mark.parametrize("kind", [None, "progress"], ids=["every kind", "--kind progress"])
def test_reprocess_re_reads_a_progress_report_an_older_reader_read(
    tmp_path: Path, kind: str | None
) -> None:
    """Task-progress reports have a reader of their own, with its version: a report an
    older one read is read again like a metric file."""
    f = tmp_path / "bao_cao_tien_do.csv"
    row = ["6.2", "", "Sở Tài chính", "Đã hoàn thành", "Năm 2022"]
    # (its title names the province: a report naming none is kept out of the marts, exit 3)
    f.write_bytes(csv_bytes([["UBND TỈNH LONG AN"], PROGRESS_HEADER, row]))
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(f)]) == 0
    wh = Warehouse.at(db, REFERENCE)
    with duckdb.connect(str(wh.work)) as con:  # what a reader before a fix made of it
        assert con.execute("select kind, parser_version from file_manifest").fetchall() == [
            ("progress", PARSER_VERSIONS["progress"])
        ]
        con.execute("update progress_rows set status = 'in_progress'")
        con.execute("update file_manifest set parser_version = null")
    assert main(["reprocess", "--db", str(db), *(["--kind", kind] if kind else [])]) == 0
    with wh.analyst() as con:
        assert con.execute("select code, status from progress_rows").fetchall() == [("6.2", "done")]
        assert con.execute("select parser_version from file_manifest").fetchall() == [
            (PARSER_VERSIONS["progress"],)
        ]


METRIC_HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def _two_year_workbook() -> bytes:
    """An agency's workbook with a year on each sheet; 'Năm 2023' is the active one."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        for year in (2023, 2024):
            ws = wb.add_worksheet(f"Năm {year}")
            ws.write_row(0, 0, METRIC_HEADER)
            ws.write_row(1, 0, ["Sở Y tế", "dossier_online_share", str(year), 80])
            if year == 2023:
                ws.activate()
    return buf.getvalue()


# (case, the sheets ingested in turn (None: the default), the years after reprocess,
# manifest rows)
SHEETS_READ_AGAIN = [
    # the default sheet, then the other one with --sheet: each is read again as loaded
    ("the default sheet, then a second", [None, "Năm 2024"], [(2023, 80.0), (2024, 80.0)], 2),
    # a workbook first loaded with --sheet naming the sheet that is not the default:
    # read again, it is that sheet, not the default one
    ("a sheet named at the first load", ["Năm 2024"], [(2024, 80.0)], 1),
    # the same command twice: the second names the sheet the workbook's row read, unchanged
    # (not a second row holding the same figures)
    ("a sheet named twice", ["Năm 2024", "Năm 2024"], [(2024, 80.0)], 1),
]


@pytest.mark.parametrize(
    ("case", "sheets", "years", "rows"), SHEETS_READ_AGAIN, ids=[c[0] for c in SHEETS_READ_AGAIN]
)
def test_reprocess_reads_again_the_sheet_each_load_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    sheets: list[str | None],
    years: list[tuple[int, float]],
    rows: int,
) -> None:
    monkeypatch.setenv("PARPLAN_PROVINCE", "Long An")
    f = tmp_path / "bao_cao.xlsx"
    f.write_bytes(_two_year_workbook())
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()
    for sheet in sheets:
        main(["ingest", "--db", str(db), str(f), *(["--sheet", sheet] if sheet else [])])
    f.unlink()  # only the raw store has it now
    wh = Warehouse.at(db, REFERENCE)
    with duckdb.connect(str(wh.work)) as con:  # what a reader before a fix made of them
        con.execute("update metric_facts set value = 8")
        con.execute("update file_manifest set parser_version = null")
    # (3 when the default sheet's reading names the other sheet again, as its first load did)
    assert main(["reprocess", "--db", str(db)]) in (0, 3)
    with wh.analyst() as con:
        got = con.execute(
            "select year(period_start), value from metric_observations order by 1"
        ).fetchall()
        stale = con.execute(
            "select count(*) from file_manifest where parser_version is null"
        ).fetchone()
        files = con.execute("select count(*) from file_manifest").fetchone()
    assert got == years
    assert stale == (0,)
    assert files == (rows,)
