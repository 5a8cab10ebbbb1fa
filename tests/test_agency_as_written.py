"""Metric and progress files as departments and district committees write them, that loaded
a figure under another period in silence, or were refused although what they say is plain
(issue 14, agency36): a workbook with a sheet per quarter and the period in the sheet's
name only, a report coding its indicators beside their names, and the "... nhưng quá hạn"
statuses of a year-end report. One ``parplan ingest`` of every case's file, each in its own
folder; per case what loads (source row, period kind, period start, value), the rows
rejected and what the file is told - or, for a file that must be refused, why.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
import xlsxwriter

from tests.helpers import (
    assert_loaded_as,
    case_load,
    case_table,
    csv_bytes,
    export_parquet,
    file_load,
)

LA = "Long An"
NV, TP, YT, XD = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế", "Sở Xây dựng"
GD, CT, TC, VP = "Sở Giáo dục và Đào tạo", "Sở Công Thương", "Sở Tài chính", "Văn phòng UBND tỉnh"
DOS = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"
SAT = "Mức độ hài lòng về giải quyết TTHC"
PAY = "Tỷ lệ TTHC có nghĩa vụ tài chính được triển khai thanh toán trực tuyến"
HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tỷ lệ (%)"]  # no period column: the sheet names it


def _sheets(
    sheets: list[tuple[str, list[tuple[str, float]]]],
    active: int = -1,
    title: str | None = None,
    head: list[str] = HEAD,
    period: str | None = None,
) -> bytes:
    """A workbook of one sheet per (name, [(agency, share)]) under ``head`` (a title row
    above it if given; ``period`` written in a period column), ``active`` the sheet open."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        for name, rows in sheets:
            ws = wb.add_worksheet(name)
            top = 0
            if title:
                ws.write(0, 0, title)
                top = 2
            ws.write_row(top, 0, head)
            for r, (agency, share) in enumerate(rows, start=top + 1):
                ws.write_row(r, 0, [LA, agency, DOS, *([period] if period else []), share])
        wb.worksheets()[active].activate()
    return buf.getvalue()


def _tcvn3_bytes(rows: list[list[str]]) -> bytes:
    """A CSV typed in a TCVN3 (ABC) font and saved as ANSI: each Vietnamese letter the
    Latin-1 byte of its TCVN3 glyph (lower case: the capitals reuse the same bytes)."""
    glyph = {"ỉ": "\xd8", "ơ": "\xac", "ê": "\xaa", "ỳ": "\xfa", "á": "\xb8", "ị": "\xde",
             "ở": "\xeb", "à": "\xb5", "í": "\xdd", "ứ": "\xf8", "đ": "\xae", "ộ": "\xe9",
             "ò": "\xdf", "ề": "\xd2", "ả": "\xb6", "ế": "\xd5", "ă": "\xa8"}  # fmt: skip
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    return "".join(glyph.get(ch, ch) for ch in text).encode("latin-1")


Loaded = tuple[int, str, date, float]  # source row, period kind, period start, value


@dataclass(frozen=True)
class Case:
    why: str
    name: str
    data: bytes
    loads: list[Loaded] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    refused: str = ""  # part of the quarantine reason (the file must not load)
    codes: list[str] = field(default_factory=list)  # the indicators the rows resolve to


Q4_23, DEC_23 = date(2023, 10, 1), date(2023, 12, 1)
QUARTERS = [("Quý I", [(NV, 70.0), (TP, 72.0)]), ("Quý II", [(NV, 74.0), (TP, 75.0)]),
            ("Quý III", [(NV, 78.0), (TP, 80.0)]), ("Quý IV", [(NV, 85.0), (TP, 86.0)])]  # fmt: skip
