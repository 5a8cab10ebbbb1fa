"""Metric files as agencies send them: every number loaded is the number the agency meant,
or the row (or the file) is refused with a reason that names what is wrong.

One row per case: the file, what loads (source row, period kind, numerator, denominator,
value, province), which rows are rejected and why, or why the whole file is refused.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from extractors.reference import BUNDLED
from parplan.cli import main
from tests.helpers import (
    assert_rejected,
    assert_told,
    case_load,
    case_table,
    csv_bytes,
    rewrite_zip,
)
from warehouse.database import Warehouse

LONG = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
COUNTS = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
BOTH = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
SYT, IND = "Sở Y tế", "dossier_online_share"
GROUPED_TOP = ["Tỉnh", "Cơ quan", "Kỳ báo cáo", "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4",
               "", "", "Mức độ hài lòng về giải quyết TTHC (%)"]  # fmt: skip
GROUPED_SUB = ["", "", "", "Tử số", "Mẫu số", "Tỷ lệ (%)", ""]


def _long(*rows: list[object], header: list[str] = LONG, **kw: Any) -> bytes:
    return csv_bytes([header, *rows], **kw)


@dataclass(frozen=True)
class Pct:
    """A number cell shown with a percent format."""

    value: float
    fmt: str = "0.0%"


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: float | str | None = None


def _xlsx(
    rows: list[list[object]],
    title: list[str] = [],  # noqa: B006 - read only
    sheets: list[tuple[str, list[list[object]], str]] | None = None,
    trust_cache: bool = False,
) -> bytes:
    """A workbook: the data sheet (after ``sheets`` given before it: name, rows, state in
    hidden | visible | active), number cells, percent cells, formulas."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        fmts: dict[str, Any] = {}
        for name, other, state in sheets or []:
            ws = wb.add_worksheet(name)
            for r, row in enumerate(other):
                ws.write_row(r, 0, row)
            if state == "hidden":
                ws.hide()
        ws = wb.add_worksheet("Báo cáo")
        if sheets and not any(state == "active" for _, _, state in sheets):
            ws.activate()
        for r, line in enumerate(title):
            ws.write(r, 0, line)
        for r, row in enumerate(rows, start=len(title)):
            for c, v in enumerate(row):
                if isinstance(v, Pct):
                    fmts.setdefault(v.fmt, wb.add_format({"num_format": v.fmt}))
                    ws.write_number(r, c, v.value, fmts[v.fmt])
                elif isinstance(v, date):  # a date cell, shown as the agency typed it
                    fmts.setdefault("date", wb.add_format({"num_format": "mm/yyyy"}))
                    ws.write_datetime(r, c, datetime.combine(v, time()), fmts["date"])
                elif isinstance(v, Formula):
                    ws.write_formula(r, c, v.formula, None, "" if v.cached is None else v.cached)
                elif v is not None:
                    ws.write(r, c, v)
        for name, _, state in sheets or []:
            if state == "active":
                wb.get_worksheet_by_name(name).activate()  # type: ignore[union-attr]
    data = buf.getvalue()
    if trust_cache:  # as a spreadsheet saves it: the cached values stand
        data = rewrite_zip(
            data, "xl/workbook.xml", lambda b: re.sub(rb'\s*fullCalcOnLoad="1"', b"", b)
        )
    return data


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[object, ...]] = field(default_factory=list)  # row, kind, num, den, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    refused: str | None = None  # part of the reason the whole file is refused
    notes: list[str] = field(default_factory=list)  # part of each warning or note on the file
    gap: str | None = None  # a known gap: what still goes wrong (an xfail, strict)


