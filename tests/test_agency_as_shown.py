"""Metric files as agencies write them, that loaded a figure under the wrong period in
silence, or were refused with a reason the agency could not act on (issue 14, testers'
leftovers of agency6): a period typed as a date and shown by its year alone, a CSV saved
after Excel read its UTF-8 as Windows-1252, a report's actual figures under "Thực hiện"
beside its plan's. One ``parplan ingest`` of every case's file, each in its own folder;
per case what loads (source row, period kind, period start, value), the rows rejected and
what the file is told.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import (
    assert_loaded_as,
    case_load,
    case_table,
    csv_bytes,
    file_load,
    ingest_cases,
)

LA = "Long An"
NV, TP, YT, TC = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế", "Sở Tài chính"
XD, CT, VP, TT = "Sở Xây dựng", "Sở Công Thương", "Văn phòng UBND tỉnh", "Thanh tra tỉnh"
GD, GT, DT, CA = (
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông vận tải",
    "Ban Dân tộc tỉnh",
    "Công an tỉnh",
)
DOS = "dossier_online_share"
HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"]


def _dated(fmt: str, *rows: tuple[str, datetime, float]) -> bytes:
    """A workbook whose Kỳ báo cáo cells are dates shown in the number format ``fmt``:
    (agency, date, share) per row."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet()
        shown = wb.add_format({"num_format": fmt})
        ws.write_row(0, 0, HEAD)
        for r, (agency, day, share) in enumerate(rows, start=1):
            ws.write_row(r, 0, [LA, agency, DOS])
            ws.write_datetime(r, 3, day, shown)
            ws.write_number(r, 4, share)
    return buf.getvalue()


def _resaved(rows: list[list[str]]) -> bytes:
    """A UTF-8 CSV opened as Windows-1252 (Excel without the BOM) and saved again as UTF-8:
    every byte of a letter became a letter of its own ('Sở' is 'Sá»Ÿ'); a byte Windows-1252
    leaves undefined kept its code point, as Windows does."""
    raw = csv_bytes(rows, bom=False)
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in raw
    ).encode("utf-8")


Loaded = tuple[int, str, date, float]  # source row, period kind, period start, value


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[Loaded] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.xlsx"  # (each case's agencies its own: no file corrects another)


Y23, Y22, JAN23 = date(2023, 1, 1), date(2022, 1, 1), datetime(2023, 1, 1)
RESAVED = "read as Windows-1252 and saved again"
CASES = [
    # --- a period typed as a date, shown by its year ----------------------------------------
    # was: January 2023 and January 2022 (the first of a month stands for its month); the
    # agency sees 2023 and 2022, and the marts had no year figure
    Case("date cells shown as 'yyyy'",
         _dated("yyyy", (NV, JAN23, 90), (TP, datetime(2022, 1, 1), 80)),
         loads=[(2, "year", Y23, 90.0), (3, "year", Y22, 80.0)]),
    Case("date cells shown as 'Năm yyyy'",
         _dated('"Năm "yyyy', (YT, JAN23, 90), (TC, datetime(2023, 7, 1), 80)),
         loads=[(2, "year", Y23, 90.0), (3, "year", Y23, 80.0)]),
    # (loaded before too) shown as a month and its year: that month
    Case("date cells shown as 'mm/yyyy'",
         _dated("mm/yyyy", (XD, datetime(2023, 12, 1), 90)),
         loads=[(2, "month", date(2023, 12, 1), 90.0)]),
    # (refused before too) a day shown as a day is not a period
    Case("date cells shown as 'dd/mm/yyyy', not the first",
         _dated("dd/mm/yyyy", (CT, datetime(2023, 12, 31), 90)),
         rejects=[(2, "a date, not a period")]),
    # --- UTF-8 read as Windows-1252 and saved again ------------------------------------------
    # was: quarantined as "TCVN3 (ABC) text re-saved as UTF-8 ('Tá»‰nh' for 'Tỏằ‰nh')",
    # a conversion that made it worse; the text converts back exactly
    Case("a CSV saved again after Excel read it as Windows-1252",
         _resaved([HEAD, [LA, VP, DOS, "Năm 2023", "90"], [LA, TT, DOS, "Năm 2023", "80,5"]]),
         loads=[(2, "year", Y23, 90.0), (3, "year", Y23, 80.5)], told=[RESAVED],
         name="bao_cao.csv"),
    # --- the actual figures under "Thực hiện", beside the plan's -----------------------------
    # was: quarantined, "long layout without a value column"; the plan's column is no figure
    # of the year (it is the target): reported as a planned figure, never loaded
    Case("'Thực hiện (%)' beside 'Kế hoạch giao (%)'",
         csv_bytes([["STT", "Cơ quan", "Chỉ tiêu", "Năm", "Kế hoạch giao (%)", "Thực hiện (%)"],
                    ["1", GD, DOS, "2023", "80", "92,3"], ["2", GT, DOS, "2023", "80", "75"]]),
         loads=[(2, "year", Y23, 92.3), (3, "year", Y23, 75.0)],
         told=["'Kế hoạch giao (%)' (column 5) is a planned figure"], name="bao_cao.csv"),
    # --- a database export's province column, 'ma_tinh' ----------------------------------------
    # was: "column 'ma_tinh' not understood", every row kept out of the marts (no province)
    Case("a 'ma_tinh' column of province names",
         csv_bytes([["ma_tinh", "co_quan", "chi_tieu", "nam", "gia_tri"],
                    [LA, DT, DOS, "2023", "70"], [LA, CA, DOS, "2023", "71,5"]], sep=",", bom=False),
         loads=[(2, "year", Y23, 70.0), (3, "year", Y23, 71.5)],
         told=["'ma_tinh' taken for the province", "'co_quan' taken for the agency",
               "'chi_tieu' taken for the indicator", "'nam' taken for the period",
               "'gia_tri' taken for the value"], name="bao_cao.csv"),
]  # fmt: skip


warehouse = case_table("agency_as_shown", CASES, 3)  # rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, period_kind, period_start, value")
    assert_loaded_as(
        got, [(r, k, s, pytest.approx(v)) for r, k, s, v in case.loads], case.rejects, case.told
    )


def test_a_resaved_csv_that_lost_bytes_is_refused_for_what_it_is(tmp_path: Path) -> None:
    """A UTF-8 CSV read as Windows-1252 whose undefined bytes became '?' cannot be converted
    back; was: refused as "TCVN3 (ABC) text re-saved as UTF-8 ('Tá»‰nh' for 'Tỏằ‰nh')", a
    diagnosis and a sample that misled the agency."""
    raw = csv_bytes(
        [
            HEAD,
            [LA, NV, DOS, "Năm 2023", "90"],
            [LA, "Sở Kế hoạch và Đầu tư", DOS, "Năm 2023", "80"],
        ],
        bom=False,
    )
    lost = raw.decode("cp1252", errors="replace").replace("\ufffd", "?").encode("utf-8")
    db, code = ingest_cases(tmp_path, [("bao_cao.csv", lost)])
    assert code == 1  # quarantined
    got = file_load(db, "%/00/bao_cao.csv", "value")
    assert got.status == "quarantined"
    assert got.error is not None and "read as Windows-1252 and saved again" in got.error
    assert "TCVN3" not in got.error