CASES = [
    # --- the period in the sheet's name ------------------------------------------------------
    # was: the Quý IV sheet (open) loaded as the whole year 2023, which the file name names;
    # an annual figure the agency never sent
    Case("a sheet per quarter, the year in the file name", "bao_cao_cchc_2023.xlsx",
         _sheets(QUARTERS),
         loads=[(2, "quarter", Q4_23, 85.0), (3, "quarter", Q4_23, 86.0)],
         told=["sheet 'Quý I' also has a header row", "sheet 'Quý II' also has a header row",
               "sheet 'Quý III' also has a header row"]),
    # was: December's figures loaded as the year 2023
    Case("a sheet 'Tháng 12', the year in the title", "so_lieu_thang.xlsx",
         _sheets([("Tháng 12", [(YT, 64.5), (XD, 66.0)])],
                 title="BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH NĂM 2023"),
         loads=[(4, "month", DEC_23, 64.5), (5, "month", DEC_23, 66.0)]),
    # was: quarantined, "no period" (the sheet's name was not read)
    Case("a sheet 'Quý IV/2023', nothing else names a period", "so_lieu_cchc.xlsx",
         _sheets([("Quý IV-2023", [(GD, 58.0), (CT, 59.5)])]),
         loads=[(2, "quarter", Q4_23, 58.0), (3, "quarter", Q4_23, 59.5)]),
    # a sheet named for nothing: the file name's year, as before
    Case("a sheet 'Sheet1', the year in the file name", "bao_cao_2023.xlsx",
         _sheets([("Sheet1", [(TC, 51.0), (VP, 52.0)])]),
         loads=[(2, "year", date(2023, 1, 1), 51.0), (3, "year", date(2023, 1, 1), 52.0)]),
    # was: loaded as Quý II (the title's): which of the two the figures are of, only the
    # agency can say
    Case("a sheet 'Quý III' under a title naming Quý II", "bao_cao_quy.xlsx",
         _sheets([("Quý III", [(NV, 41.0), (TP, 42.0)])],
                 title="BÁO CÁO KẾT QUẢ CCHC QUÝ II NĂM 2024"),
         refused="sheet 'Quý III'"),
    # was: loaded as the year 2024, the column's
    Case("a sheet 'Quý I' over a period column of years", "bao_cao_nam.xlsx",
         _sheets([("Quý I", [(YT, 43.0), (XD, 44.0)])],
                 head=["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm", "Tỷ lệ (%)"], period="2024"),
         refused="sheet 'Quý I'"),
    # --- the agency's own codes beside the indicators' names -----------------------------------
    # was: quarantined, "a role found twice: 'Mã chỉ tiêu' (column 3) and 'Tên chỉ tiêu'
    # (column 4) were all taken for the indicator"; the codes are the report's own (CT01),
    # the names the catalog's
    Case("'Mã chỉ tiêu' (CT01) beside 'Tên chỉ tiêu'", "bieu_chi_tieu.csv",
         csv_bytes([["Tỉnh", "Cơ quan", "Mã chỉ tiêu", "Tên chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
                    [LA, GD, "CT01", DOS, "Năm 2023", "81,5"],
                    [LA, GD, "CT02", SAT, "Năm 2023", "93"],
                    [LA, GD, "CT03", PAY, "Năm 2023", "47,25"]]),
         loads=[(2, "year", date(2023, 1, 1), 81.5), (3, "year", date(2023, 1, 1), 93.0),
                (4, "year", date(2023, 1, 1), 47.25)],
         codes=["dossier_online_share", "sat_tthc", "tthc_online_payment"]),
    # --- text typed in a TCVN3 (.VnTime) font, saved as ANSI: its bytes, not UTF-8 ----------
    # was: quarantined as "TCVN3 (ABC) text re-saved as UTF-8 ..., mixed with other text, so
    # it cannot be converted exactly" (the bytes had been read as Windows-1258 first); the
    # same text saved as UTF-8 was converted
    Case("a TCVN3 CSV saved byte for byte", "so_tai_chinh.csv",
         _tcvn3_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
                       [LA, "Sở Tài chính", SAT, "Năm 2023", "88,5"],
                       [LA, "Sở Y tế", SAT, "Năm 2023", "90,1"]]),
         loads=[(2, "year", date(2023, 1, 1), 88.5), (3, "year", date(2023, 1, 1), 90.1)],
         told=["TCVN3 (ABC), saved byte for byte ('TØnh' for 'Tỉnh')"],
         codes=["sat_tthc", "sat_tthc"]),
    # --- a fraction of 1 among percents that its counts prove ----------------------------------
    # was: 0,95 loaded as 0.95% beside 82% and 90%, whose counts (820/1000, 450/500) prove
    # the column is in percent: only shares without counts were taken as proof
    Case("'0,95' beside percents with counts (CSV)", "ty_le_hs.csv",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"],
                    [LA, XD, DOS, "Năm 2023", "820", "1000", "82"],
                    [LA, CT, DOS, "Năm 2023", "", "", "0,95"],
                    [LA, "Thanh tra tỉnh", DOS, "Năm 2023", "450", "500", "90"]]),
         loads=[(2, "year", date(2023, 1, 1), 82.0), (4, "year", date(2023, 1, 1), 90.0)],
         rejects=[(3, "has no '%'")]),
    Case("0.95 beside percents with counts (Parquet)", "ty_le_hs.parquet",
         export_parquet(**{"Tử số": pa.array([820, None, 450], pa.int64()),
                           "Mẫu số": pa.array([1000, None, 500], pa.int64()),
                           "Tỷ lệ (%)": [82.0, 0.95, 90.0]}),
         loads=[(1, "year", date(2023, 1, 1), 82.0), (3, "year", date(2023, 1, 1), 90.0)],
         rejects=[(2, "has no '%'")]),
]  # fmt: skip


