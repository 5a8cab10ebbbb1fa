"""The year a figure counts for, as an agency's reports make it (through ``parplan ingest
--build`` and the dbt models): a reported year wins over its parts; a year is derived from
its quarters or months only when their set is complete, else it is marked partial.

One row per case: an agency's report file (its rows), and the year the warehouse makes of
it in ``int_agency_year``: the value, what it was built from (``year_basis``) and whether
it covers only part of the year (``is_partial``). Every case is its own agency and
indicator, so the cases share one warehouse (one dbt build) without touching each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import PLANS, csv_bytes, plan_text

W, M = "work_files_online", "compliance_cost_cut"  # ratio_of_sums, mean
S, L = "public_unit_count", "par_index"  # a stock (units at the period's end), a latest score
HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Giá trị"]
Q = ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"]
MONTHS = [f"Tháng {m}/2023" for m in range(1, 13)]


@dataclass(frozen=True)
class Year:
    why: str
    agency: str
    indicator: str
    rows: list[tuple[str, float | None, float | None, float | None]]  # period, num, den, value
    value: float
    basis: str  # year | quarters | months | cumulative
    partial: bool


def _counts(periods: list[str], num: float, den: float) -> list[tuple[str, float, float, None]]:
    return [(p, num, den, None) for p in periods]


YEARS = [
    # a reported year wins over its quarters, even when they are complete
    Year("a year and its four quarters", "Sở Nội vụ", W,
         [("Năm 2023", 60, 100, None), *_counts(Q, 10, 100)], 60.0, "year", False),
    # a reported year wins over twelve months that would say otherwise
    Year("a year and its twelve months", "Sở Tư pháp", W,
         [("Năm 2023", 70, 100, None), *_counts(MONTHS, 1, 10)], 70.0, "year", False),
    # four quarters make the year: the share of their summed counts (100/200)
    Year("four quarters in counts", "Sở Y tế", W,
         [("Quý I/2023", 10, 20, None), ("Quý II/2023", 20, 40, None),
          ("Quý III/2023", 30, 40, None), ("Quý IV/2023", 40, 100, None)], 50.0, "quarters",
         False),
    # three quarters are not a year: the figure stands, marked partial
    Year("three quarters", "Sở Tài chính", W, _counts(Q[:3], 30, 100), 30.0, "quarters", True),
    # twelve months make the year (12/48)
    Year("twelve months", "Sở Xây dựng", W, _counts(MONTHS, 1, 4), 25.0, "months", False),
    # eleven months are not a year
    Year("eleven months", "Sở Công Thương", W, _counts(MONTHS[:11], 1, 4), 25.0, "months",
         True),
    # a December report alone is a month, not the year (it used to count as the year)
    Year("a December report alone", "Sở Giao thông vận tải", W,
         [("Tháng 12/2023", 80, 100, None)], 80.0, "months", True),
    # complete quarters beat months that cover half the year
    Year("four quarters and six months", "Sở Ngoại vụ", W,
         [*_counts(Q, 40, 100), *_counts(MONTHS[:6], 1, 100)], 40.0, "quarters", False),
    # complete months beat quarters that cover half the year
    Year("twelve months and two quarters", "Sở Thông tin và Truyền thông", W,
         [*_counts(MONTHS, 9, 10), *_counts(Q[:2], 1, 10)], 90.0, "months", False),
    # values without counts: the mean of the four quarters, a complete year
    Year("four quarters as values", "Sở Khoa học và Công nghệ", M,
         [(q, None, None, v) for q, v in zip(Q, [10, 20, 30, 40], strict=True)], 25.0,
         "quarters", False),
    # a cumulative report to the year's last day covers the year
    Year("cumulative to 31 December", "Sở Kế hoạch và Đầu tư", W,
         [("Lũy kế đến 31/12/2023", 45, 100, None)], 45.0, "cumulative", False),
    # six months are half a year
    Year("the first half", "Sở Giáo dục và Đào tạo", W,
         [("6 tháng đầu năm 2023", 45, 100, None)], 45.0, "cumulative", True),
    # the same quarter twice (two files) does not make four
    Year("quarters I, II, II, III", "Sở Tài nguyên và Môi trường", W,
         _counts([*Q[:2], "Q2/2023", Q[2]], 10, 100), 10.0, "quarters", True),
    # a stock (public units at the quarter's end) by quarters: the year ends at the fourth
    # quarter's level, 38 - neither their mean (39.25) nor their sum (157)
    Year("a stock by quarters", "Sở Văn hóa, Thể thao và Du lịch", S,
         [(q, None, None, v) for q, v in zip(Q, [40, 40, 39, 38], strict=True)], 38.0,
         "quarters", False),
    # the same, written last quarter first: the level at the latest end still counts
    Year("a stock by quarters, the last written first", "Sở Lao động - Thương binh và Xã hội",
         S, [(q, None, None, v) for q, v in zip(Q[::-1], [38, 39, 40, 40], strict=True)],
         38.0, "quarters", False),
    # without its fourth quarter a stock's year is the third quarter's level, marked partial
    Year("a stock without quarter IV", "Sở Nông nghiệp và Phát triển nông thôn", S,
         [(q, None, None, v) for q, v in zip(Q[:3], [40, 40, 39], strict=True)], 39.0,
         "quarters", True),
    # the fourth quarter alone states the year-end level: the year is whole
    Year("a stock's quarter IV alone", "Thanh tra tỉnh", S, [(Q[3], None, None, 38)], 38.0,
         "quarters", False),
    # twelve months of a stock: December's level
    Year("a stock by months", "Ban Dân tộc tỉnh", S,
         [(m, None, None, 50 - i) for i, m in enumerate(MONTHS)], 39.0, "months", False),
    # a score (PAR INDEX, 'latest') by quarters: the last one, not their mean (82.5); a
    # level reaching 31 December is a whole year
    Year("a score by quarters", "Sở Nội vụ", L,
         [(Q[3], None, None, 85), (Q[2], None, None, 80)], 85.0, "quarters", False),
]  # fmt: skip


# The plans' target 1 (dossiers handled online, all agencies: at least 50% in 2022, 60% in
# 2023), judged in target_attainment on figures whose year is partial or not.
D = "dossier_online_share"
Q22 = ["Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"]
ATTAINMENT_ROWS = [
    *[("Sở Nội vụ", (q, 30, 50, None)) for q in Q22],
    *[("Sở Nội vụ", (q, 10, 100, None)) for q in Q],
    *[("Sở Tư pháp", (q, 30, 100, None)) for q in Q[:3]],
]
ATTAINMENT = [
    # 2022: four quarters of one agency, 120/200: a whole year
    (2022, 60.0, "met", False),
    # 2023: Sở Nội vụ's four quarters (40/400) and Sở Tư pháp's three (90/300): 130/700,
    # the year partial because Sở Tư pháp's quarter IV is missing
    (2023, 100 * 130 / 700, "not_met", True),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from parplan.cli import main

    root = tmp_path_factory.mktemp("years")
    inbox = root / "inbox"
    inbox.mkdir()
    for year, areas in PLANS.items():  # the plans give the years the marts look at
        (inbox / f"ke_hoach_{year}.txt").write_text(plan_text(year, areas), encoding="utf-8")
    for i, case in enumerate(YEARS):
        rows = [[case.agency, case.indicator, *r] for r in case.rows]
        (inbox / f"bao_cao_{i}.csv").write_bytes(csv_bytes([HEADER, *rows]))
    rows = [[agency, D, *r] for agency, r in ATTAINMENT_ROWS]
    (inbox / "bao_cao_ho_so_truc_tuyen.csv").write_bytes(csv_bytes([HEADER, *rows]))
    db = root / "parplan.duckdb"
    code = main(["ingest", "--db", str(db), str(inbox), "--province", "Long An", "--build"])
    assert code == 0
    return db


@pytest.mark.parametrize("case", YEARS, ids=[c.why for c in YEARS])
def test_the_year_an_agency_reports(warehouse: Path, case: Year) -> None:
    from extractors.reference import BUNDLED
    from warehouse.database import Warehouse

    with Warehouse.at(warehouse, BUNDLED).analyst() as con:
        got = con.execute(
            """select y.value, y.year_basis, y.is_partial from int_agency_year y
            join agencies a on a.code = y.agency_code
            where a.name = ? and y.indicator_code = ? and y.year = 2023""",
            [case.agency, case.indicator],
        ).fetchall()
    assert len(got) == 1, got
    value, basis, partial = got[0]
    assert (value, basis, partial) == (pytest.approx(case.value), case.basis, case.partial)


@pytest.mark.parametrize(("year", "actual", "status", "partial"), ATTAINMENT)
def test_target_attainment_says_when_its_actual_is_from_a_partial_year(
    warehouse: Path, year: int, actual: float, status: str, partial: bool
) -> None:
    from extractors.reference import BUNDLED
    from warehouse.database import Warehouse

    with Warehouse.at(warehouse, BUNDLED).analyst() as con:
        got = con.execute(
            """select actual_value, status, actual_is_partial from target_attainment
            where plan_year = ? and indicator_code = ?""",
            [year, D],
        ).fetchall()
    assert got == [(pytest.approx(actual), status, partial)]


def test_a_stock_by_quarters_reaches_the_marts_as_its_year_end_level(warehouse: Path) -> None:
    """The province's public units in 2023 as every mart reads them
    (``int_indicator_actuals``, all agencies): the sum of each agency's year-end level
    (38 + 38 + 39 + 38 + 39 = 192 from the stock cases above), not of the means of their
    quarters or months (200.67); one agency's year lacks its fourth quarter."""
    from extractors.reference import BUNDLED
    from warehouse.database import Warehouse

    with Warehouse.at(warehouse, BUNDLED).analyst() as con:
        got = con.execute(
            """select actual_value, actual_method, agencies_partial from int_indicator_actuals
            where indicator_code = ? and year = 2023 and level = 'all'""",
            [S],
        ).fetchall()
    assert got == [(pytest.approx(192.0), "count", 1)]
