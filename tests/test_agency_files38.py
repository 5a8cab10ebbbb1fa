"""Metric files as provincial departments, district committees and ministries write their
PAR reports (issue 14, tester agency38): per case what loads (source row, agency, period
kind and start, value), the rows rejected and what the file is told, through one
``parplan ingest`` of every case's file, each in its own folder.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import FileCase as Case
from tests.helpers import assert_file_case, case_load, case_table, csv_bytes

NV, YT = "Sở Nội vụ", "Sở Y tế"
DOS = "dossier_online_share"

Loaded = tuple[int, str, str, str, float]  # source row, agency, period kind, start, value


def _workbook(build: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]) -> bytes:
    wb = openpyxl.Workbook()
    build(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _year_groups(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    """A title, then a two-row header: the text columns merged down, each year a cell merged
    across its quarters, the quarters under it; two departments' shares."""
    ws.append(["ỦY BAN NHÂN DÂN TỈNH LONG AN"])
    ws.append(["TỶ LỆ HỒ SƠ GIẢI QUYẾT TRỰC TUYẾN THEO QUÝ"])
    ws.append(["STT", "Cơ quan", "Chỉ tiêu", "Năm 2023", None, "Năm 2024", None])
    ws.append([None, None, None, "Quý III", "Quý IV", "Quý I", "Quý II"])
    ws.append([1, NV, DOS, 51.5, 55.0, 60.5, 62.0])
    ws.append([2, YT, DOS, 41.5, 45.0, 50.5, 52.0])
    for col in "ABC":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:E3")
    ws.merge_cells("F3:G3")


