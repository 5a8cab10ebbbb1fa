"""Metric tables laid out as offices lay them out, once refused (issue 14): no indicator
column, each indicator's name a row of its own above the agencies reporting it (the rows
under it are that indicator's), and a sheet written sideways (the column names down column
A, an agency per column; or agencies across a row with no "Cơ quan" in its corner), which
cannot be read but is refused saying what it looks like and how to fix it. One ``parplan ingest`` of every case's file, each in its own folder; per
case the file's status (and the words its refusal holds), what loads (source row, agency
as written, indicator code, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import assert_rejected, assert_told, case_load, case_table, csv_bytes

LA, DOS, DIG, SAT = "Long An", "dossier_online_share", "tthc_result_digitised", "sat_tthc"
NV, TP = "Sở Nội vụ", "Sở Tư pháp"
ONLINE = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4 trên tổng số hồ sơ"
DIGITISED = "Tỷ lệ số hóa kết quả giải quyết TTHC"
Y24 = "Năm 2024"


def _xlsx(rows: list[list[object]]) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    status: str = "loaded"
    refusal: list[str] = field(default_factory=list)  # words the quarantine reason holds
    loads: list[tuple[int, str, str, float]] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note


SECTIONS_TOLD = "rows 2, 5: indicator headings"
CASES = [
    # was: quarantined, "no indicator columns: neither a long layout ... nor a wide one"
    Case("indicator names as section rows over the agencies' counts",
         csv_bytes([["STT", "Tỉnh", "Cơ quan", "Kỳ báo cáo", "Tử số", "Mẫu số"],
                    ["I", "", ONLINE, "", "", ""], ["1", LA, NV, Y24, "450", "1000"],
                    ["2", LA, TP, Y24, "300", "600"], ["II", "", DIGITISED, "", "", ""],
                    ["1", LA, NV, Y24, "100", "400"]]),
         loads=[(3, NV, DOS, 45.0), (4, TP, DOS, 50.0), (6, NV, DIG, 25.0)],
         told=[SECTIONS_TOLD]),
    # the same with values, the sections' numbering written with their names, the period
    # in the title
    Case("numbered indicator headings over values, the period in the title",
         csv_bytes([["BÁO CÁO KẾT QUẢ NĂM 2024"], ["Tỉnh", "Cơ quan", "Giá trị"],
                    ["", f"1. {ONLINE}", ""], [LA, NV, "45"], [LA, TP, "50"],
                    ["", f"2. {DIGITISED}", ""], [LA, NV, "25"]]),
         loads=[(4, NV, DOS, 45.0), (5, TP, DOS, 50.0), (7, NV, DIG, 25.0)],
         told=["rows 3, 6: indicator headings"]),
    # rows above the first heading have no indicator: rejected, saying so
    Case("an agency row above the first indicator heading",
         csv_bytes([["Tỉnh", "Cơ quan", "Kỳ báo cáo", "Giá trị"], [LA, TP, Y24, "50"],
                    ["", ONLINE, "", ""], [LA, NV, Y24, "45"]]),
         loads=[(4, NV, DOS, 45.0)], rejects=[(2, "indicator is blank")],
         told=["row 3: indicator heading"]),
    # was: "no period: no period column, and neither a title row nor the file name names a
    # period"; the names of the columns run down column A, an agency per column
    Case("a sheet written sideways",
         _xlsx([["Cơ quan", NV, TP], ["Chỉ tiêu", SAT, SAT], ["Kỳ báo cáo", Y24, Y24],
                ["Giá trị", 91.5, 88.2], ["Tỉnh", LA, LA]]),
         name="bao_cao.xlsx", status="quarantined",
         refusal=["written sideways", "'Cơ quan', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị', 'Tỉnh'",
                  "column A", "one row per agency", "Transpose"]),
    # was: "no header row with an agency column in the first 15 rows" and no more; with no
    # "Cơ quan" in its corner, the agencies across row 2 and the indicators down column A
    # say it is the same sideways table, refused saying so and how to turn it
    Case("a sheet written sideways, no corner cell",
         _xlsx([["BÁO CÁO KẾT QUẢ NĂM 2024"], ["", NV, TP], [SAT, 91.5, 88.2], [DOS, 45, 50]]),
         name="bao_cao.xlsx", status="quarantined",
         refusal=["row 2 names agencies across its columns ('Sở Nội vụ', 'Sở Tư pháp')",
                  "written sideways", "one row per agency", "Transpose"]),
]  # fmt: skip


warehouse = case_table("agency_sections", CASES, 1)  # a file quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_sections_and_sideways_tables(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, agency_raw, indicator_code, value")
    assert got.status == case.status, got.error
    for part in case.refusal:
        assert part in (got.error or ""), got.error
    assert got.rows == [(r, a, i, pytest.approx(v)) for r, a, i, v in case.loads]
    assert_rejected(got.rejects, case.rejects)
    assert_told(got.said(), case.told)
