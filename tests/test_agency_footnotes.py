"""Figures marked for a footnote that calls them estimates: "88(*)" over "(*) Số liệu ước
thực hiện đến 31/12/2024" under the table. A department sends its annual report before
the year ends and marks the figures it could only estimate; the mark used to be dropped
with a warning and the estimate loaded as the final figure (exit 0), so the final report
would later look like a correction. A figure whose footnote is an estimate (``ước``,
``ƯTH``, ``dự kiến``) is rejected naming the cell and the footnote; a footnote of any
other kind (a source) still only drops its mark (issue 14, trial 37). One ``parplan
ingest`` of every case's file, each in its own folder; per case what loads (source row,
agency as written, value) and the rows rejected (row, part of the reason).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import assert_rejected, case_load, case_table, csv_bytes

VALUES = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
LA, SAT, DOS, Y24 = "Long An", "sat_tthc", "dossier_online_share", "Năm 2024"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
ESTIMATE = "is marked (*), and the footnote under the table calls it an estimate"


def _workbook(rows: list[list[object]], note: str) -> bytes:
    """The rows, then a blank row and ``note`` merged across the table's width."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Biểu 01")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                ws.write(r, c, v)
        ws.merge_range(len(rows) + 1, 0, len(rows) + 1, len(rows[0]) - 1, note)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[int, str, float]] = field(default_factory=list)  # row, agency, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason


CASES = [
    # was: 88 loaded as Tư pháp's final figure for 2024, a warning that the mark was dropped
    Case("a share marked (*), the footnote an estimate",
         csv_bytes([VALUES, [LA, NV, SAT, Y24, "92,5"], [LA, TP, SAT, Y24, "88(*)"],
                    ["(*) Số liệu ước thực hiện đến 31/12/2024"]]),
         loads=[(2, NV, 92.5)],
         rejects=[(3, f"value '88(*)' {ESTIMATE} ('(*) Số liệu ước thực hiện đến 31/12/2024')")]),
    # the mark on a count, the footnote "dự kiến" (expected) under a numbered mark
    Case("a count marked (1), the footnote 'dự kiến'",
         csv_bytes([COUNTS, [LA, NV, DOS, Y24, "450", "1000"], [LA, TP, DOS, Y24, "300 (1)", "600"],
                    ["(1) Số hồ sơ dự kiến giải quyết đến hết năm"]]),
         loads=[(2, NV, 45.0)], rejects=[(3, "numerator '300 (1)' is marked (1)")]),
    # "ƯTH" (ước thực hiện) as offices abbreviate it, the mark a bare star
    Case("a share marked *, the footnote 'ƯTH'",
         csv_bytes([VALUES, [LA, NV, SAT, Y24, "92,5*"], [LA, TP, SAT, Y24, "88"],
                    ["* Số liệu ƯTH cả năm"]]),
         loads=[(3, TP, 88.0)], rejects=[(2, "value '92,5*' is marked *")]),
    # two footnotes: only the figures of the estimate's mark are rejected
    Case("marks (1) and (2), only (2) an estimate",
         csv_bytes([VALUES, [LA, NV, SAT, Y24, "92,5(1)"], [LA, TP, SAT, Y24, "88(2)"],
                    [LA, YT, SAT, Y24, "90"], ["Ghi chú:"], ["(1) Số liệu của Cổng dịch vụ công quốc gia"],
                    ["(2) Số liệu ước tính"]]),
         loads=[(2, NV, 92.5), (4, YT, 90.0)], rejects=[(3, "value '88(2)' is marked (2)")]),
    # a footnote naming a source: the mark is dropped, the figure loads (as before)
    Case("a share marked (*), the footnote a source",
         csv_bytes([VALUES, [LA, NV, SAT, Y24, "92,5"], [LA, TP, SAT, Y24, "87(*)"],
                    ["(*) Số liệu từ Hệ thống thông tin giải quyết TTHC của tỉnh"]]),
         loads=[(2, NV, 92.5), (3, TP, 87.0)]),
    # the same estimate in a workbook, the footnote merged across under the table
    Case("a workbook: a text cell marked (*), the footnote merged under",
         _workbook([VALUES, [LA, NV, SAT, Y24, 92.5], [LA, TP, SAT, Y24, "86(*)"]],
                   "(*) Số liệu ước thực hiện năm 2024"),
         name="bao_cao.xlsx", loads=[(2, NV, 92.5)], rejects=[(3, "value '86(*)' is marked (*)")]),
]  # fmt: skip


warehouse = case_table("agency_footnotes", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_a_figure_the_footnote_calls_an_estimate(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, agency_raw, value")
    assert got.status == "loaded", got.error
    assert got.rows == [(r, a, pytest.approx(v)) for r, a, v in case.loads]
    assert_rejected(got.rejects, case.rejects)
