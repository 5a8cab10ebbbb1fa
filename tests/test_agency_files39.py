"""Metric files as provincial departments write their PAR reports (issue 14, tester
agency39): a note under the table cutting the year short, a title naming the province
before a dash, a school year's column. Per case what loads (source row, agency, period
kind, first and last day, value), the rows rejected and what the file is told, through
one ``parplan ingest`` of every case's file, each in its own folder.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import FileCase as Case
from tests.helpers import assert_file_case, case_load, case_table, csv_bytes

NV, YT = "Sở Nội vụ", "Sở Y tế"
DOS, SAT = "dossier_online_share", "Mức độ hài lòng về giải quyết TTHC"

Loaded = tuple[int, str, str, str, str, float]  # row, agency, kind, first day, last day, value


COUNTS = ["Cơ quan", "Chỉ tiêu", "Tử số", "Mẫu số"]
ROWS = [[NV, DOS, "450", "1000"], [YT, DOS, "300", "600"]]
TO_SEP = ("cumulative", "2024-01-01", "2024-09-30")
TO_NOV = ("cumulative", "2024-01-01", "2024-11-30")
YEAR = ("year", "2024-01-01", "2024-12-31")
SIGNED = "the signature block under the table"


def _two(first: int, span: tuple[str, str, str]) -> list[Loaded]:
    """Nội vụ's 45% and Y tế's 50% for ``span``, from source row ``first`` on."""
    return [(first, NV, *span, 45.0), (first + 1, YT, *span, 50.0)]


def _plan_and_done() -> bytes:
    """A workbook: each year a cell merged over its plan's and its done figures."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Biểu 02")
        ws.write_row(0, 0, ["TỈNH LONG AN - KẾT QUẢ THỰC HIỆN CHỈ TIÊU"])
        ws.merge_range(1, 0, 2, 0, "Cơ quan")
        ws.merge_range(1, 1, 2, 1, "Chỉ tiêu")
        ws.merge_range(1, 2, 1, 3, "Năm 2023")
        ws.merge_range(1, 4, 1, 5, "Năm 2024")
        ws.write_row(2, 2, ["Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"])
        ws.write_row(3, 0, [NV, SAT, 90, 92.5, 92, 94.1])
        ws.write_row(4, 0, [YT, SAT, 85, 83, 88, 90.6])
    return buf.getvalue()


def _years(row: int, agency: str, done23: float, done24: float) -> list[Loaded]:
    return [(row, agency, "year", "2023-01-01", "2023-12-31", done23),
            (row, agency, "year", "2024-01-01", "2024-12-31", done24)]  # fmt: skip


PLANNED = "is a planned figure (kế hoạch, chỉ tiêu), not a reported one"

