"""Rows of an agency's table that are no agency's figure: a breakdown of the row above
("Trong đó: - Cấp tỉnh", "- Cấp huyện") and an average of the rows ("Bình quân chung",
"Trung bình"). The marts compute their own sums and shares from the agencies' rows, so such
a row is kept out with a note saying what it is - never queued for review as an unknown
agency name (issue 14). One ``parplan ingest`` of every case's file, each in its own folder:
nothing is rejected or queued (exit 0); per case what loads (source row, agency as written,
value) and what the file is told.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

LA, DOS, SAT = "Long An", "dossier_online_share", "sat_tthc"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
Y24 = "Năm 2024"
COUNTS = ["STT", "Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
VALUES = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def _wide(rows: list[list[object]]) -> bytes:
    """A sheet with a column per indicator, numbers as number cells."""
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
    loads: list[tuple[int, str, float]] = field(default_factory=list)  # row, agency, value
    rejects: list[tuple[int, str]] = field(default_factory=list)
    told: list[str] = field(default_factory=list)  # part of each warning and note


CASES = [
    # was: "Trong đó: - Cấp tỉnh" and "- Cấp huyện" loaded as agencies nobody knows (review
    # queue, exit 3); they are the parts of Sở Nội vụ's figure above them
    Case("a breakdown under an agency's row",
         csv_bytes([COUNTS, ["1", LA, NV, DOS, Y24, "450", "1000"],
                    ["", LA, "Trong đó: - Cấp tỉnh", DOS, Y24, "300", "500"],
                    ["", LA, "- Cấp huyện", DOS, Y24, "150", "500"],
                    ["2", LA, TP, DOS, Y24, "300", "600"]]),
         loads=[(2, NV, 45.0), (5, TP, 50.0)],
         told=["rows 3, 4: a breakdown of the row above ('Trong đó: - Cấp tỉnh', '- Cấp huyện')"]),
    # "Trong đó" alone on its row, its parts on the rows under it, a level named each
    Case("'Trong đó:' on a row of its own, its parts under it",
         csv_bytes([COUNTS, ["1", LA, NV, DOS, Y24, "450", "1000"],
                    ["", LA, "Trong đó:", DOS, Y24, "", ""],
                    ["", LA, "+ Cấp xã", DOS, Y24, "150", "500"],
                    ["2", LA, TP, DOS, Y24, "300", "600"]]),
         loads=[(2, NV, 45.0), (5, TP, 50.0)],
         told=["rows 3, 4: a breakdown of the row above ('Trong đó:', '+ Cấp xã')"]),
    # was: "Bình quân chung" queued as an unknown agency, its 90,25 loaded with no agency
    Case("an average row under the agencies",
         csv_bytes([VALUES, [LA, NV, SAT, Y24, "92,5"], [LA, TP, SAT, Y24, "88"],
                    [LA, "Bình quân chung", SAT, Y24, "90,25"]]),
         loads=[(2, NV, 92.5), (3, TP, 88.0)],
         told=["row 4: an average of the rows ('Bình quân chung')"]),
    # the same in a workbook with a column per indicator, "Trung bình" its last row
    Case("'Trung bình' in a wide workbook",
         _wide([["Tỉnh", "Cơ quan", "Kỳ báo cáo", SAT, "tthc_result_digitised"],
                [LA, NV, Y24, 92.5, 60], [LA, YT, Y24, 88, 70],
                [LA, "Trung bình", Y24, 90.25, 65]]),
         name="bao_cao.xlsx",
         loads=[(2, NV, 60.0), (2, NV, 92.5), (3, YT, 70.0), (3, YT, 88.0)],
         told=["row 4: an average of the rows ('Trung bình')"]),
    # was: "Khối cấp huyện" loaded as an agency nobody knows (review queue, exit 3) and
    # "Cấp tỉnh" called "a breakdown of the row above" with no row above it; a level's row
    # heading its agencies, outside a "Trong đó" run, is that level's subtotal
    Case("a level's subtotal over its agencies",
         csv_bytes([["STT", *VALUES], ["I", LA, "Cấp tỉnh", SAT, Y24, "91"],
                    ["1", LA, NV, SAT, Y24, "90"], ["2", LA, TP, SAT, Y24, "92"],
                    ["II", LA, "Khối cấp huyện", SAT, Y24, "88"],
                    ["1", LA, "UBND huyện Cần Đước", SAT, Y24, "88"]]),
         loads=[(3, NV, 90.0), (4, TP, 92.0), (6, "UBND huyện Cần Đước", 88.0)],
         told=["rows 2, 5: a level's subtotal ('Cấp tỉnh', 'Khối cấp huyện'), not an agency"]),
]  # fmt: skip


warehouse = case_table("agency_breakdowns", CASES, 0)  # every file clean


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_breakdown_and_average_rows_kept_out(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, value",
        order="1, 3",
    )
    assert_loaded_as(
        got, [(r, a, pytest.approx(v)) for r, a, v in case.loads], case.rejects, case.told
    )
