"""Metric files as agencies write them that a tester still found refused or rejected whole
(issue 14, trial 3): a Parquet export with a list-typed note column, a CSV saved as
Windows-1258 by old office software, numbers carrying Excel's text prefix (``'1.234``), and
one sheet holding two tables. One ``parplan ingest`` of every case's file, each in its own
folder; per case the file's status (and the words its refusal must hold), what loads (source
row, agency as written, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from tests.helpers import (
    assert_rejected,
    assert_told,
    case_load,
    case_table,
    cp1258,
    csv_bytes,
    export_parquet,
)

COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
LA, DOS = "Long An", "dossier_online_share"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
Y23 = "Năm 2023"


def _xlsx(rows: list[list[object]], merged: list[int] = ()) -> bytes:  # type: ignore[assignment]
    """One sheet as an office lays it out; each row of ``merged`` (0-based) is one text
    merged across the table's width (a caption)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        for r, row in enumerate(rows):
            if r in merged:
                ws.merge_range(r, 0, r, len(COUNTS) - 1, str(row[0]))
                continue
            for c, v in enumerate(row):
                if v is not None:  # a count is a number cell
                    ws.write(r, c, int(v) if str(v).isdigit() else v)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    status: str = "loaded"
    refusal: list[str] = field(default_factory=list)  # words the quarantine reason holds
    loads: list[tuple[int, str, float]] = field(default_factory=list)  # row, agency, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note


GROUPED = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Số hồ sơ", ""]  # a group over two
SUB = ["", "", "", "", "Tử số", "Mẫu số"]
ROWS_2023 = [[LA, NV, DOS, Y23, "300", "1000"], [LA, TP, DOS, Y23, "450", "1000"]]
TABLE_2024 = [[LA, NV, DOS, "Năm 2024", "600", "1000"], [LA, TP, DOS, "Năm 2024", "700", "1000"]]
LOADS_TWO_TABLES = [(3, NV, 30.0), (4, TP, 45.0), (8, NV, 60.0), (9, TP, 70.0)]
TOLD_TWO_TABLES = [
    "row 6: section heading with no figure ('Bảng 2. Năm 2024')",
    "row 7: the header row again",
]

