"""Metric files as agencies write them whose meaning is clear, which the tool refused or
rejected loudly, or told in words that did not help (issue 14's loud leftovers, loud37): a
"%" in the Đơn vị tính beside a share of 1, a part of a year naming no year, a preliminary
figure (Sơ bộ), an agency written once above the rows under it (a merged cell exported
to CSV), a column per year, counts headed by what they count, and a count written with a
thousands dot. One ``parplan ingest`` of every case's file, each in its own folder; per
case what loads (source row, agency as written, period kind, period start, numerator,
denominator, value), the rows rejected and what the file is told - or why it is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo"]
LA, NV, TP = "Long An", "Sở Nội vụ", "Sở Tư pháp"
DOS, SAT, PUC = "dossier_online_share", "sat_tthc", "public_unit_count"
Y23, D22, D23, D24 = "Năm 2023", date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)


def _file(header: list[str], *rows: list[str], title: list[str] = ()) -> bytes:  # type: ignore[assignment]
    return csv_bytes([*([t] for t in title), header, *rows])


Loaded = tuple[int, str, str, date, float | None, float | None, float]


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[Loaded] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    refused: str = ""  # part of the reason the file is quarantined
    name: str = "bao_cao.csv"


CASES = [
    # --- a "%" in the Đơn vị tính -------------------------------------------------------------
    # was: "value 1 in column 'Giá trị' holds only 0 and 1: ... name the column with '%'";
    # the row's unit says "%" as a header "Tỷ lệ (%)" would: 1 is 1%. A row beside it with
    # no unit still proves nothing
    Case("a share of 1 whose Đơn vị tính is %",
         _file([*HEAD, "Đơn vị tính", "Giá trị"], [LA, NV, SAT, Y23, "%", "1"],
               [LA, TP, SAT, Y23, "", "1"]),
         loads=[(2, NV, "year", D23, None, None, 1.0)],
         rejects=[(3, "holds only 0 and 1")]),
    # --- a part of a year naming no year ------------------------------------------------------
    # was: "period 'Quý 1': not a period (year, half, quarter, ...)"
    Case("a Quý column and no year anywhere",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý", "Giá trị"], [LA, NV, DOS, "1", "80"]),
         rejects=[(2, "period 'Quý 1': a quarter with no year: write it with its year "
                      "(e.g. 'Quý 1/2023'), or name the year in a Năm column, the title or the "
                      "file name")]),
    Case("a Tháng in the period column, no year",
         _file([*HEAD, "Giá trị"], [LA, NV, DOS, "Tháng 5", "80"]),
         rejects=[(2, "period 'Tháng 5': a month with no year")]),
    # was: quarantined, "long layout without a value column (looked for Giá trị, ...)"
    Case("a column per quarter and no year anywhere",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý I", "Quý II"], [LA, NV, DOS, "80", "81"]),
         refused="'Quý I' (column 4) and 'Quý II' (column 5) each name a part of a year, but "
                 "no year: neither the header, the title nor the file name names one; write "
                 "the year in the header ('Quý I/2023') or in a title row"),
    # --- a preliminary figure -----------------------------------------------------------------
    # was: "period 'Năm 2023 (Sơ bộ)': not a period (...)"
    Case("a Loại số liệu saying Sơ bộ",
         _file([*HEAD, "Loại số liệu", "Giá trị"], [LA, NV, DOS, Y23, "Sơ bộ", "80"],
               [LA, TP, DOS, Y23, "Chính thức", "81"]),
         loads=[(3, TP, "year", D23, None, None, 81.0)],
         rejects=[(2, "period 'Năm 2023 (Sơ bộ)': a preliminary figure (sơ bộ), not a final "
                      "one: send the figures as 'Năm 2023' once final")]),
    # --- an agency written once above its rows (a merged cell, exported to CSV) -------------
    # was: "agency is blank" for every row under the first
    Case("an agency written once above its rows",
         _file([*HEAD, "Giá trị"], [LA, NV, DOS, Y23, "80"], [LA, "", SAT, Y23, "81"],
               [LA, "", PUC, Y23, "12"], [LA, TP, DOS, Y23, "70"]),
         loads=[(2, NV, "year", D23, None, None, 80.0), (3, NV, "year", D23, None, None, 81.0),
                (4, NV, "year", D23, None, None, 12.0), (5, TP, "year", D23, None, None, 70.0)],
         told=["column 'Cơ quan': rows 3, 4 are blank under a name: read as the name above "
               "them"]),
    # a blank indicator is not filled: a row may have lost it (tests/test_agency_rows)
    Case("an indicator blank under another",
         _file([*HEAD, "Giá trị"], [LA, NV, DOS, Y23, "80"], [LA, TP, "", Y23, "70"]),
         loads=[(2, NV, "year", D23, None, None, 80.0)],
         rejects=[(3, "indicator is blank")]),
    # a signature line with a figure writes no period: not a row of the agency above
    Case("a blank agency on a row with no period",
         _file([*HEAD, "Giá trị"], [LA, NV, DOS, Y23, "80"], ["", "", DOS, "", "80"]),
         loads=[(2, NV, "year", D23, None, None, 80.0)],
         rejects=[(3, "agency is blank")]),
    # nothing above to stand for: a reject as before
    Case("a blank agency on the first row",
         _file([*HEAD, "Giá trị"], [LA, "", DOS, Y23, "80"], [LA, TP, DOS, Y23, "70"]),
         loads=[(3, TP, "year", D23, None, None, 70.0)],
         rejects=[(2, "agency is blank")]),
    # --- a column per year --------------------------------------------------------------------
    # was: quarantined, "a column per period: ... write one row per period"
    Case("a column per year",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm 2022", "Năm 2023", "Năm 2024"],
               [LA, NV, DOS, "80", "82", "84"], [LA, TP, DOS, "70", "", "74"]),
         loads=[(2, NV, "year", D22, None, None, 80.0), (2, NV, "year", D23, None, None, 82.0),
                (2, NV, "year", D24, None, None, 84.0), (3, TP, "year", D22, None, None, 70.0),
                (3, TP, "year", D24, None, None, 74.0)]),
    # a column per year beside a value column: which is the figure? refused as before
    Case("a column per year beside Giá trị",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm 2022", "Năm 2023", "Giá trị"],
               [LA, NV, DOS, "80", "82", "84"]),
         refused="a column per period"),
    # --- counts headed by what they count ----------------------------------------------------
    # was: quarantined, "long layout without a value column"
    Case("Số hồ sơ trực tuyến and Tổng số hồ sơ",
         _file([*HEAD, "Số hồ sơ trực tuyến", "Tổng số hồ sơ"], [LA, NV, DOS, Y23, "120", "150"]),
         loads=[(2, NV, "year", D23, 120.0, 150.0, 80.0)],
         told=["'Số hồ sơ trực tuyến' (column 5) and 'Tổng số hồ sơ' (column 6) taken for the "
               "numerator and the denominator"]),
    # was: both dropped with "not understood"; now the counts the value must agree with
    Case("counts by meaning beside a share",
         _file([*HEAD, "Số hồ sơ giải quyết trực tuyến", "Tổng số hồ sơ giải quyết", "Tỷ lệ (%)"],
               [LA, NV, DOS, Y23, "120", "150", "80"], [LA, TP, DOS, Y23, "45", "50", "80"]),
         loads=[(2, NV, "year", D23, 120.0, 150.0, 80.0)],
         rejects=[(3, "counts and value disagree: 45/50 is 90% but the value is 80")],
         told=["taken for the numerator and the denominator"]),
    # two parts of one total: which is the numerator? not guessed, each named
    Case("two parts of one total",
         _file([*HEAD, "Số hồ sơ trực tuyến", "Số hồ sơ trực tiếp", "Tổng số hồ sơ", "Giá trị"],
               [LA, NV, DOS, Y23, "120", "30", "150", "80"]),
         loads=[(2, NV, "year", D23, None, None, 80.0)],
         told=["'Số hồ sơ trực tuyến' (column 5) not understood",
               "'Số hồ sơ trực tiếp' (column 6) not understood",
               "'Tổng số hồ sơ' (column 7) not understood"]),
    # --- a count written with a thousands dot -------------------------------------------------
    # was: "value '1.204' reads 1.204 (English) or 1204 (Vietnamese) and the column proves
    # neither"; a column of counts holds whole numbers: 1204
    Case("a count of 1.204 in a column of counts",
         _file([*HEAD, "Giá trị"], [LA, NV, PUC, Y23, "1.204"], [LA, TP, PUC, Y23, "12"]),
         loads=[(2, NV, "year", D23, None, None, 1204.0), (3, TP, "year", D23, None, None, 12.0)]),
    # a share beside it written the English way: the column is English, 1.204 no count
    Case("a count of 1.204 beside a share of 85.5",
         _file([*HEAD, "Giá trị"], [LA, NV, PUC, Y23, "1.204"], [LA, TP, SAT, Y23, "85.5"]),
         loads=[(3, TP, "year", D23, None, None, 85.5)],
         rejects=[(2, "1.204 is not a whole number: public_unit_count is a count")]),
]  # fmt: skip


warehouse = case_table("agency_understood", CASES, 1)  # a file quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_means(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_kind, period_start, numerator, denominator, value",
        "1, 4",
    )
    if case.refused:
        assert got.status == "quarantined", got.status
        assert case.refused in (got.error or ""), got.error
        return
    assert_loaded_as(
        got,
        [(r, a, k, s, n, d, pytest.approx(v)) for r, a, k, s, n, d, v in case.loads],
        case.rejects,
        case.told,
    )