def _text_counts(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    """Counts typed as text (a program that exports its figures as strings)."""
    ws.append(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"])
    ws.append(["Long An", NV, DOS, "Quý II/2024", "3.750", "5.000"])
    ws.append(["Long An", YT, DOS, "Quý II/2024", "600", "1.000"])


def _quarters(row: int, agency: str, *values: float) -> list[Loaded]:
    starts = ["2023-07-01", "2023-10-01", "2024-01-01", "2024-04-01"]
    return [(row, agency, "quarter", s, v) for s, v in zip(starts, values, strict=True)]


HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo"]
ONLINE, SAT = "Tỷ lệ hồ sơ giải quyết trực tuyến", "Mức độ hài lòng về giải quyết TTHC"
ESTIMATE = "an estimate (ước) is not a reported figure: send the figures as 'Năm 2024'"
PRELIMINARY = "a preliminary figure (sơ bộ), not a final one: send the figures as '6 tháng"


def _long(extra: list[str], *rows: list[str], title: tuple[str, ...] = ()) -> bytes:
    """A long CSV of Long An's departments under ``title`` rows: HEAD and ``extra``."""
    return csv_bytes([*([t] for t in title), [*HEAD, *extra], *rows])


CASES = [
    # --- a year merged over its quarters: a column per quarter ---------------------------------
    # was: Quý III/2023 loaded as the whole year 2023 and Quý I/2024 as 2024, Quý IV and Quý II
    # dropped, the quarters' row skipped as "a section heading" (exit 0)
    Case("a workbook: years merged over their quarters", _workbook(_year_groups),
         loads=sorted(_quarters(5, NV, 51.5, 55.0, 60.5, 62.0)
                      + _quarters(6, YT, 41.5, 45.0, 50.5, 52.0)),
         name="bao_cao.xlsx"),
    # the same table saved as CSV: the merged cell's text in its first column only
    Case("a CSV: years over their quarters",
         csv_bytes([["TỈNH LONG AN"],
                    ["STT", "Cơ quan", "Chỉ tiêu", "Năm 2023", "", "Năm 2024", ""],
                    ["", "", "", "Quý III", "Quý IV", "Quý I", "Quý II"],
                    ["1", NV, DOS, "51,5", "55", "60,5", "62,5"],
                    ["2", YT, DOS, "41,5", "45", "50,5", "52,5"]]),
         loads=sorted(_quarters(4, NV, 51.5, 55.0, 60.5, 62.5)
                      + _quarters(5, YT, 41.5, 45.0, 50.5, 52.5))),
    # was: '6 tháng' dropped ("not understood", exit 0), 'Cả năm' loaded as the year
    Case("a CSV: a year over its first half and the whole year",
         csv_bytes([["TỈNH LONG AN"], ["Cơ quan", "Chỉ tiêu", "Năm 2024", ""],
                    ["", "", "6 tháng", "Cả năm"],
                    [NV, SAT, "91", "93,5"], [YT, SAT, "88", "90"]]),
         loads=[(4, NV, "half", "2024-01-01", 91.0), (4, NV, "year", "2024-01-01", 93.5),
                (5, YT, "half", "2024-01-01", 88.0), (5, YT, "year", "2024-01-01", 90.0)]),
    # was: January loaded as the whole first quarter, February and March dropped, the
    # months' row rejected as a row with a blank agency
    Case("a CSV: a quarter over its months, the year in the title",
         csv_bytes([["BÁO CÁO NĂM 2024 - TỈNH LONG AN"],
                    ["Cơ quan", "Chỉ tiêu", "Quý I", "", ""],
                    ["", "", "Tháng 1", "Tháng 2", "Tháng 3"],
                    [NV, SAT, "90", "92,5", "94"]]),
         loads=[(4, NV, "month", "2024-01-01", 90.0), (4, NV, "month", "2024-02-01", 92.5),
                (4, NV, "month", "2024-03-01", 94.0)]),
    # --- counts headed by a meaning that is not the indicator's --------------------------------
    # was: the late dossiers taken for the online ones, 5% and 2% loaded (exit 0, a warning)
    Case("Số hồ sơ trễ hạn beside Tổng số hồ sơ, no share",
         _long(["Tổng số hồ sơ", "Số hồ sơ trễ hạn"],
               ["Long An", NV, ONLINE, "Năm 2024", "1.200", "60"],
               ["Long An", YT, ONLINE, "Năm 2024", "500", "10"]),
         refused="long layout without a value column"),
    # was: the unsatisfied votes taken for the satisfied ones, 2% and 10% loaded (exit 0)
    Case("Số phiếu không hài lòng beside Tổng số phiếu, with a share",
         _long(["Số phiếu không hài lòng", "Tổng số phiếu", "Tỷ lệ (%)"],
               ["Long An", NV, SAT, "Năm 2024", "24", "1.200", "98"],
               ["Long An", YT, SAT, "Năm 2024", "50", "500", "90"]),
         loads=[(2, NV, "year", "2024-01-01", 98.0), (3, YT, "year", "2024-01-01", 90.0)],
         told=["column 'Số phiếu không hài lòng' (column 5) not understood",
               "column 'Tổng số phiếu' (column 6) not understood"]),
    # --- the whole report an estimate, said above the table or over its figures -------------
    # was: loaded as 2024's actual figures (exit 0)
    Case("BÁO CÁO ƯỚC THỰC HIỆN ... NĂM 2024 in the title, no period column",
         csv_bytes([["ỦY BAN NHÂN DÂN TỈNH LONG AN"],
                    ["BÁO CÁO ƯỚC THỰC HIỆN CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2024"],
                    ["STT", "Cơ quan", "Chỉ tiêu", "Tỷ lệ (%)"],
                    ["1", NV, SAT, "95"], ["2", YT, SAT, "92,5"]]),
         rejects=[(4, ESTIMATE), (5, ESTIMATE)], told=["the title calls"]),
    # was: loaded as 2024's actual figures (exit 0)
    Case("Giá trị (ước tính) over the figures",
         _long(["Giá trị (ước tính)"], ["Long An", NV, SAT, "Năm 2024", "94"],
               ["Long An", YT, SAT, "Năm 2024", "91,5"]),
         rejects=[(2, ESTIMATE), (3, ESTIMATE)], told=["column 'Giá trị (ước tính)'"]),
    # was: loaded as the first half's final figures (exit 0)
    Case("SỐ LIỆU SƠ BỘ in the title over a period column",
         _long(["Tỷ lệ (%)"], ["Long An", NV, SAT, "6 tháng đầu năm 2024", "93"],
               ["Long An", YT, SAT, "6 tháng đầu năm 2024", "90,5"],
               title=("BÁO CÁO SỐ LIỆU SƠ BỘ 6 THÁNG ĐẦU NĂM 2024",)),
         rejects=[(3, PRELIMINARY), (4, PRELIMINARY)], told=["the title calls"]),
    # a title naming the plan's results and next year's tasks is no estimate
    Case("a title with 'kết quả' and 'nhiệm vụ năm 2025'",
         _long(["Tỷ lệ (%)"], ["Long An", NV, SAT, "Năm 2024", "96"],
               title=("BÁO CÁO KẾT QUẢ CCHC NĂM 2024 VÀ NHIỆM VỤ NĂM 2025",)),
         loads=[(3, NV, "year", "2024-01-01", 96.0)]),
    # --- a count column's convention is its own (issue 14: "a column that does not prove its
    # convention is rejected as ambiguous"): 1.250 beside it proves nothing for Mẫu số
    Case("Tử số 1.250 beside Mẫu số 2.000: Mẫu số proves nothing",
         _long(["Tử số", "Mẫu số"], ["Long An", NV, ONLINE, "Quý II/2024", "1.250", "2.000"],
               ["Long An", YT, ONLINE, "Quý II/2024", "450", "500"]),
         loads=[(3, YT, "quarter", "2024-04-01", 90.0)],
         rejects=[(2, "'2.000' reads 2 (English) or 2000 (Vietnamese)")]),
    # the same from a workbook's text cells
    Case("a workbook: text counts 3.750 over 5.000", _workbook(_text_counts),
         rejects=[(2, "'5.000' reads 5 (English) or 5000 (Vietnamese)"),
                  (3, "'1.000' reads 1 (English) or 1000 (Vietnamese)")],
         name="bao_cao.xlsx"),
    # (rejected before too) neither column proves anything: still ambiguous
    Case("Tử số 1.000 and Mẫu số 2.000: nothing proves the convention",
         _long(["Tử số", "Mẫu số"], ["Long An", NV, ONLINE, "Quý III/2024", "1.000", "2.000"]),
         rejects=[(2, "reads 1 (English) or 1000 (Vietnamese)")]),
    # --- a period as officials spell it in words or qualify it ---------------------------------
    # was: "not a period (year, half, quarter ...)" for each: the six months in words, the
    # whole year said twice, the final figure said in brackets
    Case("'Sáu tháng đầu năm 2024', 'Năm 2024 (cả năm)', 'Năm 2024 (chính thức)'",
         _long(["Tỷ lệ (%)"], ["Long An", NV, SAT, "Sáu tháng đầu năm 2024", "91,5"],
               ["Long An", NV, SAT, "Năm 2024 (cả năm)", "93,5"],
               ["Long An", YT, SAT, "Năm 2024 (chính thức)", "90,5"],
               ["Long An", YT, SAT, "Chín tháng năm 2024", "89,5"]),
         loads=[(2, NV, "half", "2024-01-01", 91.5), (3, NV, "year", "2024-01-01", 93.5),
                (4, YT, "year", "2024-01-01", 90.5), (5, YT, "nine_months", "2024-01-01", 89.5)]),
    # "sau" is also "after": the figures after a month are no six months, still refused
    Case("'Sau tháng 6/2024' is no six months",
         _long(["Tỷ lệ (%)"], ["Long An", YT, SAT, "Sau tháng 6/2024", "88,5"]),
         rejects=[(2, "not a period")]),
]  # fmt: skip


warehouse = case_table("agency_files38", CASES, 1)  # a file quarantined, rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_kind, cast(period_start as varchar), value",
        "1, 2, 4",
    )
    assert_file_case(got, case)