CASES = [
    # --- a column of a type no reader reads ------------------------------------------------
    # was: the whole file quarantined, "cannot cast List type", naming no column
    Case("a list-typed note column in a Parquet export",
         export_parquet(**{"Tử số": [300, 400, 500], "Mẫu số": [1000] * 3,
                     "Ghi chú": pl.Series([["đã rà soát"], [], None], dtype=pl.List(pl.String))}),
         name="bao_cao.parquet", loads=[(1, NV, 30.0), (2, TP, 40.0), (3, YT, 50.0)],
         told=["column 'Ghi chú' (column 7) holds lists of text"]),
    # the same for a struct column no role reads (a source record a database nests)
    Case("a struct-typed source column in a Parquet export",
         export_parquet(**{"Tử số": [300, 400, 500], "Mẫu số": [1000] * 3,
                     "Nguồn": [{"he_thong": "DVC", "lan": 1}] * 3}),
         name="bao_cao.parquet", loads=[(1, NV, 30.0), (2, TP, 40.0), (3, YT, 50.0)],
         told=["column 'Nguồn' (column 7) holds records"]),
    # a figure column of lists plays a role: refused, naming the column, its role and type
    Case("a list-typed value column in a Parquet export",
         export_parquet(**{"Giá trị": pl.Series([[30.0], [40.0], [50.0]])}), name="bao_cao.parquet",
         status="quarantined", refusal=["column 'Giá trị'", "value", "lists of numbers"]),
    # --- a CSV saved as Windows-1258 (Vietnamese ANSI) -------------------------------------
    # was: quarantined, "re-save as UTF-8"; its letters are Vietnamese read as Windows-1258
    # (tones as combining marks, composed again: the names resolve as typed in Unicode)
    Case("a CSV saved as Windows-1258", cp1258([COUNTS, *ROWS_2023]),
         loads=[(2, NV, 30.0), (3, TP, 45.0)], told=["read as Windows-1258"]),
    # a UTF-8 file with one line of other bytes: its text is UTF-8, the line is broken
    Case("a UTF-8 CSV with one line that is not",
         csv_bytes([COUNTS, *ROWS_2023]) + cp1258([[LA, YT, DOS, Y23, "5", "10"]]),
         status="quarantined", refusal=["line 4", "not UTF-8"]),
    # bytes Windows-1258 does not define (0x81, 0x8d) cannot be Vietnamese text: refused
    Case("a CSV in neither UTF-8 nor Windows-1258",
         cp1258([COUNTS, *ROWS_2023]).replace(b"300", b"\x81\x8d\x90"),
         status="quarantined", refusal=["not UTF-8", "nor Vietnamese text in Windows-1258"]),
    # --- Excel's text prefix exported into the CSV ------------------------------------------
    # was: "''1.234' is not a number"; the apostrophe only kept Excel from reading a number
    Case("numbers written with a leading apostrophe",
         b"\xef\xbb\xbf" + ";".join(COUNTS).encode() + b"\r\n"
         + f"{LA};{NV};{DOS};{Y23};'1.234;'2.468\r\n{LA};{TP};{DOS};{Y23};'300;'1000\r\n".encode(),
         loads=[(2, NV, 50.0), (3, TP, 30.0)]),
    # an apostrophe before a share in a Giá trị column, under the column's convention
    Case("a share written with a leading apostrophe",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
                    [LA, NV, "sat_tthc", Y23, "'87,5"], [LA, TP, "sat_tthc", Y23, "'90"]]),
         loads=[(2, NV, 87.5), (3, TP, 90.0)]),
    # an apostrophe before text is still text: the row is rejected naming the value
    Case("an apostrophe before a word in a count column",
         csv_bytes([COUNTS, [LA, NV, DOS, Y23, "'chưa có", "1000"], ROWS_2023[1]]),
         loads=[(3, TP, 45.0)], rejects=[(2, "'chưa có' is not a number")]),
    # --- two tables on one sheet: a caption and the header again -----------------------------
    # a caption alone in its first cell, the header repeated: skipped with notes (exit 0)
    Case("two tables in one CSV",
         csv_bytes([["Bảng 1. Năm 2023"], COUNTS, *ROWS_2023, [], ["Bảng 2. Năm 2024"], COUNTS,
                    *TABLE_2024]),
         loads=LOADS_TWO_TABLES, told=TOLD_TWO_TABLES),
    # the same in a workbook, each caption a cell merged across the table
    Case("two tables in one sheet, captions merged across",
         _xlsx([["Bảng 1. Năm 2023"], COUNTS, *ROWS_2023, [], ["Bảng 2. Năm 2024"], COUNTS,
                *TABLE_2024], merged=[0, 5]),
         name="bao_cao.xlsx", loads=LOADS_TWO_TABLES, told=TOLD_TWO_TABLES),
    # was: the second table's two-row header (a group over Tử số / Mẫu số) rejected as two
    # rows of data ("period 'Kỳ báo cáo'", "agency is blank")
    Case("two tables with a two-row header each",
         csv_bytes([GROUPED, SUB, *ROWS_2023, ["Bảng 2. Năm 2024"], GROUPED, SUB, *TABLE_2024]),
         loads=[(3, NV, 30.0), (4, TP, 45.0), (8, NV, 60.0), (9, TP, 70.0)],
         told=["row 5: section heading with no figure ('Bảng 2. Năm 2024')",
               "rows 6, 7: the header row again"]),
    # was: rejected as a row of data ("period 'Phần II. Khối huyện'"); a merged caption
    # some exports write into every cell it spans (a caption with a digit in every cell
    # reads as figures: still rejected, loudly)
    Case("a caption written into every cell of its row",
         csv_bytes([COUNTS, *ROWS_2023, ["Phần II. Khối huyện"] * len(COUNTS), COUNTS, *TABLE_2024]),
         loads=[(2, NV, 30.0), (3, TP, 45.0), (6, NV, 60.0), (7, TP, 70.0)],
         told=["row 4: section heading with no figure ('Phần II. Khối huyện')",
               "row 5: the header row again"]),
    # a caption that is no section number and carries no year, over a header repeated
    Case("a caption in words over the second table",
         csv_bytes([COUNTS, *ROWS_2023, ["Các đơn vị báo cáo bổ sung"], COUNTS, *TABLE_2024]),
         loads=[(2, NV, 30.0), (3, TP, 45.0), (6, NV, 60.0), (7, TP, 70.0)],
         told=["row 4: section heading with no figure", "row 5: the header row again"]),
]  # fmt: skip


warehouse = case_table("agency_leftovers", CASES, 1)  # a file quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, agency_raw, value")
    assert got.status == case.status, got.error
    for part in case.refusal:
        assert part in (got.error or ""), got.error
    assert got.rows == [(r, a, pytest.approx(v)) for r, a, v in case.loads]
    assert_rejected(got.rejects, case.rejects)
    assert_told(got.said(), case.told)
