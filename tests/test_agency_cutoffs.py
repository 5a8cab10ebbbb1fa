"""Metric files whose title names a year cut short: "BÁO CÁO ... NĂM 2024 (ĐẾN 30/11)",
"số liệu tính đến ngày 30/11/2024", "đến hết tháng 11". Provinces send their annual PAR
report in late November or early December, so its figures run from 1 January to the day
the title names, not to 31 December; the file has no period column (issue 14, trial 37).
Loading them as the year 2024 would make the final annual report, sent later, a silent
correction of the same period. One ``parplan ingest`` of every case's file, each in its
own folder; per case the file's status (and the words its refusal must hold) and what
loads (source row, agency as written, period kind, first and last day, value).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import case_load, case_table, csv_bytes

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tử số", "Mẫu số"]
LA, DOS, NV, TP = "Long An", "dossier_online_share", "Sở Nội vụ", "Sở Tư pháp"
ROWS = [[LA, NV, DOS, "450", "1000"], [LA, TP, DOS, "300", "600"]]
TO_NOV = ("cumulative", "2024-01-01", "2024-11-30")
YEAR = ("year", "2024-01-01", "2024-12-31")


def _loads(span: tuple[str, str, str], first: int = 3) -> list[tuple[object, ...]]:
    """Nội vụ's 45% and Tư pháp's 50% for ``span``, from source row ``first`` on."""
    return [(first, NV, *span, 45.0), (first + 1, TP, *span, 50.0)]


def _titled(title: str) -> bytes:
    return csv_bytes([[title], HEAD, *ROWS])


def _workbook(title: str) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Biểu 01")
        ws.merge_range(0, 0, 0, len(HEAD) - 1, title)
        for r, row in enumerate([HEAD, *ROWS], start=1):
            for c, v in enumerate(row):
                ws.write(r, c, int(v) if v.isdigit() else v)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    status: str = "loaded"
    refusal: list[str] = field(default_factory=list)  # words the quarantine reason holds
    loads: list[tuple[object, ...]] = field(default_factory=list)


CASES = [
    # was: the year 2024 (exit 0): "(đến 30/11)" says the figures stop on 30 November
    Case("a year 'đến 30/11' in the title",
         _titled("BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024 (ĐẾN 30/11) - TỈNH LONG AN"),
         loads=_loads(TO_NOV)),
    Case("figures 'tính đến ngày 30/11/2024' in the title",
         _titled("BÁO CÁO NĂM 2024 (SỐ LIỆU TÍNH ĐẾN NGÀY 30/11/2024) - TỈNH LONG AN"),
         loads=_loads(TO_NOV)),
    Case("figures 'đến hết tháng 11' in the title",
         _titled("BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2024, SỐ LIỆU ĐẾN HẾT THÁNG 11 - TỈNH LONG AN"),
         loads=_loads(TO_NOV)),
    # a cut-off that is no month's end is still the day the figures run to
    Case("a year 'tính đến 25/11/2024' in the title",
         _titled("KẾT QUẢ NĂM 2024 (TÍNH ĐẾN 25/11/2024) - TỈNH LONG AN"),
         loads=_loads(("cumulative", "2024-01-01", "2024-11-25"))),
    # but from 14 December on it is the year as its official report takes it (from 15
    # December of the year before to 14 December: Nghị định 09/2019/NĐ-CP, Điều 12); it was
    # the cumulative period to 15 December, which no annual target is judged on
    Case("a year 'tính đến 15/12/2024' in the title",
         _titled("KẾT QUẢ NĂM 2024 (TÍNH ĐẾN 15/12/2024) - TỈNH LONG AN"),
         loads=_loads(YEAR)),
    # the same title merged across a workbook's sheet
    Case("a year 'đến 30/11' merged over a sheet",
         _workbook("BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024 (ĐẾN 30/11) - TỈNH LONG AN"),
         name="bao_cao.xlsx", loads=_loads(TO_NOV)),
    # a reporting year from 1 December to 30 November is no calendar period: refused
    Case("a year 'từ 01/12/2023 đến 30/11/2024' in the title",
         _titled("BÁO CÁO NĂM 2024 (TỪ 01/12/2023 ĐẾN 30/11/2024) - TỈNH LONG AN"),
         status="quarantined", refusal=["no period"]),
    # the title's cut-off and a column of whole years contradict each other: refused
    Case("a title 'đến 30/11' over a column of years",
         csv_bytes([["BÁO CÁO NĂM 2024 (ĐẾN 30/11) - TỈNH LONG AN"], [*HEAD, "Năm"],
                    *[[*r, "2024"] for r in ROWS]]),
         status="quarantined", refusal=["column 'Năm' gives whole years (2024)"]),
    # still the year: no cut-off, only the day the report was signed
    Case("the year and the report's date in the title",
         csv_bytes([["BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024 - TỈNH LONG AN"],
                    ["Long An, ngày 30 tháng 11 năm 2024"], HEAD, *ROWS]),
         loads=_loads(YEAR, first=4)),
    # was: the whole of November (exit 0); its figures stop five days before the month ends
    Case("a month's title cut off before the month ends",
         _titled("BÁO CÁO THÁNG 11 NĂM 2024 (SỐ LIỆU ĐẾN 25/11/2024) - TỈNH LONG AN"),
         status="quarantined", refusal=["no period"]),
    # a day after the period's end is the day the figures were taken: the period stands
    Case("a quarter's figures taken after it ended",
         _titled("BÁO CÁO QUÝ III NĂM 2024 (SỐ LIỆU ĐẾN 15/10/2024) - TỈNH LONG AN"),
         loads=_loads(("quarter", "2024-07-01", "2024-09-30"))),
    Case("a year's figures taken in January of the next",
         _titled("BÁO CÁO NĂM 2024 (SỐ LIỆU TÍNH ĐẾN NGÀY 15/01/2025) - TỈNH LONG AN"),
         loads=_loads(YEAR)),
]  # fmt: skip


warehouse = case_table("agency_cutoffs", CASES, 1)  # a file quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_a_year_cut_short_in_the_title(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_kind, cast(period_start as varchar), "
        "cast(period_end as varchar), value",
    )
    assert got.status == case.status, got.error
    for part in case.refusal:
        assert part in (got.error or ""), got.error
    assert got.rows == [(*r[:-1], pytest.approx(r[-1])) for r in case.loads]
    assert got.rejects == []
