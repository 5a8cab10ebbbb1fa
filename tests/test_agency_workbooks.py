"""Workbooks as agencies lay them out in a spreadsheet: what a person sees in the sheet is
what the agency meant. A percent format says how a share is shown, not what a count is; a
hidden column or row is not part of the report as shown; a yes/no or error cell is no
number; a merged cell holds its value for every cell it covers.

One row per case, loaded as agencies' files are (one ``parplan ingest`` of a folder): the
rows that load (source row, period kind, numerator, denominator, value), the rows rejected
and why, and every warning the file gets.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from parplan.cli import main
from tests.helpers import assert_rejected, assert_told, case_load, case_table

LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
BOTH = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
LA, SNV, STP, SYT = "Long An", "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
SHARE, COUNT = "dossier_online_share", "public_unit_count"  # a percent and a count indicator


@dataclass(frozen=True)
class Sheet:
    """A sheet as the agency made it: its rows (from A1), then what the spreadsheet adds."""

    rows: list[list[object]]
    percent: dict[str, str] = field(default_factory=dict)  # cell range -> percent format
    merged: list[str] = field(default_factory=list)  # ranges merged (value in the first)
    hidden_columns: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)

    def xlsx(self) -> bytes:
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in self.rows:
            ws.append(row)
        for cells, fmt in self.percent.items():
            for line in ws[cells]:
                for cell in line:
                    cell.number_format = fmt
        for cells in self.merged:
            ws.merge_cells(cells)
        for letter in self.hidden_columns:
            ws.column_dimensions[letter].hidden = True
        for row in self.hidden_rows:
            ws.row_dimensions[row].hidden = True
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


def _error(rows: list[list[object]], cells: dict[str, str]) -> bytes:
    """A workbook whose ``cells`` hold spreadsheet errors (#DIV/0!, #REF!, #N/A), as a
    spreadsheet saves a formula that failed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, error in cells.items():
        ws[ref].value = error
        ws[ref].data_type = "e"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[tuple[object, ...]] = field(default_factory=list)  # row, kind, num, den, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    refused: str | None = None  # part of the reason the whole file is refused
    notes: list[str] = field(default_factory=list)  # part of each warning on the file
    name: str = "bao_cao.xlsx"


YEAR = "Năm 2023"
QUARTERS = ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"]

CASES = [
    # --- a percent format shows a share; it says nothing of a count ------------------------
    # was: 4500 and 1200 units (the template formats the whole table as %)
    Case("a count indicator's 45 in a 0% cell is 45 units",
         Sheet([LONG, [LA, SNV, COUNT, YEAR, 45], [LA, STP, COUNT, YEAR, 12]],
               percent={"E2:E3": "0%"}).xlsx(),
         loads=[(2, "year", None, None, 45.0), (3, "year", None, None, 12.0)],
         notes=["column 'Giá trị' (column 5): 2 cells shown as percents hold a count"]),
    # was: 55300/100000 (the share itself, 0.553 shown as 55.3%, is 55.3)
    Case("Tử số and Mẫu số in 0.0% cells are the counts they hold",
         Sheet([BOTH, [LA, SNV, SHARE, YEAR, 553, 1000, 0.553],
                [LA, STP, SHARE, YEAR, 300, 1000, 0.3]], percent={"E2:G3": "0.0%"}).xlsx(),
         loads=[(2, "year", 553.0, 1000.0, 55.3), (3, "year", 300.0, 1000.0, 30.0)],
         notes=["column 'Tử số' (column 5): the percent format of its cells was ignored",
                "column 'Mẫu số' (column 6): the percent format of its cells was ignored"]),
    # a share in a percent cell stays a share, beside a count in a percent cell
    Case("a share and a count, both in percent cells",
         Sheet([LONG, [LA, SNV, SHARE, YEAR, 0.553], [LA, SNV, COUNT, YEAR, 45]],
               percent={"E2:E3": "0.0%"}).xlsx(),
         loads=[(2, "year", None, None, 55.3), (3, "year", None, None, 45.0)],
         notes=["column 'Giá trị' (column 5): 1 cells shown as percents hold a count"]),
    # a wide file: one column per indicator, both formatted as percents
    Case("a wide file: a count and a share column, both in percent cells",
         Sheet([["Tỉnh", "Cơ quan", "Kỳ báo cáo", COUNT, SHARE], [LA, SNV, YEAR, 45, 0.553]],
               percent={"D2:E2": "0.0%"}).xlsx(),
         loads=[(2, "year", None, None, 45.0), (2, "year", None, None, 55.3)],
         notes=["the indicator columns: 1 cells shown as percents hold a count"]),
    # unchanged: for an indicator the catalog does not know (yet) the percent format is all
    # there is to go on, so 0.03 shown as 3% is 3 (it waits in the review queue)
    Case("an unknown indicator's 3% cell",
         Sheet([LONG, [LA, SNV, "Tỷ lệ hộ nghèo", YEAR, 0.03]], percent={"E2:E2": "0%"}).xlsx(),
         loads=[(2, "year", None, None, 3.0)]),
    # --- a hidden column is not part of the report as shown --------------------------------
    # was: the hidden 70 loaded, the visible 90.5 ignored
    Case("a hidden old Giá trị beside the visible one",
         Sheet([[*LONG, "Giá trị"], [LA, SNV, SHARE, YEAR, 70, 90.5]],
               hidden_columns=["E"]).xlsx(),
         loads=[(2, "year", None, None, 90.5)],
         notes=["column 'Giá trị' (column 5) is hidden in the workbook; its cells are not"]),
    # was: 70 loaded, 'Giá trị năm 2023' not understood; then refused ("long layout without
    # a value column"); now the visible column, whose header names its year, is the value
    Case("a hidden Giá trị beside a visible 'Giá trị năm 2023'",
         Sheet([[*LONG, "Giá trị năm 2023"], [LA, SNV, SHARE, YEAR, 70, 90.5]],
               hidden_columns=["E"]).xlsx(),
         loads=[(2, "year", None, None, 90.5)],
         notes=["column 'Giá trị' (column 5) is hidden in the workbook; its cells are not"]),
    # --- a hidden row: the agency hid it; it is not loaded unseen, but rejected loudly ------
    # was: both rows rejected as conflicting (the visible 90 lost with the hidden 95)
    Case("a hidden row repeating a visible one with another figure",
         Sheet([LONG, [LA, SNV, SHARE, YEAR, 90], [LA, SNV, SHARE, YEAR, 95]],
               hidden_rows=[3]).xlsx(),
         loads=[(2, "year", None, None, 90.0)],
         rejects=[(3, "row 3 is hidden in the workbook")]),
    # --- a yes/no or an error cell is no number ----------------------------------------------
    # was: numerator 1
    Case("TRUE in a Tử số cell",
         Sheet([BOTH, [LA, SNV, SHARE, YEAR, True, 1000, None],
                [LA, STP, SHARE, YEAR, 300, 1000, 30]]).xlsx(),
         loads=[(3, "year", 300.0, 1000.0, 30.0)],
         rejects=[(2, "numerator (Tử số) 'TRUE' (cell E2) is a yes/no value, not a number")]),
    # was: the value read as blank, the row rejected as 'denominator is zero'
    Case("#DIV/0! in a Tỷ lệ cell",
         _error([BOTH, [LA, SNV, SHARE, YEAR, 0, 0, None]], {"G2": "#DIV/0!"}),
         rejects=[(2, "value '#DIV/0!' (cell G2) is a spreadsheet error, not a number")]),
    # was: the numerator read as blank, the value 30 loaded
    Case("#REF! in a Tử số cell",
         _error([BOTH, [LA, SYT, SHARE, YEAR, None, 1000, 30]], {"E2": "#REF!"}),
         rejects=[(2, "numerator (Tử số) '#REF!' (cell E2) is a spreadsheet error")]),
    # was: 'no value' (the error read as a blank cell)
    Case("#N/A in a Giá trị cell",
         _error([LONG, [LA, SNV, SHARE, YEAR, None], [LA, STP, SHARE, YEAR, 80]],
                {"E2": "#N/A"}),
         loads=[(3, "year", None, None, 80.0)],
         rejects=[(2, "value '#N/A' (cell E2) is a spreadsheet error")]),
    # --- a merged cell holds its value for every cell it covers -------------------------------
    # was: only the first row loaded, the others 'indicator is blank' / 'period is blank'
    Case("province, indicator and period merged down the rows",
         Sheet([BOTH,
                [LA, SNV, SHARE, YEAR, 100, 1000, 10],
                [None, STP, None, None, 200, 1000, 20],
                [None, SYT, None, None, 300, 1000, 30],
                [None, SNV, "tthc_e_transfer", None, 400, 1000, 40],
                [None, STP, None, None, 500, 1000, 50]],
               merged=["A2:A6", "C2:C4", "C5:C6", "D2:D6"]).xlsx(),
         loads=[(2, "year", 100.0, 1000.0, 10.0), (3, "year", 200.0, 1000.0, 20.0),
                (4, "year", 300.0, 1000.0, 30.0), (5, "year", 400.0, 1000.0, 40.0),
                (6, "year", 500.0, 1000.0, 50.0)]),
    # was: one quarter loaded (a partial year), three rejected 'agency is blank'
    Case("an agency merged across its four quarters",
         Sheet([LONG, *([LA, SNV if q == QUARTERS[0] else None, COUNT, q, 10]
                        for q in QUARTERS)], merged=["B2:B5"]).xlsx(),
         loads=[(r, "quarter", None, None, 10.0) for r in (2, 3, 4, 5)]),
    # a denominator merged over two indicators' rows counts for both
    Case("a Mẫu số merged down two rows",
         Sheet([BOTH, [LA, SNV, SHARE, YEAR, 553, 1000, None],
                [LA, SNV, "tthc_e_transfer", YEAR, 300, None, None]], merged=["F2:F3"]).xlsx(),
         loads=[(2, "year", 553.0, 1000.0, 55.3), (3, "year", 300.0, 1000.0, 30.0)]),
    # unchanged: a blank cell with no merge is blank (the agency may have forgotten it)
    Case("an agency written once, the cells below left blank (no merge)",
         Sheet([LONG, *([LA, SNV if q == QUARTERS[0] else None, COUNT, q, 10]
                        for q in QUARTERS)]).xlsx(),
         loads=[(2, "quarter", None, None, 10.0)],
         rejects=[(3, "agency is blank"), (4, "agency is blank"), (5, "agency is blank")]),
]  # fmt: skip


warehouse = case_table("agency_workbooks", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_agency_workbooks(warehouse: Path, case: Case) -> None:
    cols = "source_row, period_kind, numerator, denominator, value"
    got = case_load(warehouse, CASES, case, cols, "1, 5")
    if case.refused:
        assert got.status == "quarantined" and case.refused in got.error, got.error
        return
    assert got.status == "loaded", got.error
    assert got.rows == [tuple(_approx(v) for v in t) for t in case.loads]
    assert_rejected(got.rejects, case.rejects)
    assert_told([m for _, m in got.issues], case.notes)


def _approx(v: object) -> object:
    return pytest.approx(v) if isinstance(v, float) else v


def test_a_count_in_a_percent_cell_through_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """A scheduled job's view: counts in a table formatted as % load as the counts, the run
    is clean (exit 0) and its summary points at the warning."""
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    data = Sheet([LONG, [LA, SNV, COUNT, YEAR, 45]], percent={"E2:E2": "0%"}).xlsx()
    (tmp_path / "bao_cao.xlsx").write_bytes(data)
    db = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(tmp_path / "bao_cao.xlsx"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "1 rows loaded, 0 rows rejected" in out and "1 header warnings" in out, out
    sql = "select value from metric_observations"
    assert main(["query", "--db", db, "--format", "csv", sql]) == 0
    assert capsys.readouterr().out.split() == ["value", "45.0"]