def _grouped() -> bytes:
    """A year-end report's appendix as a workbook: group rows (I, II) over tasks numbered
    from 1 in each group, as the plan numbers them (the plan's codes: I.1, I.2, II.1)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Phụ lục")
        ws.write(0, 0, "UBND TỈNH LONG AN")
        ws.write_row(2, 0, ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Kỳ báo cáo"])
        ws.write_row(3, 0, ["I", "CẢI CÁCH THỂ CHẾ"])
        ws.write_row(4, 0, ["1", "Rà soát văn bản QPPL", TP, "Đã hoàn thành", "Năm 2023"])
        ws.write_row(5, 0, ["2", "Kiểm tra văn bản QPPL", TP, "Đang thực hiện", "Năm 2023"])
        ws.write_row(6, 0, ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
        ws.write_row(7, 0, ["1", "Công bố, công khai TTHC", VP, "Chưa thực hiện", "Năm 2023"])
    return buf.getvalue()


@dataclass(frozen=True)
class Report:
    why: str
    name: str
    data: bytes
    rows: list[tuple[int, str, str]]  # source row, task code, status
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason


PROGRESS_HEAD = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Kỳ báo cáo"]
REPORTS = [
    # was: both rejected, "status '...' is not one of Đã hoàn thành, Hoàn thành trễ hạn ..."
    Report("done, 'but past its deadline'", "bao_cao_tien_do.csv",
           csv_bytes([["UBND TỈNH LONG AN"], PROGRESS_HEAD,
                      ["1", "Kiểm tra công tác CCHC", NV, "Hoàn thành nhưng quá hạn", "Năm 2023"],
                      ["2", "Đánh giá sự hài lòng", NV, "Đã hoàn thành nhưng trễ hạn", "Năm 2023"],
                      ["3", "Tập huấn CCHC", NV, "Hoàn thành nhưng chậm tiến độ", "Năm 2023"],
                      ["4", "Tuyên truyền CCHC", NV, "Đang triển khai", "Năm 2023"]]),
           rows=[(3, "1", "done_late"), (4, "2", "done_late"), (5, "3", "done_late"),
                 (6, "4", "in_progress")]),
    # was: the group rows rejected ("status is blank", exit 3) and the tasks coded 1, 2, 1:
    # task II.1 under the code of I.1; the same table in a report document reads I.1, I.2, II.1
    Report("group rows over tasks numbered in each group", "phu_luc_tien_do.xlsx", _grouped(),
           rows=[(5, "I.1", "done"), (6, "I.2", "in_progress"), (8, "II.1", "not_started")]),
]  # fmt: skip


warehouse = case_table("agency_as_written", [*CASES, *REPORTS], 1)  # quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, period_kind, period_start, value")
    if case.refused:
        assert got.status == "quarantined", got.rows
        assert got.error is not None and case.refused in got.error, got.error
        return
    assert_loaded_as(
        got, [(r, k, s, pytest.approx(v)) for r, k, s, v in case.loads], case.rejects, case.told
    )
    if case.codes:
        where = f"%/{CASES.index(case):02d}/{case.name}"
        assert [c for (c,) in file_load(warehouse, where, "indicator_code").rows] == case.codes


@pytest.mark.parametrize("report", REPORTS, ids=[r.why for r in REPORTS])
def test_what_a_progress_report_loads(warehouse: Path, report: Report) -> None:
    where = f"%/{len(CASES) + REPORTS.index(report):02d}/{report.name}"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sha = con.execute(
            "select sha256 from file_manifest where original_path like ?", [where]
        ).fetchone()
        assert sha is not None, where
        rows = con.execute(
            "select source_row, code, status from progress_rows where source_sha256 = ? order by 1",
            sha,
        ).fetchall()
        rejects = con.execute(
            "select source_row, reason from progress_rejects where source_sha256 = ? order by 1",
            sha,
        ).fetchall()
    assert rows == report.rows
    assert [r for r, _ in rejects] == [r for r, _ in report.rejects], rejects
