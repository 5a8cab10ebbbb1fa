"""Total and subtotal rows as agencies write them under (or among) their rows, and agency
columns headed by what their rows are, through ``parplan ingest`` (issue 14, loud36).

A total row ("Tổng cộng", "Cộng các huyện", "Tổng cộng" written in the STT or the Tỉnh
column) is the sum of the agencies' rows, which the marts add up themselves. One that agrees
with the rows it sums - or that sums shares, which do not add up, so nothing can disagree -
loses no figure: it is kept out of the marts with a note, and the file is clean (DESIGN.md:
exit 0). One that disagrees with its rows says a figure above it is wrong or missing: it is
rejected naming both numbers (exit 3). A total with no agencies' rows beside it is the only
figure the file gives: rejected (exit 3), as before.

Each case is one file in a warehouse of its own: the exit code, the summary, what loads
(source row, agency as written, Tử số, Mẫu số, value), the rows rejected with a part of the
reason, and what the file is told.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from parplan.cli import main
from tests.helpers import assert_loaded_as, csv_bytes, file_load

LA = "Long An"
DOS = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"
SAT = "Mức độ hài lòng về giải quyết TTHC"
Y23 = "Năm 2023"
CG, BL = "UBND huyện Cần Giuộc", "UBND huyện Bến Lức"
NV, TP = "Sở Nội vụ", "Sở Tư pháp"
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
DISTRICTS = [[LA, CG, DOS, Y23, "120", "200"], [LA, BL, DOS, Y23, "50", "100"]]
LOADED = [(2, CG, 120.0, 200.0, 60.0), (3, BL, 50.0, 100.0, 50.0)]
KEPT = "a total row"  # part of the note on a total row kept out
CLEAN = "0 rows rejected"


def _xlsx(rows: list[list[object]]) -> bytes:
    """One sheet; digits are number cells, as a spreadsheet holds counts."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v not in (None, ""):
                    ws.write(r, c, int(v) if isinstance(v, str) and v.isdigit() else v)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    code: int  # the exit code (DESIGN.md)
    summary: list[str]  # parts of the summary line
    loads: list[tuple[object, ...]]  # row, agency as written, Tử số, Mẫu số, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.csv"


