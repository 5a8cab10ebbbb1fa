"""``parplan ingest`` from a scheduled job's side: the exit code says whether figures were
lost (DESIGN: 0 clean, 1 a file quarantined, 3 rows rejected or figures kept out of the
marts), and the summary says how many and where to look."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import xlsxwriter

from parplan.cli import main
from tests.helpers import csv_bytes, rewrite_zip

HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
GOOD = ["Sở Y tế", "dossier_online_share", "2023", "80"]


def _xfd_workbook() -> bytes:
    """5 KB: a header and one cell at XFD1048576, no dimension record (calamine aborts)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet()
        ws.write_row(0, 0, HEADER)
        ws.write(1048575, 16383, "x")
    return rewrite_zip(
        buf.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b"", b),
    )


CASES: list[tuple[str, dict[str, bytes], list[str], int, list[str]]] = [
    # a clean report: exit 0
    ("clean", {"bao_cao_long_an.csv": csv_bytes([HEADER, GOOD])}, [], 0, ["0 rows rejected"]),
    # a month that does not exist: the row is rejected, the job must not report success
    (
        "rejected",
        {"bao_cao_long_an.csv": csv_bytes([HEADER, GOOD, ["Sở Y tế", "sipas", "2023-13", "8"]])},
        [],
        3,
        ["1 rows rejected (see metric_rejects)"],
    ),
    # an indicator the catalog does not have: loaded, kept out of the marts, queued
    (
        "unresolved",
        {"bao_cao_long_an.csv": csv_bytes([HEADER, ["Sở Y tế", "Tỷ lệ hộ nghèo", "2023", "3"]])},
        [],
        3,
        ["1 figures kept out of the marts", "(see review_queue)"],
    ),
    # a Tỉnh value that names no province: that row is rejected (it loaded under 'Long Ann',
    # reached no mart, exit 0), the other row loads, the job is told
    (
        "unknown province",
        {"bao_cao.csv": csv_bytes([["Tỉnh", *HEADER], ["Long An", *GOOD], ["Long Ann", *GOOD]])},
        [],
        3,
        ["1 rows loaded, 1 rows rejected (see metric_rejects)"],
    ),
    # the province spelled as agencies do (no diacritics, abbreviated): clean
    (
        "province spellings",
        {"bao_cao.csv": csv_bytes([["Tỉnh", *HEADER], ["Tay Ninh", *GOOD], ["TP HCM", *GOOD]])},
        [],
        0,
        ["2 rows loaded, 0 rows rejected"],
    ),
    # a file with no province anywhere: kept out, unless the deployment names one
    ("no province", {"bao_cao.csv": csv_bytes([HEADER, GOOD])}, [], 3, ["kept out"]),
    ("configured", {"bao_cao.csv": csv_bytes([HEADER, GOOD])}, ["--province", "Long An"], 0, []),
    # a ministry's own figure is no province's: the deployment's province is not given to
    # it (it was filed under Long An, exit 0); beside a department's row, that row takes it
    (
        "ministry, configured",
        {"bao_cao.csv": csv_bytes([HEADER, ["Bộ Tư pháp", "dossier_online_share", "2023", "80"]])},
        ["--province", "Long An"],
        3,
        ["1 figures kept out of the marts with no province", "'Bộ Tư pháp': a central agency"],
    ),
    (
        "ministry and a department, configured",
        {
            "bao_cao.csv": csv_bytes(
                [HEADER, GOOD, ["Bộ Tư pháp", "dossier_online_share", "2023", "80"]]
            )
        },
        ["--province", "Long An"],
        3,
        ["2 rows loaded", "1 figures kept out of the marts with no province"],
    ),
    # a workbook that kills its parser: quarantined, the batch goes on
    (
        "parser killed",
        {"a.xlsx": _xfd_workbook(), "b_long_an.csv": csv_bytes([HEADER, GOOD])},
        [],
        1,
        ["1 quarantined; 1 rows loaded", "XLSX reader died on this file"],
    ),
    # a Parquet file cut short in transfer (its magic bytes, no footer): refused, named
    (
        "parquet cut short",
        {"a.parquet": b"PAR1" + b"\0" * 64, "b_long_an.csv": csv_bytes([HEADER, GOOD])},
        [],
        1,
        ["1 quarantined; 1 rows loaded", "a.parquet", "unreadable Parquet"],
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "options", "code", "said"), CASES, ids=[c[0] for c in CASES]
)
def test_ingest_exit_code_and_summary(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    files: dict[str, bytes],
    options: list[str],
    code: int,
    said: list[str],
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for file, data in files.items():
        (inbox / file).write_bytes(data)
    got = main(["ingest", str(inbox), "--db", str(tmp_path / "w.duckdb"), *options])
    out = capsys.readouterr().out
    assert got == code, out
    for part in said:
        assert part in out


def test_the_province_comes_from_the_environment_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARPLAN_PROVINCE", "Long An")
    (tmp_path / "bao_cao.csv").write_bytes(csv_bytes([HEADER, GOOD]))
    assert main(["ingest", str(tmp_path / "bao_cao.csv"), "--db", str(tmp_path / "w.duckdb")]) == 0


def test_a_rejected_province_is_found_by_file_row_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a scheduled job's operator does after exit 3: ``parplan query`` on
    metric_rejects names the file, the row and the value that is not a province."""
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    rows = [
        ["Tỉnh", *HEADER],
        ["Long An", *GOOD],
        ["Sở Nội vụ", *GOOD],
        ["Long An", *GOOD[:2], "2022", "75"],
    ]
    (tmp_path / "so_lieu.csv").write_bytes(csv_bytes(rows))
    db = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(tmp_path / "so_lieu.csv"), "--db", db]) == 3
    capsys.readouterr()
    sql = (
        "select regexp_extract(m.original_path, '[^/]+$') as file, r.source_row, r.reason "
        "from metric_rejects r join file_manifest m on m.sha256 = r.source_sha256"
    )
    assert main(["query", "--db", db, "--format", "json", sql]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "file": "so_lieu.csv",
            "source_row": 3,
            "reason": "province 'Sở Nội vụ' (column Tỉnh) is not a province the reference "
            "data knows (reference/provinces.csv: its names and aliases)",
        }
    ]