CASES = [
    # --- periods: a month is a month, never the year it falls in --------------------------
    # was: the year 2022, added to the annual report
    Case("a December report", _long([SYT, IND, "Tháng 12/2022", "81,5"]),
         loads=[(2, "month", None, None, 81.5)]),
    # was: the year 2023
    Case("a month as 12/2023", _long([SYT, IND, "12/2023", "80"]),
         loads=[(2, "month", None, None, 80.0)]),
    # was: the year 2023
    Case("a month as 2023-12", _long([SYT, IND, "2023-12", "80"]),
         loads=[(2, "month", None, None, 80.0)]),
    # was: a whole calendar year
    Case("a school year", _long([SYT, IND, "Năm học 2022-2023", "80"]),
         loads=[(2, "school_year", None, None, 80.0)]),
    # was: the year 2023, as if complete
    Case("nine months are not a year", _long([SYT, IND, "9 tháng năm 2023", "80"]),
         loads=[(2, "nine_months", None, None, 80.0)]),
    # was: the year 2023, as if complete
    Case("cumulative to June", _long([SYT, IND, "Lũy kế đến tháng 6/2023", "80"]),
         loads=[(2, "cumulative", None, None, 80.0)]),
    # was: the year 2023
    Case("month 13", _long([SYT, IND, "2023-13", "80"]),
         rejects=[(2, "period '2023-13': month 13 is not 1-12")]),
    # was: the year 2023
    Case("quarter 5", _long([SYT, IND, "Quý 5 năm 2023", "80"]),
         rejects=[(2, "period 'Quý 5 năm 2023': quarter 5 is not 1-4")]),
    # was: a report for 2024 (a target loaded as an actual)
    Case("a plan figure is not a report", _long([SYT, IND, "Kế hoạch 2024", "80"]),
         rejects=[(2, "period 'Kế hoạch 2024': a plan")]),
    # was: twelve 'annual' rows of one year, no duplicate check
    Case("a monthly file: twelve months, not twelve years",
         _long(*[[SYT, IND, f"Tháng {m}/2023", "80"] for m in range(1, 13)]),
         loads=[(r, "month", None, None, 80.0) for r in range(2, 14)]),
    # was: rejected, the cell read as '2023-12-01 00:00:00' is no period
    Case("a date cell in the period column: the month it falls in",
         _xlsx([LONG, [SYT, IND, date(2023, 12, 1), 80]]), "bao_cao.xlsx",
         loads=[(2, "month", None, None, 80.0)]),
    # was: rejected as no period
    Case("an ISO date in the period column: the month it falls in",
         _long([SYT, IND, "2023-11-01", "80"]), loads=[(2, "month", None, None, 80.0)]),
    # was: 'not a period', not saying what is wrong with it
    Case("a date that does not exist", _long([SYT, IND, "2023-02-30", "80"]),
         rejects=[(2, "period '2023-02-30': 2023-02-30 is not a date")]),
    # the title's quarter, not the year it names
    Case("a file without a period column: the quarter its title names",
         _xlsx([["Cơ quan", "Chỉ tiêu", "Giá trị"], [SYT, IND, 80]],
               title=["BÁO CÁO KẾT QUẢ CCHC QUÝ I NĂM 2023"]),
         "bao_cao.xlsx", loads=[(3, "quarter", None, None, 80.0)]),
    # --- numbers in XLSX cells keep their type ----------------------------------------------
    # was: 88456 (the number re-read as Vietnamese text)
    Case("a number cell 88.456 is 88.456, not 88456",
         _xlsx([LONG, [SYT, IND, "2023", 88.456]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 88.456)]),
    # was: 0.553 (the percent format ignored)
    Case("a percent cell: 0.553 shown as 55.3% is 55.3",
         _xlsx([LONG, [SYT, IND, "2023", Pct(0.553)]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 55.3)]),
    # was: 0.9 and 1
    Case("a whole percent column", _xlsx([LONG, [SYT, IND, "2023", Pct(0.9, "0%")],
                                          ["Sở Tư pháp", IND, "2023", Pct(1, "0%")]]),
         "bao_cao.xlsx", loads=[(2, "year", None, None, 90.0), (3, "year", None, None, 100.0)]),
    # each cell read as what it is: a number as itself, text with the column's convention
    Case("number cells and a text cell in one column",
         _xlsx([LONG, [SYT, IND, "2023", 88.456], ["Sở Tư pháp", IND, "2023", "90,5"]]),
         "bao_cao.xlsx",
         loads=[(2, "year", None, None, 88.456), (3, "year", None, None, 90.5)]),
    # was: 1.1 and 2.2 (calamine's float reading of the text); read as a CSV's text is
    Case("text cells 1.100 and 2.200 in a workbook: eleven hundred, as in a CSV",
         _xlsx([COUNTS, [SYT, IND, "2023", "1.100", "2.200"]]), "bao_cao.xlsx",
         loads=[(2, "year", 1100.0, 2200.0, 50.0)]),
    # a count stored as a number beside a period written as text
    Case("a count cell 1234 with a text year", _xlsx([COUNTS, [SYT, IND, "Năm 2023", 617, 1234]]),
         "bao_cao.xlsx", loads=[(2, "year", 617.0, 1234.0, 50.0)]),
    # a spreadsheet's saved result is the value
    Case("a formula with its cached value",
         _xlsx([BOTH, [SYT, IND, "2023", 40, 80, Formula("=D2/E2*100", 50)]], trust_cache=True),
         "bao_cao.xlsx", loads=[(2, "year", 40.0, 80.0, 50.0)]),
    # was: 0
    Case("a formula never computed is refused, not 0",
         _xlsx([LONG, [SYT, IND, "2023", Formula("=1/3")]], trust_cache=True), "bao_cao.xlsx",
         rejects=[(2, "a formula without a cached value")]),
    # was: the 0 the writing program cached
    Case("formulas a program wrote, asking for recalculation: no value to trust",
         _xlsx([LONG, [SYT, IND, "2023", Formula("=40/80*100", 0)]]), "bao_cao.xlsx",
         rejects=[(2, "a formula without a cached value")]),
    # --- two header rows: a merged group's sub-columns are its indicator's figures ---------
    # was: only the 92 loaded; 400, 800 and 50 vanished with no reject and no warning
    Case("a wide CSV with a merged group of counts and a share",
         csv_bytes([GROUPED_TOP, GROUPED_SUB, ["Long An", "Sở Nội vụ", "Năm 2024", "400", "800", "50",
                                               "92"]]),
         loads=[(3, "year", 400.0, 800.0, 50.0), (3, "year", None, None, 92.0)]),
    # was: the same, from a workbook whose group cell is merged over its three sub-columns
    Case("a wide workbook with a merged group cell",
         rewrite_zip(_xlsx([GROUPED_TOP, GROUPED_SUB,
                            ["Long An", "Sở Nội vụ", "Năm 2024", 400, 800, 50, 92]]),
                     "xl/worksheets/sheet1.xml",
                     lambda b: b.replace(b"</sheetData>",
                                         b'</sheetData><mergeCells count="1">'
                                         b'<mergeCell ref="D1:F1"/></mergeCells>')),
         "bao_cao.xlsx",
         loads=[(3, "year", 400.0, 800.0, 50.0), (3, "year", None, None, 92.0)]),
    # was: the Giá trị column dropped without a word (a wide file reads only its indicators)
    Case("a wide file with a stray value column: a warning names it",
         _long([SYT, "2023", "85", "92"],
               header=["Cơ quan", "Kỳ báo cáo", "Giá trị", "Mức độ hài lòng về giải quyết TTHC (%)"]),
         loads=[(2, "year", None, None, 92.0)],
         notes=["column 'Giá trị' (column 3) was taken for the value, but a wide file"]),
    # --- numbers a workbook stores as text: the convention their column proves, as in a CSV ----
    # was: 1.5 and 3.0 (calamine's float reading of the text), a 50% share of 1.5 dossiers
    # (4.500 proves the denominators Vietnamese: a count of 4.5 is no count)
    Case("text counts 1.500 / 3.000 in a workbook are thousands",
         _xlsx([COUNTS, [SYT, IND, "2022", "1.500", "3.000"], [SYT, IND, "2023", "1.800", "4.500"]]),
         "bao_cao.xlsx",
         loads=[(2, "year", 1500.0, 3000.0, 50.0), (3, "year", 1800.0, 4500.0, 40.0)]),
    # as in a CSV: counts are whole, so 1,500 is fifteen hundred (4,500 is no 4.5 dossiers)
    Case("text counts 1,500 / 3,000 in a workbook are thousands",
         _xlsx([COUNTS, [SYT, IND, "2022", "1,500", "3,000"], [SYT, IND, "2023", "1,800", "4,500"]]),
         "bao_cao.xlsx",
         loads=[(2, "year", 1500.0, 3000.0, 50.0), (3, "year", 1800.0, 4500.0, 40.0)]),
    # as in a CSV: a count column whose every value reads two whole ways proves nothing
    Case("text counts 1,500 / 3,000 alone: the denominator is ambiguous",
         _xlsx([COUNTS, [SYT, IND, "2023", "1,500", "3,000"]]), "bao_cao.xlsx",
         rejects=[(2, "'3,000' reads 3000 (English) or 3 (Vietnamese) and the column proves")]),
    # was: 88.456, although 92,5 in the same column proves the Vietnamese convention
    Case("a text 88.456 in a column that proves Vietnamese is 88456",
         _xlsx([LONG, [SYT, IND, "2022", "92,5"], [SYT, IND, "2023", "88.456"]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 92.5)],
         rejects=[(3, "88456")]),
    # was: 2.468 (the English reading, guessed)
    Case("a text 2.468 in a column that proves nothing is ambiguous",
         _xlsx([LONG, [SYT, IND, "2023", "2.468"]]), "bao_cao.xlsx",
         rejects=[(2, "reads 2.468 (English) or 2468 (Vietnamese) and the column proves neither")]),
    # was: 1.1 (the text read as a float); a number cell stays the number it is
    Case("a number cell 2.5 and a text 1.100 in a column proving Vietnamese",
         _xlsx([LONG, [SYT, IND, "2021", 2.5], [SYT, IND, "2022", "1,5"],
                [SYT, IND, "2023", "1.100"]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 2.5), (3, "year", None, None, 1.5)],
         rejects=[(4, "1100")]),
    # as in a CSV: refused, not guessed cell by cell
    Case("a workbook column of text mixing 1,100 and 1.234,5",
         _xlsx([LONG, [SYT, IND, "2022", "1,100"], [SYT, IND, "2023", "1.234,5"]]),
         "bao_cao.xlsx",
         rejects=[(2, "mixes the Vietnamese ('1.234,5') and the English ('1,100')"),
                  (3, "mixes the Vietnamese")]),
    # --- a percent format is the cell's, whatever the other cells of the column show -------
    # was: 0.926 and 91.2 (the column's first cells disagree, so no cell was a percent)
    Case("a percent cell 0.926 above a plain 91.2",
         _xlsx([LONG, [SYT, IND, "2022", Pct(0.926)], [SYT, IND, "2023", 91.2]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 92.6), (3, "year", None, None, 91.2)]),
    # was: 0.45
    Case("plain 92.6 and 91.2, then 0.45 shown as 45%",
         _xlsx([LONG, [SYT, IND, "2021", 92.6], [SYT, IND, "2022", 91.2],
                [SYT, IND, "2023", Pct(0.45, "0%")]]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 92.6), (3, "year", None, None, 91.2),
                (4, "year", None, None, 45.0)]),
    # --- numbers written as text: the convention the column proves ----------------------------
    # was: 1.1 and 2.2
    Case("English counts: 1,100 is eleven hundred",
         _long([SYT, IND, "2023", "1,100", "2,200"], header=COUNTS),
         loads=[(2, "year", 1100.0, 2200.0, 50.0)]),
    # the Vietnamese reading stays where the column proves it
    Case("Vietnamese counts: 1.100 is eleven hundred",
         _long([SYT, IND, "2023", "1.100", "2.200"], header=COUNTS),
         loads=[(2, "year", 1100.0, 2200.0, 50.0)]),
    # was: guessed cell by cell
    Case("a column mixing 1,100 and 1.234,5",
         _long([SYT, IND, "2022", "1,100"], [SYT, IND, "2023", "1.234,5"]),
         rejects=[(2, "mixes the Vietnamese ('1.234,5') and the English ('1,100')"),
                  (3, "mixes the Vietnamese")]),
    # was: read as Vietnamese without proof
    Case("a value column that proves no convention",
         _long([SYT, IND, "2022", "1,125"], [SYT, IND, "2023", "2,250"]),
         rejects=[(2, "reads 1125 (English) or 1.125 (Vietnamese)"), (3, "proves neither")]),
    # one value that proves the convention settles the column
    Case("a value column proven Vietnamese by 52,5",
         _long([SYT, IND, "2022", "1,125"], [SYT, IND, "2023", "52,5"]),
         loads=[(2, "year", None, None, 1.125), (3, "year", None, None, 52.5)]),
    # --- counts and value on one row must agree -----------------------------------------------
    # was: both loaded, the marts used 50%
    Case("400 of 800 is not 90%", _long([SYT, IND, "2023", "400", "800", "90"], header=BOTH),
         rejects=[(2, "400/800 is 50% but the value is 90")]),
    # agreeing counts and value load
    Case("400 of 800 is 50%", _long([SYT, IND, "2023", "400", "800", "50"], header=BOTH),
         loads=[(2, "year", 400.0, 800.0, 50.0)]),
    # a value rounded to its printed digit agrees with its counts
    Case("1 of 3 is 33,3 to the digit printed",
         _long([SYT, IND, "2023", "1", "3", "33,3"], header=BOTH),
         loads=[(2, "year", 1.0, 3.0, 33.3)]),
    # past half a unit of the printed digit: rejected
    Case("1 of 3 is not 33,4", _long([SYT, IND, "2023", "1", "3", "33,4"], header=BOTH),
         rejects=[(2, "1/3 is 33.33% but the value is 33.4")]),
    # --- headers: every column understood or reported ------------------------------------------
    # was: the numerator dropped, the method switched silently (77.81 -> 78.99)
    Case("a typo in Tử số: still the numerator",
         _long([SYT, IND, "2023", "400", "800"],
               header=["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tửso", "Mẫu số"]),
         loads=[(2, "year", 400.0, 800.0, 50.0)], notes=["'Tửso'"]),
    # was: a 'wide' file, every row rejected, exit 0
    Case("a typo in Mã chỉ tiêu: still a long file",
         _long([SYT, IND, "2023", "80"], header=["Cơ quan", "Mã chỉ tiu", "Năm", "Giá trị"]),
         loads=[(2, "year", None, None, 80.0)], notes=["'Mã chỉ tiu'"]),
    # was: no header recognised
    Case("a database export with identifiers as headers",
         _long([SYT, IND, "2023", "400", "800"],
               header=["co_quan", "chi_tieu", "ky_bao_cao", "tu_so", "mau_so"]),
         loads=[(2, "year", 400.0, 800.0, 50.0)],
         notes=[f"'{h}' taken for the {r}" for h, r in [
             ("co_quan", "agency"), ("chi_tieu", "indicator"), ("ky_bao_cao", "period"),
             ("tu_so", "numerator"), ("mau_so", "denominator")]]),
    # was: the first one used silently
    Case("two value columns: refused, naming both",
         _long([SYT, IND, "2023", "80", "81"],
               header=["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị", "Kết quả"]),
         refused="'Giá trị' (column 4) and 'Kết quả' (column 5) were all taken for the value"),
    # was: the first one used silently
    Case("two agency columns: refused",
         _long([SYT, "Sở Y tế", IND, "2023", "80"],
               header=["Cơ quan", "Đơn vị", "Chỉ tiêu", "Năm", "Giá trị"]),
         refused="were all taken for the agency"),
    # was: the value used, the count dropped silently
    Case("a numerator without a denominator: refused, not a silent switch of method",
         _long([SYT, IND, "2023", "400", "80"],
               header=["Cơ quan", "Chỉ tiêu", "Năm", "Tử số", "Giá trị"]),
         refused="'Tử số' (column 4) was taken for the numerator, but no column is the denom"),
    # was: the second quarter loaded as the whole year 2023, exit 0; then refused; the year
    # and its part read together (``period_parts``): the quarter, not the year
    Case("a Quý column beside the Năm column: the quarter, not the year",
         _long([SYT, IND, "2023", "II", "80"],
               header=["Cơ quan", "Chỉ tiêu", "Năm", "Quý", "Giá trị"]),
         loads=[(2, "quarter", None, None, 80.0)]),
    # was: December loaded as the whole year 2023, exit 0; then refused
    Case("a Tháng column beside the Năm column: the month, not the year",
         _long([SYT, IND, "2023", "12", "80"],
               header=["Cơ quan", "Chỉ tiêu", "Năm", "Tháng", "Giá trị"]),
         loads=[(2, "month", None, None, 80.0)]),
    # the usual extra columns raise no warning
    Case("STT, Ghi chú, Đơn vị tính and Nguồn số liệu are known",
         _long(["1", SYT, IND, "2023", "80", "%", "", "Phần mềm một cửa"],
               header=["STT", *LONG, "Đơn vị tính", "Ghi chú", "Nguồn số liệu"]),
         loads=[(2, "year", None, None, 80.0)]),
    # was: the column dropped with a warning printed, stored nowhere
    Case("a column nobody knows in a long file: the figures load, the column is reported",
         _long([SYT, IND, "2023", "80", "Nguyễn Văn A"], header=[*LONG, "Người ký"]),
         loads=[(2, "year", None, None, 80.0)],
         notes=["'Người ký' (column 5) not understood"]),
    # was: taken for an indicator
    Case("a wide file with a column that names no indicator: refused",
         _long([SYT, "2023", "80", "Nguyễn Văn A"],
               header=["Cơ quan", "Năm", "Tỷ lệ hồ sơ giải quyết trực tuyến (%)", "Người ký"]),
         refused="'Người ký' (column 4) names no indicator"),
    # was: the first sub-column kept, the second dropped
    Case("a two-row header with a merged group cell gives every sub-column",
         _xlsx([["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả", None, None],
                ["", "", "", "Tử số", "Mẫu số", "Tỷ lệ (%)"],
                [SYT, IND, "2023", 400, 800, 50]]), "bao_cao.xlsx",
         loads=[(3, "year", 400.0, 800.0, 50.0)]),
    # --- sheets -------------------------------------------------------------------------------
    # was: the hidden sheet read
    Case("a hidden first sheet is skipped for the visible one",
         _xlsx([LONG, [SYT, IND, "2023", 80]],
               sheets=[("Dữ liệu", [["x", "y"], [1, 2]], "hidden")]), "bao_cao.xlsx",
         loads=[(2, "year", None, None, 80.0)]),
    # was: 'no header row', no hint
    Case("an instructions sheet first: a hint to --sheet",
         _xlsx([LONG, [SYT, IND, "2023", 80]],
               sheets=[("Hướng dẫn", [["Điền số liệu vào sheet Báo cáo"]], "active")]),
         "bao_cao.xlsx", refused="the workbook also has 'Báo cáo': choose one with --sheet"),
    # --- province -----------------------------------------------------------------------------
    # the issuer line places the figures
    Case("the province from the title", _xlsx([LONG, [SYT, IND, "2023", 80]],
                                              title=["UBND TỈNH LONG AN"]), "bao_cao.xlsx",
         loads=[(3, "year", None, None, 80.0, "Long An")]),
    # was: rows that loaded and never reached a mart
    Case("the province from the file name", _long([SYT, IND, "2023", "80"]),
         "bao_cao_long_an_2023.csv", loads=[(2, "year", None, None, 80.0, "Long An")]),
    # was: loaded under province 'Long Ann' (no mart has it), exit 0; a letter off a real
    # name is not guessed (Hà Nam / Hà Nội, Quảng Nam / Quảng Ngãi are as close)
    Case("a Tỉnh column naming no known province: the row is rejected",
         _long(["Long Ann", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         rejects=[(2, "province 'Long Ann' (column Tỉnh) is not a province")]),
    # was: loaded under province 'Sở Nội vụ': an agency typed in the wrong column
    Case("an agency in the Tỉnh column: rejected",
         _long(["Sở Nội vụ", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         rejects=[(2, "province 'Sở Nội vụ' (column Tỉnh) is not a province")]),
    # was: loaded under province 'Xã Tân Lập': a commune is not a province
    Case("a commune in the Tỉnh column: rejected",
         _long(["Xã Tân Lập", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         rejects=[(2, "province 'Xã Tân Lập' (column Tỉnh) is not a province")]),
    # was: the good row and the bad one both loaded; now only the bad one is held back
    Case("a known and an unknown province in one file: one loads, one is rejected",
         _long(["Long An", SYT, IND, "2023", "80"], ["abc", SYT, IND, "2023", "70"],
               header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Long An")],
         rejects=[(3, "province 'abc' (column Tỉnh) is not a province")]),
    # a blank Tỉnh cell beside an unknown province is not placed in the unknown one
    Case("a blank Tỉnh cell is not given the unknown province of the other rows",
         _long(["Long Ann", SYT, IND, "2023", "80"], ["", SYT, IND, "2022", "70"],
               header=["Tỉnh", *LONG]),
         loads=[(3, "year", None, None, 70.0, None)],
         rejects=[(2, "province 'Long Ann' (column Tỉnh) is not a province")]),
    # was: loaded under province 'Long Ann', exit 0; rejected as a Tỉnh column's value is
    Case("a title naming no known province: the rows are rejected",
         _xlsx([LONG, [SYT, IND, "2023", 80]], title=["UBND TỈNH LONG ANN"]), "bao_cao.xlsx",
         rejects=[(3, "province 'Long Ann' (the title) is not a province")]),
    # the same province as agencies write it: each loads under the registry's name
    # no diacritics (typed on a keyboard without Telex)
    Case("Tay Ninh without diacritics", _long(["Tay Ninh", SYT, IND, "2023", "80"],
                                              header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Tây Ninh")]),
    # the city's kind word abbreviated, with a dot
    Case("Tp. Hồ Chí Minh", _long(["Tp. Hồ Chí Minh", SYT, IND, "2023", "80"],
                                  header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Hồ Chí Minh")]),
    # the city's usual abbreviation
    Case("TP HCM", _long(["TP HCM", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Hồ Chí Minh")]),
    # the name before 2025, with its hyphen
    Case("Thừa Thiên - Huế", _long(["Thừa Thiên - Huế", SYT, IND, "2023", "80"],
                                   header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Huế")]),
    # the kind word in lower case before the name
    Case("tỉnh Long An", _long(["tỉnh Long An", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Long An")]),
    # written as one word, as in English texts and URLs
    Case("Hanoi as one word", _long(["Hanoi", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Hà Nội")]),
    # the kind word after the name, in brackets
    Case("Hà Nội (TP)", _long(["Hà Nội (TP)", SYT, IND, "2022", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Hà Nội")]),
    # Thừa Thiên Huế's usual abbreviation
    Case("TT-Huế", _long(["TT-Huế", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Huế")]),
    # Bà Rịa - Vũng Tàu's initials, without the hyphen of BR-VT
    Case("BRVT", _long(["BRVT", SYT, IND, "2023", "80"], header=["Tỉnh", *LONG]),
         loads=[(2, "year", None, None, 80.0, "Bà Rịa - Vũng Tàu")]),
    # --- duplicates ---------------------------------------------------------------------------
    # was: a reject (exit 3) for a row the agency merely repeated
    Case("the same row twice: one loads, the other is noted, not rejected",
         _long([SYT, IND, "2023", "80"], [SYT, IND, "2023", "80"]),
         loads=[(2, "year", None, None, 80.0)], notes=["row 3 (duplicate of row 2)"]),
    # was: two rejects
    Case("the same row three times, apart: one loads, one note names both copies",
         _long([SYT, IND, "2023", "80"], [SYT, IND, "2022", "70"], [SYT, IND, "2023", "80"],
               [SYT, IND, "2023", "80"]),
         loads=[(2, "year", None, None, 80.0), (3, "year", None, None, 70.0)],
         notes=["2 rows repeating an earlier row"]),
    # a copy of a bad row is not hidden as a duplicate: both are rejects
    Case("the same bad row twice: both rejected for what is wrong with them",
         _long([SYT, IND, "2023", "-5"], [SYT, IND, "2023", "-5"]),
         rejects=[(2, "negative value"), (3, "negative value")]),
    # neither value is chosen
    Case("the same key with two values: neither loads",
         _long([SYT, IND, "2023", "80"], [SYT, IND, "2023", "81"]),
         rejects=[(2, "conflicting values"), (3, "conflicting values")]),
    # --- one agency, two spellings: the key is the agency the names resolve to -----------------
    # was: both loaded (80 and 81 for one agency), exit 0
    Case("Sở Y tế and Sở Y Tế with two figures: neither loads",
         _long([SYT, IND, "2023", "80"], ["Sở Y Tế", IND, "2023", "81"]),
         rejects=[(2, "conflicting values"), (3, "conflicting values")]),
    # was: both loaded
    Case("an agency as SYT and in full, the same figure: one row",
         _long([SYT, IND, "2023", "80"], ["SYT", IND, "2023", "80"]),
         loads=[(2, "year", None, None, 80.0)], notes=["row 3 (duplicate of row 2)"]),
    # was: both loaded
    Case("an indicator by its code and by its name, two figures: neither loads",
         _long([SYT, IND, "2023", "80"],
               [SYT, "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4", "2023", "81"]),
         rejects=[(2, "conflicting values"), (3, "conflicting values")]),
    # --- one period, two spellings: the key is the period, not its text --------------------
    # was: two rows of the second quarter loaded, the marts' share from both
    Case("Quý II năm 2023 and Q2/2023, the same figure: one row, the other noted",
         _long([SYT, IND, "Quý II năm 2023", "80"], [SYT, IND, "Q2/2023", "80"]),
         loads=[(2, "quarter", None, None, 80.0)], notes=["row 3 (duplicate of row 2)"]),
    # was: both loaded, neither rejected
    Case("Quý 2 and quý II/2023 with two figures: neither loads",
         _long([SYT, IND, "Quý 2 năm 2023", "80"], [SYT, IND, "quý II/2023", "81"]),
         rejects=[(2, "conflicting values"), (3, "conflicting values")]),
    # was: both loaded (one month, written twice)
    Case("Tháng 12/2023 and 2023-12, the same counts: one row",
         _long([SYT, IND, "Tháng 12/2023", "40", "80"], [SYT, IND, "2023-12", "40", "80"],
               header=COUNTS),
         loads=[(2, "month", 40.0, 80.0, 50.0)], notes=["row 3 (duplicate of row 2)"]),
    # was: both loaded
    Case("Năm 2023 and 2023 with two figures: neither loads",
         _long([SYT, IND, "Năm 2023", "80"], [SYT, IND, "2023", "75"]),
         rejects=[(2, "conflicting values"), (3, "conflicting values")]),
    # a date cell and the month it falls in, typed as text
    Case("a date cell and Tháng 12/2023, the same figure: one row",
         _xlsx([LONG, [SYT, IND, date(2023, 12, 1), 80], [SYT, IND, "Tháng 12/2023", 80]]),
         "bao_cao.xlsx", loads=[(2, "month", None, None, 80.0)],
         notes=["row 3 (duplicate of row 2)"]),
    # one span, two kinds: the year and 'cumulative to 31/12' are not merged (kept as sent)
    Case("Năm 2023 and Lũy kế đến 31/12/2023 are two periods",
         _long([SYT, IND, "Năm 2023", "80"], [SYT, IND, "Lũy kế đến 31/12/2023", "81"]),
         loads=[(2, "year", None, None, 80.0), (3, "cumulative", None, None, 81.0)]),
    # --- encodings ----------------------------------------------------------------------------
    # was: 'binary data'
    Case("a UTF-16 CSV (Excel's 'Unicode text')",
         ("\ufeff" + "\t".join(LONG) + "\n" + "\t".join([SYT, IND, "2023", "80"]) + "\n")
         .encode("utf-16-le"), "bao_cao.txt", loads=[(2, "year", None, None, 80.0)]),
]  # fmt: skip


warehouse = case_table("agency_files", CASES, 1)  # some are refused


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.gap)) if c.gap else c
        for c in CASES
    ],
    ids=[c.why for c in CASES],
)
def test_agency_files(warehouse: Path, case: Case) -> None:
    cols = "source_row, period_kind, numerator, denominator, value, province"
    got = case_load(warehouse, CASES, case, cols, "1, 5")
    if case.refused:
        assert got.status == "quarantined" and case.refused in got.error, got.error
        return
    assert got.status == "loaded", got.error
    obs, no_province = got.rows, got.said(no_province=True)
    width = max((len(t) for t in case.loads), default=5)
    assert [r[:width] for r in obs] == [tuple(_approx(v) for v in t) for t in case.loads]
    assert_rejected(got.rejects, case.rejects)
    # rows loaded with no province (kept out of the marts) are said once, with their count
    unplaced = sum(r[-1] is None for r in obs)
    assert no_province == [
        f"{unplaced} row{'' if unplaced == 1 else 's'} with no province, kept out of the marts: "
        "no Tỉnh column, no province in the title or the file name, and none configured "
        "(--province / PARPLAN_PROVINCE)"
    ] * (unplaced > 0)
    # every warning and note is one the agency is told of, and nothing else is said
    assert_told(got.said(), case.notes)


def _approx(v: object) -> object:
    return pytest.approx(v) if isinstance(v, float) else v


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40


def _killer() -> bytes:
    """A header and one cell at XFD1048576, no dimension record (calamine aborts on it)."""
    return rewrite_zip(
        _xlsx([LONG, [SYT, IND, "2023", 80]], sheets=[("Dữ liệu", [["x"]], "visible")]),
        "xl/worksheets/sheet2.xml",
        lambda b: re.sub(
            rb'<dimension ref="[^"]*"/>', b"", b.replace(b"</sheetData>", XFD + b"</sheetData>")
        ),
    )


XFD = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
PROGRESS = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]


def test_an_agency_workbook_is_parsed_once(tmp_path: Path, monkeypatch: Any) -> None:
    """Each workbook of a ``parplan ingest`` is parsed by one child process, whose sheet both
    tells what the file is (metric, progress) and gives its rows; a workbook that kills its
    parser kills one child, not two."""
    popen, parsed = subprocess.Popen, []

    def counting(args: list[str], *a: Any, **kw: Any) -> Any:
        if "extractors.metrics.xlsx:read_sheet" in args:  # [python, -m, limited, dir, target, path]
            parsed.append(Path(args[5]).name)
        return popen(args, *a, **kw)

    monkeypatch.setattr("subprocess.Popen", counting)
    files = {
        "chi_so.xlsx": _xlsx([LONG, [SYT, IND, "2023", 80]], title=["UBND TỈNH LONG AN"]),
        "tien_do.xlsx": _xlsx([PROGRESS, ["I.1", "Rà soát thủ tục", SYT, "Đã hoàn thành", "2023"]],
                              title=["UBND TỈNH LONG AN"]),
        "hong.xlsx": _killer(),
    }  # fmt: skip
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), *(str(tmp_path / n) for n in files)]) == 1
    assert sorted(parsed) == sorted(files)
    with Warehouse.at(db, BUNDLED).analyst() as con:
        got = con.execute(
            "select regexp_extract(original_path, '[^/]+$'), kind, status from file_manifest"
        ).fetchall()
    assert sorted(got) == [
        ("chi_so.xlsx", "metrics", "loaded"),
        ("hong.xlsx", "metrics", "quarantined"),
        ("tien_do.xlsx", "progress", "loaded"),
    ]
