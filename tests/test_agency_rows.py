"""Rows and arguments an agency gets slightly wrong, through ``parplan ingest``: the good
rows load, the bad row is a reject naming why, and a path that is not there is a usage
error naming it (DESIGN.md's exit codes: 2), never a quarantine of nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main

HEADER = "Tỉnh,Cơ quan,Chỉ tiêu,Kỳ báo cáo,Giá trị"

ROWS = [  # (the file's data lines, rows loaded, the reasons of the rows rejected, exit code)
    # a blank Chỉ tiêu on one row: that row is a reject, the good row loads
    (
        ["Long An,Sở Nội vụ,sat_tthc,Năm 2023,90", "Long An,Sở Tư pháp,,Năm 2023,91"],
        1,
        ["indicator is blank"],
        3,
    ),
    # the usual total row under the data: "Tổng cộng" in the Tỉnh column, a share in Giá
    # trị; a total row (shares do not add up: nothing to disagree with), kept out with a
    # note, no figure lost (was: rejected, "agency is blank", exit 3)
    (
        ["Long An,Sở Nội vụ,sat_tthc,Năm 2023,90", "Tổng cộng,,,,90"],
        1,
        [],
        0,
    ),
    # every row without an indicator: nothing loads, every row says why (no quarantine)
    (
        ["Long An,Sở Nội vụ,,Năm 2023,90", "Long An,Sở Tư pháp,,Năm 2023,91"],
        0,
        ["indicator is blank"] * 2,
        3,
    ),
]


@pytest.mark.parametrize(("lines", "loaded", "reasons", "code"), ROWS)
def test_a_bad_row_is_a_reject_and_the_rest_loads(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    loaded: int,
    reasons: list[str],
    code: int,
) -> None:
    csv = tmp_path / "bao_cao.csv"
    csv.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(csv)]) == code
    out = capsys.readouterr().out
    assert f"{loaded} rows loaded, {len(reasons)} rows rejected" in out, out
    with duckdb.connect(str(db.with_name("parplan.work.duckdb")), read_only=True) as con:
        got = [
            r
            for (r,) in con.execute(
                "select reason from metric_rejects order by source_row"
            ).fetchall()
        ]
        assert con.execute("select count(*) from quarantine").fetchone() == (0,)
    assert got == reasons


def test_a_path_that_is_not_there_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "bao_cao.csv"
    good.write_text(HEADER + "\nLong An,Sở Nội vụ,sat_tthc,Năm 2023,90\n", encoding="utf-8")
    missing = tmp_path / "bao_cao_quy_1.csv"
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(good), str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "no such file" in err
    assert not db.with_name("parplan.work.duckdb").exists()  # nothing was done


def test_the_sheet_a_quarantine_asks_for_is_read_when_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook whose first sheet is instructions is quarantined with a hint to choose a
    sheet; giving ``--sheet`` then reads the file again (it was quarantined, nothing of it
    is stored), without also having to know about ``--retry``."""
    import xlsxwriter

    book = tmp_path / "bao_cao.xlsx"
    with xlsxwriter.Workbook(str(book)) as wb:
        wb.add_worksheet("Hướng dẫn").write(0, 0, "Điền số liệu vào sheet Số liệu")
        data = wb.add_worksheet("Số liệu")
        for r, row in enumerate(
            [HEADER.split(","), ["Long An", "Sở Nội vụ", "sat_tthc", "Năm 2023", 90]]
        ):
            data.write_row(r, 0, row)
    db = str(tmp_path / "wh" / "parplan.duckdb")
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", db, str(book)]) == 1
    assert "--sheet" in capsys.readouterr().out
    assert main(["ingest", "--db", db, "--sheet", "Số liệu", str(book)]) == 0
    assert "1 rows loaded" in capsys.readouterr().out