CASES = [
    # --- a note under the table saying where the year's figures stop --------------------------
    # was: the year 2024 (exit 0): the note says the figures run to 30 September only
    Case("a note 'số liệu năm 2024 tính đến ngày 30/9/2024' under a column of years",
         csv_bytes([["Tỉnh", *COUNTS, "Kỳ báo cáo"],
                    *[["Long An", *r, "Năm 2024"] for r in ROWS], [],
                    ["Ghi chú: số liệu năm 2024 tính đến ngày 30/9/2024"]]),
         refused="the note under the table names"),
    # was: the year 2024 (exit 0), the note skipped as a signature line
    Case("a note 'Số liệu tính đến ngày 30/11/2024' under a year's title",
         csv_bytes([["BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024 - TỈNH LONG AN"], COUNTS,
                    *ROWS, ["Ghi chú: Số liệu tính đến ngày 30/11/2024"]]),
         loads=_two(3, TO_NOV), told=[SIGNED]),
    Case("a note naming the day the year's figures stop, in a workbook's first column",
         csv_bytes([["UBND TỈNH LONG AN"], ["TỶ LỆ HỒ SƠ TRỰC TUYẾN NĂM 2024"], COUNTS,
                    *ROWS, [], ["Ghi chú: số liệu năm 2024 tính đến ngày 30/9/2024", "", "", ""]]),
         loads=_two(4, TO_SEP), told=[SIGNED]),
    # was: the year 2024 (exit 0)
    Case("a note '(*) Số liệu tính đến hết tháng 11/2024' under a year's title",
         csv_bytes([["BÁO CÁO NĂM 2024 - TỈNH LONG AN"], COUNTS, *ROWS,
                    ["(*) Số liệu tính đến hết tháng 11/2024", "", "", ""]]),
         loads=_two(3, TO_NOV), told=["section heading with no figure"]),
    # was: the month of November (exit 0): the figures of January to November as November's
    Case("a title 'NĂM 2024, SỐ LIỆU ĐẾN HẾT THÁNG 11/2024'",
         csv_bytes([["BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2024, SỐ LIỆU ĐẾN HẾT THÁNG 11/2024"],
                    ["TỈNH LONG AN"], COUNTS, *ROWS]),
         loads=_two(4, TO_NOV)),
    # was: the month of November (exit 0): January to November's figures as November's
    Case("a title 'SỐ LIỆU LŨY KẾ ĐẾN HẾT THÁNG 11/2024', no year of its own",
         csv_bytes([["BÁO CÁO SỐ LIỆU LŨY KẾ ĐẾN HẾT THÁNG 11/2024 - TỈNH LONG AN"], COUNTS,
                    *ROWS]),
         loads=_two(3, TO_NOV)),
    # still the year: the note names where the figures come from, and the day they were
    # taken after the year ended
    Case("a note naming the figures' source and a day after the year",
         csv_bytes([["BÁO CÁO NĂM 2024 - TỈNH LONG AN"], COUNTS, *ROWS,
                    ["Ghi chú: số liệu trích xuất từ Hệ thống, chốt đến ngày 15/01/2025"]]),
         loads=_two(3, YEAR), told=[SIGNED]),
    # the year's figures as the official annual report takes them: from 15 December of the
    # year before to 14 December (Nghị định 09/2019/NĐ-CP, Điều 12): the year, not cut short
    Case("a note 'Số liệu tạm tính đến ngày 14/12/2024' under a column of years",
         csv_bytes([["Tỉnh", *COUNTS, "Kỳ báo cáo"],
                    *[["Long An", *r, "Năm 2024"] for r in ROWS], [],
                    ["Ghi chú: Số liệu tạm tính đến ngày 14/12/2024"]]),
         loads=_two(2, YEAR), told=[SIGNED]),
    Case("a note 'số liệu chốt đến ngày 15/12/2024' under a year's title",
         csv_bytes([["BÁO CÁO NĂM 2024 - TỈNH LONG AN"], COUNTS, *ROWS,
                    ["Ghi chú: số liệu chốt đến ngày 15/12/2024"]]),
         loads=_two(3, YEAR), told=[SIGNED]),
    # was: both rows rejected, "a span that does not run from the first of a month": the
    # official reporting periods, from the 15th to the 14th (Nghị định 09/2019/NĐ-CP, Điều 12)
    Case("periods written as the official reporting spans, 15th to 14th",
         csv_bytes([["Tỉnh", *COUNTS, "Kỳ báo cáo"],
                    ["Long An", *ROWS[0], "Từ 15/12/2023 đến 14/12/2024"],
                    ["Long An", *ROWS[1], "Từ ngày 15/6/2024 đến ngày 14/9/2024"]]),
         loads=[(2, NV, *YEAR, 45.0), (3, YT, "quarter", "2024-07-01", "2024-09-30", 50.0)]),
    # --- the province in a title, before a dash and what the table is -------------------------
    # was: every figure rejected, "province 'Long An - Tỷ Lệ' (the title) is not a province"
    Case("'TỈNH LONG AN - TỶ LỆ HÀI LÒNG NĂM 2024' over a column per quarter",
         csv_bytes([["TỈNH LONG AN - TỶ LỆ HÀI LÒNG NĂM 2024"],
                    ["Cơ quan", "Chỉ tiêu", "Quý I", "Quý II"], [NV, SAT, "90", "91,5"]]),
         loads=[(3, NV, "quarter", "2024-01-01", "2024-03-31", 90.0),
                (3, NV, "quarter", "2024-04-01", "2024-06-30", 91.5)]),
    # a province whose own name holds a dash keeps it
    Case("'TỈNH BÀ RỊA - VŨNG TÀU' in the title",
         csv_bytes([["UBND TỈNH BÀ RỊA - VŨNG TÀU"], ["BÁO CÁO NĂM 2024"], COUNTS, *ROWS]),
         loads=_two(4, YEAR)),
    # --- a school year's column -----------------------------------------------------------------
    # was: quarantined, "no period: no period column ..."
    Case("a 'Năm học' column of '2023-2024'",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm học", "Tỷ lệ (%)"],
                    ["Long An", "Sở Giáo dục và Đào tạo", "Mức độ hài lòng về dịch vụ y tế, "
                     "giáo dục công lập", "2023-2024", "88,5"],
                    ["Long An", "Sở Giáo dục và Đào tạo", "Mức độ hài lòng về dịch vụ y tế, "
                     "giáo dục công lập", "2022 - 2023", "86"]]),
         loads=[(2, "Sở Giáo dục và Đào tạo", "school_year", "2023-09-01", "2024-08-31", 88.5),
                (3, "Sở Giáo dục và Đào tạo", "school_year", "2022-09-01", "2023-08-31", 86.0)]),
    # two years that are no school year's are no period
    Case("a 'Năm học' column of '2022-2024'",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm học", "Tỷ lệ (%)"],
                    ["Long An", "Sở Giáo dục và Đào tạo", "Mức độ hài lòng về dịch vụ y tế, "
                     "giáo dục công lập", "2022-2024", "87"]]),
         rejects=[(2, "not a period")]),
    # --- each year merged over its plan's and its done figures ----------------------------------
    # was: quarantined, "a role found twice: 'Năm 2023 / Thực hiện' (column 4) and 'Năm 2024
    # / Thực hiện' (column 6) were all taken for the value"
    Case("a workbook: years merged over 'Kế hoạch | Thực hiện'", _plan_and_done(),
         loads=[*_years(4, NV, 92.5, 94.1), *_years(5, YT, 83.0, 90.6)],
         told=[PLANNED, PLANNED], name="bao_cao.xlsx"),
    Case("a CSV: years over 'Kế hoạch | Thực hiện'",
         csv_bytes([["TỈNH LONG AN"], ["Cơ quan", "Chỉ tiêu", "Năm 2023", "", "Năm 2024", ""],
                    ["", "", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"],
                    [NV, SAT, "90", "91,5", "92", "93,5"]]),
         loads=_years(4, NV, 91.5, 93.5), told=[PLANNED, PLANNED]),
]  # fmt: skip


warehouse = case_table("agency_files39", CASES, 1)  # a file quarantined, rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_kind, cast(period_start as varchar), "
        "cast(period_end as varchar), value",
        "1, 2, 4",
    )
    assert_file_case(got, case)
