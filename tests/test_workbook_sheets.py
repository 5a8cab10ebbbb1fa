"""A workbook with figures on more than one sheet, from the agency's side: the ingest reads
one sheet (the visible, active one, or the one named with ``--sheet``) and never loses the
others silently: each other visible sheet with a header row of figures is named in the
summary and in ``extraction_issues`` with the command that loads it, and the run exits 3
(figures kept out: a sheet the user did not choose is figures not loaded)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter

from extractors.reference import BUNDLED
from parplan.cli import main
from warehouse.database import Warehouse

HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def _rows(year: int) -> list[list[object]]:
    return [HEADER, ["Sở Y tế", "dossier_online_share", str(year), 80]]


def _workbook(sheets: list[tuple[str, list[list[object]], str]]) -> bytes:
    """Sheets in order: name, rows, state (visible | hidden | active)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        for name, rows, state in sheets:
            ws = wb.add_worksheet(name)
            for r, row in enumerate(rows):
                ws.write_row(r, 0, row)
            if state == "hidden":
                ws.hide()
            elif state == "active":
                ws.activate()
    return buf.getvalue()


GUIDE = [["Hướng dẫn điền biểu mẫu"], ["Ghi số liệu vào sheet Báo cáo, không sửa tiêu đề."]]
AGENCY_LIST = [["Cơ quan"], ["Sở Y tế"], ["Sở Tư pháp"]]

# (case, sheets, --sheet, exit code, rows loaded, sheets named as not read)
CASES = [
    # two years on two sheets: the active one loads, the other is named with its command
    ("a second sheet of figures",
     [("Năm 2023", _rows(2023), "active"), ("Năm 2024", _rows(2024), "visible")],
     None, 3, 1, ["Năm 2024"]),
    # the figures and an instructions sheet: nothing else to load, clean
    ("an instructions sheet", [("Báo cáo", _rows(2023), "active"), ("Hướng dẫn", GUIDE, "visible")],
     None, 0, 1, []),
    # a list of agencies (a header, but no figures): not a sheet of figures
    ("a list of agencies", [("Báo cáo", _rows(2023), "active"), ("Danh mục", AGENCY_LIST, "visible")],
     None, 0, 1, []),
    # a hidden sheet is the agency's own working (its copy of the figures): not reported
    ("a hidden sheet of figures",
     [("Báo cáo", _rows(2023), "active"), ("Dữ liệu gốc", _rows(2023), "hidden")],
     None, 0, 1, []),
    # three sheets of figures: both others named (sheets named for forms, not periods: a
    # sheet named for a quarter over a column of whole years is refused, sheet_period)
    ("three sheets of figures",
     [("Biểu 1", _rows(2021), "active"), ("Biểu 2", _rows(2022), "visible"),
      ("Biểu 3", _rows(2023), "visible")],
     None, 3, 1, ["Biểu 2", "Biểu 3"]),
    # the user named the sheet to read: the others are their choice
    ("a sheet chosen by name",
     [("Năm 2023", _rows(2023), "active"), ("Năm 2024", _rows(2024), "visible")],
     "Năm 2024", 0, 1, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "sheets", "chosen", "code", "rows", "unread"), CASES, ids=[c[0] for c in CASES]
)
def test_the_other_sheets_of_figures_are_named_with_their_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    sheets: list[tuple[str, list[list[object]], str]],
    chosen: str | None,
    code: int,
    rows: int,
    unread: list[str],
) -> None:
    monkeypatch.setenv("PARPLAN_PROVINCE", "Long An")
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(_workbook(sheets))
    db = tmp_path / "w.duckdb"
    args = ["ingest", str(path), "--db", str(db), *(["--sheet", chosen] if chosen else [])]
    got = main(args)
    out = capsys.readouterr().out
    assert got == code, out
    assert f"{rows} rows loaded" in out
    for name in unread:
        assert f"--sheet '{name}'" in out, out  # the command, ready to paste
    if unread:
        n = len(unread)
        assert f"{n} other sheet{'' if n == 1 else 's'} of figures not read" in out
    else:
        assert "not read" not in out
    with Warehouse.at(db, BUNDLED).analyst() as con:
        issues = con.execute(
            "select message from extraction_issues where code = 'sheet_not_read' order by 1"
        ).fetchall()
    assert [m for (m,) in issues] == [
        next(m for (m,) in issues if f"'{name}'" in m) for name in unread
    ]
    assert all(
        f"parplan ingest {path} --sheet '{name}'" in m
        for (m,), name in zip(issues, unread, strict=True)
    )


# the agency's workbook of two years, and what each command of the user's does with it:
# (--sheet, exit code, said, the years in the warehouse after it, manifest rows)
FOLLOWING_THE_HINT = [
    # the first load reads the active sheet and names the other with its command
    (None, 3, "--sheet 'Năm 2024'", [2023], 1),
    # the command it gave: the second sheet loads, as a file of its own
    ("Năm 2024", 0, "1 new", [2023, 2024], 2),
    # the same command again: nothing new
    ("Năm 2024", 0, "1 unchanged", [2023, 2024], 2),
    # naming the sheet the first load read: that is the workbook itself, unchanged
    ("Năm 2023", 0, "1 unchanged", [2023, 2024], 2),
    # the workbook again, with no sheet named: unchanged
    (None, 0, "1 unchanged", [2023, 2024], 2),
]


def test_the_hint_loads_the_other_sheet_of_a_workbook_already_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARPLAN_PROVINCE", "Long An")
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(
        _workbook([("Năm 2023", _rows(2023), "active"), ("Năm 2024", _rows(2024), "visible")])
    )
    db = tmp_path / "w.duckdb"
    for chosen, code, said, years, files in FOLLOWING_THE_HINT:
        got = main(["ingest", str(path), "--db", str(db), *(["--sheet", chosen] if chosen else [])])
        out = capsys.readouterr().out
        assert (got, said in out) == (code, True), (chosen, out)
        with Warehouse.at(db, BUNDLED).analyst() as con:
            got_years = con.execute(
                "select year(period_start) from metric_observations order by 1"
            ).fetchall()
            got_files = con.execute("select count(*) from file_manifest").fetchone()
        assert [y for (y,) in got_years] == years, chosen
        assert got_files == (files,), chosen