CASES = [
    # --- a total of every unit of a kind -------------------------------------------------------
    # was: loaded as an agency named 'Cộng các huyện' (waiting in the review queue), exit 3
    Case(
        "the districts' total, 'Cộng các huyện'",
        csv_bytes([COUNTS, *DISTRICTS, [LA, "Cộng các huyện", DOS, Y23, "170", "300"]]),
        0,
        ["2 rows loaded", CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Cộng các huyện')"],
    ),
    Case(
        "the districts' total, 'Tổng các huyện'",
        csv_bytes([COUNTS, *DISTRICTS, [LA, "Tổng các huyện", DOS, Y23, "170", "300"]]),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng các huyện')"],
    ),
    Case(
        "the units' total, 'Tổng cộng các đơn vị'",
        csv_bytes([COUNTS, *DISTRICTS, [LA, "Tổng cộng các đơn vị", DOS, Y23, "170", "300"]]),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng cộng các đơn vị')"],
    ),
    # --- the label outside the agency column -------------------------------------------------------
    # was: rejected, "agency is blank", exit 3
    Case(
        "'Tổng cộng' in the STT column, the rest of the row blank but its counts",
        csv_bytes(
            [
                ["STT", *COUNTS],
                ["1", *DISTRICTS[0]],
                ["2", *DISTRICTS[1]],
                ["Tổng cộng", "", "", "", "", "170", "300"],
            ]
        ),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng cộng')"],
    ),
    Case(
        "'Tổng cộng' in the Tỉnh column",
        csv_bytes([COUNTS, *DISTRICTS, ["Tổng cộng", "", "", "", "170", "300"]]),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng cộng')"],
    ),
    Case(
        "'Tổng cộng' in the Tỉnh column of a workbook, counts as number cells",
        _xlsx([COUNTS, *DISTRICTS, ["Tổng cộng:", "", "", "", "170", "300"]]),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng cộng:')"],
        name="bao_cao.xlsx",
    ),
    # --- whether the total agrees ------------------------------------------------------------------
    # was: rejected ("is a total row"), exit 3, though it is the sum of the rows above it
    Case(
        "a total that is the sum of the rows above it",
        csv_bytes([COUNTS, *DISTRICTS, [LA, "Tổng cộng", DOS, Y23, "170", "300"]]),
        0,
        [CLEAN, "1 total row kept out"],
        LOADED,
        told=[f"row 4: {KEPT} ('Tổng cộng')"],
    ),
    Case(
        "a total of shares (no counts: shares do not add up, nothing to disagree with)",
        csv_bytes(
            [
                ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"],
                [LA, NV, SAT, Y23, "95"],
                [LA, TP, SAT, Y23, "91"],
                [LA, "Tổng cộng", SAT, Y23, "93"],
            ]
        ),
        0,
        [CLEAN, "1 total row kept out"],
        [(2, NV, None, None, 95.0), (3, TP, None, None, 91.0)],
        told=[f"row 4: {KEPT} ('Tổng cộng')"],
    ),
    # subtotals per district after their units, and the grand total: each agrees with its rows
    Case(
        "a subtotal per district and the grand total",
        csv_bytes(
            [
                COUNTS,
                DISTRICTS[0],
                [LA, "Cộng huyện Cần Giuộc", DOS, Y23, "120", "200"],
                DISTRICTS[1],
                [LA, "Cộng huyện Bến Lức", DOS, Y23, "50", "100"],
                [LA, "Tổng cộng", DOS, Y23, "170", "300"],
            ]
        ),
        0,
        [CLEAN, "3 total rows kept out"],
        [(2, CG, 120.0, 200.0, 60.0), (4, BL, 50.0, 100.0, 50.0)],
        told=[
            "rows 3, 5, 6: total rows ('Cộng huyện Cần Giuộc', 'Cộng huyện Bến Lức', 'Tổng cộng')"
        ],
    ),
    # a total whose Tử số is not the sum of its rows': a figure above it is wrong or missing
    Case(
        "a total that does not agree with its rows",
        csv_bytes([COUNTS, *DISTRICTS, [LA, "Tổng cộng", DOS, Y23, "190", "300"]]),
        3,
        ["2 rows loaded, 1 rows rejected (see metric_rejects)"],
        LOADED,
        rejects=[
            (
                4,
                "'Tổng cộng' is a total row that does not agree with the 2 rows it "
                "sums: Tử số 190, where they add up to 170",
            )
        ],
    ),
    Case(
        "a total in the Tỉnh column that does not agree",
        csv_bytes([COUNTS, *DISTRICTS, ["Tổng cộng", "", "", "", "170", "310"]]),
        3,
        ["1 rows rejected"],
        LOADED,
        rejects=[(4, "Mẫu số 310, where they add up to 300")],
    ),
    # the province's figure alone, with no agencies' rows: nothing else gives it
    Case(
        "a total row with no agencies' rows to sum",
        csv_bytes([COUNTS, [LA, "Toàn tỉnh", DOS, Y23, "170", "300"]]),
        3,
        ["0 rows loaded, 1 rows rejected"],
        [],
        rejects=[(2, "'Toàn tỉnh' is a total row, not an agency")],
    ),
    # --- agency columns headed by what their rows are ---------------------------------------------
    # was: quarantined, "no header row with an agency column"
    Case(
        "departments and boards: 'Sở, ban, ngành'",
        csv_bytes(
            [
                ["Tỉnh", "Sở, ban, ngành", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
                [LA, NV, DOS, Y23, "300", "400"],
                [LA, TP, DOS, Y23, "100", "200"],
            ]
        ),
        0,
        ["2 rows loaded", CLEAN],
        [(2, NV, 300.0, 400.0, 75.0), (3, TP, 100.0, 200.0, 50.0)],
    ),
    Case(
        "departments: 'Sở, ngành'",
        csv_bytes(
            [["Tỉnh", "Sở, ngành", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"], [LA, NV, SAT, Y23, "95"]]
        ),
        0,
        ["1 rows loaded", CLEAN],
        [(2, NV, None, None, 95.0)],
    ),
    # ministries: the column is read; their figures have no province (a national report),
    # which the summary says, as for any file without one
    Case(
        "ministries: 'Bộ, ngành'",
        csv_bytes(
            [
                ["Bộ, ngành", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"],
                ["Bộ Tư pháp", SAT, Y23, "90"],
                ["Bộ Y tế", SAT, Y23, "88"],
            ]
        ),
        3,
        ["2 rows loaded", CLEAN, "2 figures kept out of the marts with no province"],
        [(2, "Bộ Tư pháp", None, None, 90.0), (3, "Bộ Y tế", None, None, 88.0)],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_total_rows_and_agency_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Case
) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / case.name).write_bytes(case.data)
    db = tmp_path / "parplan.duckdb"
    code = main(["ingest", "--db", str(db), str(tmp_path / "inbox" / case.name)])
    out = capsys.readouterr().out
    summary = next((line for line in out.splitlines() if " files: " in f" {line}"), "")
    assert code == case.code, out
    for part in case.summary:
        assert part in summary, (part, summary)
    got = file_load(
        db, f"%{case.name}", "source_row, agency_raw, numerator, denominator, value", "1"
    )
    assert_loaded_as(got, case.loads, case.rejects, case.told)
