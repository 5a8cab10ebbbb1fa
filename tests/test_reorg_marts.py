"""Marts across the 2025 reorganisation, with numbers computed by hand.

Long An and the old Tây Ninh report for 2023, the merged Tây Ninh for 2026 (one report file
per year, as agencies send them); the seed plan is Long An's of 2022.
"""

from __future__ import annotations

import pytest

from extractors.reference import BUNDLED
from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
IND = "dossier_online_share"  # aggregation ratio_of_sums
REPORTS = {
    "2022": [["Long An", "Sở Nội vụ", IND, "Năm 2022", "8", "10", ""]],
    "2023": [
        ["Long An", "Sở Nội vụ", IND, "Năm 2023", "30", "40", ""],  # 75 %
        ["Long An", "Sở Tư pháp", IND, "Năm 2023", "10", "20", ""],  # 50 %
        ["Tây Ninh", "Sở Nội vụ", IND, "Năm 2023", "20", "40", ""],  # 50 % (the old Tây Ninh)
    ],
    "2026": [["Tây Ninh", "Sở Nội vụ", IND, "Năm 2026", "45", "50", ""]],  # the merged one
}


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    tmp = tmp_path_factory.mktemp("reorg")
    files = []
    for year, rows in REPORTS.items():
        f = tmp / f"report_{year}.csv"
        f.write_bytes(csv_bytes([HEAD, *rows]))
        files.append(str(f))
    db = tmp / "wh.duckdb"
    assert main(["ingest", str(SEED), *files, "--db", str(db), "--build"]) in (0, 3)
    return Warehouse.at(db, BUNDLED)


def test_one_tay_ninh_trend_sums_the_predecessors_counts(wh: Warehouse) -> None:
    with wh.analyst() as con:
        got = con.execute(
            """select year, round(value, 4), numerator, denominator, units_reporting,
                      units_expected, is_partial, units_reported
               from province_trend
               where current_province_code = 'tay_ninh_2025' and indicator_code = ?
               order by year""",
            [IND],
        ).fetchall()
    assert got == [
        # 2022: only Long An reported, the old Tây Ninh did not: partial, no value
        (2022, None, 8, 10, 1, 2, True, ["long_an"]),
        # 2023: (30 + 10 + 20) / (40 + 20 + 40) = 60 / 100 = 60 % - not the mean of
        # the two provinces' shares (66.67 % and 50 %: 58.33 %)
        (2023, 60.0, 60, 100, 2, 2, False, ["long_an", "tay_ninh"]),
        # 2026: the merged province alone: 45 / 50
        (2026, 90.0, 45, 50, 1, 1, False, ["tay_ninh_2025"]),
    ]


def test_attainment_trend_is_one_tay_ninh_series(wh: Warehouse) -> None:
    """Long An's 2022 plan, Long An and the old Tây Ninh in 2023, the merged Tây Ninh in
    2026: one series under today's Tây Ninh, its 2023 value the ratio of the summed counts."""
    with wh.analyst() as con:
        got = con.execute(
            """select year, round(actual_value, 4), provinces_reported, units_reporting,
                      units_expected, is_partial, change_from_previous, years_missing_before
               from attainment_trend
               where current_province_code = 'tay_ninh_2025' and indicator_code = ?
                 and level = 'all' and actual_value is not null
               order by year""",
            [IND],
        ).fetchall()
        provinces = con.execute("select distinct current_province from attainment_trend").fetchall()
    assert got == [
        # 2022: Long An's 8 / 10 alone; the old Tây Ninh reported nothing: partial
        (2022, 80.0, ["Long An"], 1, 2, True, None, 0),
        # 2023: (30 + 10 + 20) / (40 + 20 + 40) = 60 %, not the mean of 66.67 % and 50 %;
        # 2022 was Long An's alone and partial: no change across different provinces
        (2023, 60.0, ["Long An", "Tây Ninh"], 2, 2, False, None, 0),
        # 2026: 45 / 50; nothing for 2024 and 2025: a gap of two years, no change
        (2026, 90.0, ["Tây Ninh"], 1, 1, False, None, 2),
    ]
    assert provinces == [("Tây Ninh",)]  # no Long An series beside it


def test_a_2022_target_led_by_so_tttt_follows_it_to_its_successor(wh: Warehouse) -> None:
    with wh.analyst() as con:
        before = con.execute(
            """select targets_led, tasks_led from agency_scorecard
               where agency_code = 'so_tttt' and province = 'Long An' and plan_year = 2022"""
        ).fetchall()
        after = con.execute(
            """select current_agency, current_province, agency_lineage, province_lineage,
                      targets_led, tasks_led
               from agency_scorecard_lineage
               where current_agency_code = 'so_khcn_2025' and plan_year = 2022
                 and agency_code = 'so_tttt'"""
        ).fetchall()
    assert before and before[0][0] > 0  # the seed plan has targets led by Sở TT&TT
    assert after == [
        (
            "Sở Khoa học và Công nghệ",
            "Tây Ninh",
            "so_tttt -> so_khcn_2025",
            "long_an -> tay_ninh_2025",
            *before[0],
        )
    ]


def test_attainment_carries_the_current_province(wh: Warehouse) -> None:
    with wh.analyst() as con:
        got = con.execute(
            """select distinct province, plan_year, current_province, current_province_code
               from target_attainment_current"""
        ).fetchall()
    assert got == [("Long An", 2022, "Tây Ninh", "tay_ninh_2025")]
