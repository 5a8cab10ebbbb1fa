"""A wide file whose indicator names are typed over two header rows, as a name too long
for its cell is wrapped by hand: "Mức độ hài lòng về giải quyết TTHC" over "lĩnh vực đất
đai, xây dựng, đầu tư (%)". The second row was read as a units row, so the column kept only
the first half of its name and that half named another indicator: the land-and-building
satisfaction loaded as the general one, exit 0 (issue 14, trial 37). One ``parplan
ingest`` of every case's workbook, each in its own folder; per case what loads (source
row, agency as written, indicator, value).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import case_load, case_table

LA, NV, TP, Y24 = "Long An", "Sở Nội vụ", "Sở Tư pháp", "Năm 2024"
ROLES = ["Tỉnh", "Cơ quan", "Kỳ báo cáo"]


def _workbook(top: list[str], under: list[str], figures: list[list[float]]) -> bytes:
    """A header of two rows (``top`` and ``under``, beside the role columns), then one row
    per department (Nội vụ, Tư pháp) of ``figures``."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Sheet1")
        rows = [[*ROLES, *top], [""] * 3 + under]
        rows += [[LA, agency, Y24, *row] for agency, row in zip([NV, TP], figures, strict=True)]
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v != "":
                    ws.write(r, c, v)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[tuple[int, str, str, float]]  # row, agency, indicator, value
    name: str = "bao_cao.xlsx"


CASES = [
    # was: 'sat_tthc' (the general satisfaction) for the land column, exit 0
    Case("the second row names which satisfaction",
         _workbook(["Mức độ hài lòng về giải quyết TTHC", "Tỷ lệ số hóa kết quả"],
                   ["lĩnh vực đất đai, xây dựng, đầu tư (%)", "giải quyết TTHC (%)"], [[80, 60], [70, 72.5]]),
         loads=[(3, NV, "sat_tthc_land", 80.0), (3, NV, "tthc_result_digitised", 60.0),
                (4, TP, "sat_tthc_land", 70.0), (4, TP, "tthc_result_digitised", 72.5)]),
    # was: 'Mức độ hài lòng về' unresolved (the review queue) for a name the catalog holds
    Case("the second row ends the name the first began",
         _workbook(["Mức độ hài lòng về", "Tỷ lệ hồ sơ giải quyết trực tuyến"],
                   ["giải quyết TTHC (%)", "mức độ 3, 4 (%)"], [[91.5, 45], [88.2, 50]]),
         loads=[(3, NV, "dossier_online_share", 45.0), (3, NV, "sat_tthc", 91.5),
                (4, TP, "dossier_online_share", 50.0), (4, TP, "sat_tthc", 88.2)]),
    # a units row stays a units row: its words name no indicator
    Case("a row of units under the names",
         _workbook(["Mức độ hài lòng về giải quyết TTHC", "Tỷ lệ số hóa kết quả giải quyết TTHC"],
                   ["%", "%"], [[91.5, 60], [88.2, 72.5]]),
         loads=[(3, NV, "sat_tthc", 91.5), (3, NV, "tthc_result_digitised", 60.0),
                (4, TP, "sat_tthc", 88.2), (4, TP, "tthc_result_digitised", 72.5)]),
]  # fmt: skip


warehouse = case_table("agency_wrapped", CASES, 0)  # every file clean


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_a_name_wrapped_over_two_header_rows(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, indicator_code, value",
        order="1, 3",
    )
    assert got.status == "loaded", got.error
    assert got.rows == [(r, a, i, pytest.approx(v)) for r, a, i, v in case.loads]
    assert got.rejects == []
