"""Metric files as agencies write them that the tool refused or rejected although a user
would expect them to load (issue 14's loud leftovers, loud31): figures with their unit in
the cell, periods written as spans, shares written as fractions of 1 whose counts prove
it, and a column per quarter or month. One ``parplan ingest`` of every case's file, each
in its own folder; per case what loads (source row, period kind, period start, numerator,
denominator, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import FileCase as Case
from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes, xlsx_bytes

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo"]
LA, NV, TP = "Long An", "Sở Nội vụ", "Sở Tư pháp"
DOS, SAT, PAR, PUC = "dossier_online_share", "sat_tthc", "par_index", "public_unit_count"
Y23, Y22 = "Năm 2023", date(2022, 1, 1)
D23 = date(2023, 1, 1)


def _file(header: list[str], *rows: list[str], title: list[str] = ()) -> bytes:  # type: ignore[assignment]
    return csv_bytes([*([t] for t in title), header, *rows])


def _values(*rows: tuple[str, str, str, str]) -> bytes:
    """A long file of values: (agency, indicator, period, Giá trị)."""
    return _file([*HEAD, "Giá trị"], *([LA, *r] for r in rows))


def _counts(*rows: tuple[str, str, str, str, str]) -> bytes:
    """A long file of counts: (agency, indicator, period, Tử số, Mẫu số)."""
    return _file([*HEAD, "Tử số", "Mẫu số"], *([LA, *r] for r in rows))


# a case's loads: (source row, period kind, period start, numerator, denominator, value)


CASES = [
    # --- the unit written in the cell ----------------------------------------------------------
    # was: "numerator (Tử số) '1.200 hồ sơ' is not a number"; the counted thing is the count's
    Case("counts written with 'hồ sơ'", _counts((NV, DOS, Y23, "1.200 hồ sơ", "1.500 hồ sơ")),
         loads=[(2, "year", D23, 1200.0, 1500.0, 80.0)]),
    # was: "numerator (Tử số) '12 TTHC' is not a number"
    Case("counts written with 'TTHC'", _counts((TP, DOS, Y23, "12 TTHC", "15 TTHC")),
         loads=[(2, "year", D23, 12.0, 15.0, 80.0)]),
    # was: "value '85,5 điểm' is not a number"; par_index is a score, its unit điểm
    Case("a score written with 'điểm'", _values((NV, PAR, Y23, "85,5 điểm")),
         loads=[(2, "year", D23, None, None, 85.5)]),
    # was: "value '12 đơn vị' is not a number"; public_unit_count is a count of units
    Case("a count written with 'đơn vị'", _values((NV, PUC, Y23, "12 đơn vị")),
         loads=[(2, "year", D23, None, None, 12.0)]),
    # (loaded before too) a share with its percent sign apart: the share
    Case("a share written '95 %'", _values((NV, SAT, Y23, "95 %")),
         loads=[(2, "year", D23, None, None, 95.0)]),
    # a unit that contradicts the indicator's: a reject naming the cell, not a number read
    Case("points on a share", _values((NV, SAT, Y23, "85,5 điểm"), (TP, SAT, Y23, "90")),
         loads=[(3, "year", D23, None, None, 90.0)],
         rejects=[(2, "Giá trị '85,5 điểm': 'điểm' is a score (điểm), but the unit of sat_tthc "
                      "is a share (%)")]),
    Case("points as a count", _counts((NV, DOS, Y23, "12 điểm", "15")),
         rejects=[(2, "Tử số '12 điểm': 'điểm' is a score (điểm)")]),
    # (rejected before too) a "%" on a count indicator
    Case("a percent on a count", _values((NV, PUC, Y23, "95 %")),
         rejects=[(2, "'95 %' is a share, but public_unit_count is a count")]),
    # a word no unit spells: not guessed, "not a number" as before
    Case("a word that is no unit", _values((NV, PUC, Y23, "12 ha")),
         rejects=[(2, "value '12 ha' is not a number")]),
    # --- periods written as spans -------------------------------------------------------------
    # was: "period 'Từ 01/01/2022 đến 31/12/2022': not a period"
    Case("a year as two days", _values((NV, DOS, "Từ 01/01/2022 đến 31/12/2022", "80")),
         loads=[(2, "year", Y22, None, None, 80.0)]),
    Case("the first half as two days", _values((NV, DOS, "Từ 01/01/2022 đến 30/6/2022", "81")),
         loads=[(2, "half", Y22, None, None, 81.0)]),
    Case("to a month's end as two days",
         _values((NV, DOS, "từ ngày 01/01/2022 đến ngày 31/5/2022", "82")),
         loads=[(2, "cumulative", Y22, None, None, 82.0)]),
    # was: "period 'Quý III và IV/2022': not a period"
    Case("the second half as two quarters", _values((NV, DOS, "Quý III và IV/2022", "83")),
         loads=[(2, "half", date(2022, 7, 1), None, None, 83.0)]),
    Case("nine months as three quarters", _values((NV, DOS, "Quý I, II và III/2022", "84")),
         loads=[(2, "nine_months", Y22, None, None, 84.0)]),
    # (loaded before too)
    Case("6 tháng cuối năm", _values((NV, DOS, "6 tháng cuối năm 2022", "85")),
         loads=[(2, "half", date(2022, 7, 1), None, None, 85.0)]),
    # a span of no period's: a reject naming the value
    Case("a span from the 5th", _values((NV, DOS, "Từ 05/01/2022 đến 30/6/2022", "86")),
         rejects=[(2, "period 'Từ 05/01/2022 đến 30/6/2022': a span that does not run from "
                      "the first of a month")]),
    Case("two quarters of no half", _values((NV, DOS, "Quý II và III/2022", "87")),
         rejects=[(2, "period 'Quý II và III/2022': quarters II, III make no reporting period")]),
    # was: the title's span read as the year 2022 (its two days name one year): the half
    Case("the title's span, no period column",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Giá trị"], [LA, NV, DOS, "88"],
               title=["BÁO CÁO SỐ LIỆU TỪ 01/01/2022 ĐẾN 30/6/2022"]),
         loads=[(3, "half", Y22, None, None, 88.0)]),
    # --- a share as a fraction of 1, proven by its counts -----------------------------------
    # was: "counts and value disagree: 95/100 is 95% but the value is 0.95 (a fraction of 1?)"
    Case("fractions of 1 whose counts prove them",
         _file([*HEAD, "Tử số", "Mẫu số", "Tỷ lệ"], [LA, NV, DOS, Y23, "95", "100", "0,95"],
               [LA, TP, DOS, Y23, "45", "50", "0,9"]),
         loads=[(2, "year", D23, 95.0, 100.0, 95.0), (3, "year", D23, 45.0, 50.0, 90.0)],
         told=["column 'Tỷ lệ' holds shares as fractions of 1, as its counts prove (95/100 = "
               "0,95): read as percents (0,95 = 95%)"]),
    # one row agrees with its counts as a percent: nothing is proven, the other is rejected
    Case("one counted row as a percent",
         _file([*HEAD, "Tử số", "Mẫu số", "Tỷ lệ"], [LA, NV, DOS, Y23, "1", "200", "0,5"],
               [LA, TP, DOS, Y23, "45", "50", "0,9"]),
         loads=[(2, "year", D23, 1.0, 200.0, 0.5)],
         rejects=[(3, "counts and value disagree: 45/50 is 90% but the value is 0.9")]),
    # --- a column per quarter or month --------------------------------------------------------
    # was: quarantined, "long layout without a value column"; a blank cell is no figure
    Case("a column per quarter",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý I/2023", "Quý II/2023"],
               [LA, NV, DOS, "80", "82"], [LA, TP, DOS, "70", ""]),
         loads=[(2, "quarter", D23, None, None, 80.0),
                (2, "quarter", date(2023, 4, 1), None, None, 82.0),
                (3, "quarter", D23, None, None, 70.0)]),
    # was: quarantined, the same
    Case("a column per month, the year in the title",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tháng 1", "Tháng 2"], [LA, NV, DOS, "80", "82"],
               title=["BÁO CÁO SỐ LIỆU NĂM 2023"]),
         loads=[(3, "month", D23, None, None, 80.0),
                (3, "month", date(2023, 2, 1), None, None, 82.0)]),
    # a workbook's number cells under quarter headers, the year in the title
    Case("a column per quarter in a workbook",
         xlsx_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý I", "Quý II"], [LA, NV, DOS, 80, 82.5]],
                    title=["BÁO CÁO KẾT QUẢ NĂM 2023"]),
         name="bao_cao.xlsx",
         loads=[(3, "quarter", D23, None, None, 80.0),
                (3, "quarter", date(2023, 4, 1), None, None, 82.5)]),
    # the same month twice with two figures: both rejected, as two such rows are
    Case("one month in two columns",
         _file(["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tháng 1/2023", "T1/2023"], [LA, NV, DOS, "80", "81"]),
         rejects=[(2, "conflicting values"), (2, "conflicting values")]),
]  # fmt: skip


warehouse = case_table("agency_loud", CASES, 3)  # rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, period_kind, period_start, numerator, denominator, value",
        "1, 3",
    )
    assert_loaded_as(
        got,
        [(r, k, s, n, d, pytest.approx(v)) for r, k, s, n, d, v in case.loads],
        case.rejects,
        case.told,
    )
