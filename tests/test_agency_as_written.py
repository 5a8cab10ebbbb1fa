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

import pytest
import xlsxwriter

from tests.helpers import assert_loaded_as, file_load, ingest_table

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
]  # fmt: skip


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case's file in a folder of its own, loaded by one ``parplan ingest``: files are
    quarantined (exit 1)."""
    db, code = ingest_table(
        tmp_path_factory, "agency_as_written", [(c.name, c.data) for c in CASES]
    )
    assert code == 1  # quarantined
    return db


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = file_load(
        warehouse,
        f"%/{CASES.index(case):02d}/{case.name}",
        "source_row, period_kind, period_start, value",
    )
    if case.refused:
        assert got.status == "quarantined", got.rows
        assert got.error is not None and case.refused in got.error, got.error
        return
    assert_loaded_as(
        got, [(r, k, s, pytest.approx(v)) for r, k, s, v in case.loads], case.rejects, case.told
    )
