"""``parplan backfill`` as an operator runs it: no DAGSTER_HOME, an archive of plans in
every format and metric reports (one corrected later), one Dagster run, a progress bar."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from extractors.reference import BUNDLED as REFERENCE
from tests.conftest import FIXTURES
from tests.helpers import backfill_cli, csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def test_backfill_without_dagster_home_loads_every_format_in_one_run(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("longan_2022.pdf", "haugiang_2023.docx"):
        shutil.copyfile(FIXTURES / "generated" / name, archive / name)
    original = archive / "z_bao_cao_2022.csv"  # its name sorts last; it was written first
    original.write_bytes(
        csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "48"]])
    )
    os.utime(original, (1_650_000_000, 1_650_000_000))
    corrected = archive / "a_bao_cao_2022_sua.csv"
    corrected.write_bytes(
        csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "45"]])
    )
    os.utime(corrected, (1_660_000_000, 1_660_000_000))
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    proc = backfill_cli(db, archive)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "4 files: 4 new" in proc.stdout
    assert " DEBUG " not in proc.stderr  # a progress line per file, not Dagster's events
    assert "longan_2022.pdf" in proc.stderr
    wh = Warehouse.at(db, REFERENCE)
    with wh.analyst() as con:
        paths = con.execute("select original_path from file_manifest order by 1").fetchall()
        plans = con.execute("select format from documents order by 1").fetchall()
        counted = con.execute("select reported_value from stg_observations").fetchall()
    assert [Path(p).parent for (p,) in paths] == [archive] * 4  # not the raw store's copies
    assert plans == [("docx",), ("pdf",)]
    assert counted == [(45.0,)]  # the later file, by modification time, not by name
    instance = dg.DagsterInstance.local_temp(str(db.with_name("parplan.dagster")))
    assert len(instance.get_run_records()) == 1


def test_backfill_exits_3_when_rows_were_rejected(tmp_path: Path) -> None:
    """The exit codes of ingest (BatchReport.exit_code): nothing quarantined, but a row
    rejected (a period no grammar reads) is 3, not 0."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "bao_cao_2022.csv").write_bytes(
        csv_bytes(
            [
                HEADER,
                ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "48"],
                ["Long An", "Sở Nội vụ", "public_unit_count", "kỳ nào đó", "12"],
            ]
        )
    )
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    proc = backfill_cli(db, archive)
    assert proc.returncode == 3, proc.stdout + proc.stderr[-3000:]
    assert "1 files: 1 new" in proc.stdout
    assert "1 rows rejected" in proc.stdout


def test_backfill_places_rows_naming_no_province_in_parplan_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$PARPLAN_PROVINCE means for a backfill what it means for ingest: metric rows that
    name no province (no Tỉnh column, title or file name) are that province's, not rejects."""
    monkeypatch.setenv("PARPLAN_PROVINCE", "tỉnh Long An")  # any spelling of the reference
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "bao_cao_2022.csv").write_bytes(
        csv_bytes([HEADER[1:], ["Sở Nội vụ", "public_unit_count", "Năm 2022", "48"]])
    )
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()
    proc = backfill_cli(db, archive)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    with Warehouse.at(db, REFERENCE).analyst() as con:
        placed = con.execute("select province, reported_value from stg_observations").fetchall()
    assert placed == [("Long An", 48.0)]


# (file name, figure as written, modification time): files unpacked from one archive that
# nothing orders but their hashes, and what the notes must name (README, Corrections).
TIED = [
    (
        [
            ("bao_cao_2022.csv", "48", 1_650_000_000),
            ("bao_cao_2022_ban_sao.csv", "45", 1_650_000_000),
        ],
        ("bao_cao_2022.csv", "bao_cao_2022_ban_sao.csv"),
    ),
]


@pytest.mark.parametrize(("files", "named"), TIED)
def test_backfill_prints_the_notes_its_summary_points_to(
    tmp_path: Path, files: list[tuple[str, str, int]], named: tuple[str, ...]
) -> None:
    """Two submissions of one figure ordered by their hash alone exit 3 and "see the notes":
    the backfill prints the note naming both, as the ingest does."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, value, mtime in files:
        path = archive / name
        path.write_bytes(
            csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", value]])
        )
        os.utime(path, (mtime, mtime))
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()
    proc = backfill_cli(db, archive)
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert "by their hash alone" in proc.stdout or "by its hash alone" in proc.stdout
    notes = [line for line in proc.stdout.splitlines() if line.startswith("note: ")]
    assert notes, proc.stdout
    assert all(any(name in line for line in notes) for name in named), proc.stdout


def test_backfill_prints_why_a_file_was_quarantined(tmp_path: Path) -> None:
    """A file the backfill quarantines is named with its reason, under the name it was sent
    as (as ``parplan ingest`` prints it), not only counted in the summary."""
    archive = tmp_path / "archive"
    archive.mkdir()
    sent = archive / "bao_cao_quy.csv"
    sent.write_bytes(
        csv_bytes(
            [
                ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý I", "Quý II"],
                ["Long An", "Sở Nội vụ", "dossier_online_share", "80", "81"],
            ]
        )
    )
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()
    proc = backfill_cli(db, archive)
    assert proc.returncode == 1, proc.stdout + proc.stderr[-3000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("quarantined: ")]
    assert lines == [
        f"quarantined: {sent}: 'Quý I' (column 4) and 'Quý II' (column 5) each name a part of "
        "a year, but no year: neither the header, the title nor the file name names one; "
        "write the year in the header ('Quý I/2023') or in a title row"
    ], proc.stdout
