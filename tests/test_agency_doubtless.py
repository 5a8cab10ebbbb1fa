"""Metric files a reader takes without doubt that the tool refused or rejected (issue 14's
loud leftovers, loud39): a year reported up to a day ("Năm 2024 (đến 30/11)": 1 January to
that day, as "Lũy kế đến 30/11/2024" is). One ``parplan ingest`` of every case's file, each
in its own folder; per case what loads (source row, period kind, first and last day,
numerator, denominator, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

LA, NV, TP, YT = "Long An", "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
SAT, DOS = "sat_tthc", "dossier_online_share"
VALUES = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
JAN = date(2024, 1, 1)

Loaded = tuple[int, str, date, date, float | None, float | None, float]


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[Loaded] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.csv"


CASES = [
    # --- a year reported up to a day ---------------------------------------------------------
    # was: "period 'Năm 2024 (đến 30/11)': not a period"; the year's figures to 30 November
    # are the cumulative period 1/1-30/11, as "Lũy kế đến 30/11/2024"
    Case("a year up to a day",
         csv_bytes([VALUES, [LA, NV, SAT, "Năm 2024 (đến 30/11)", "90"],
                    [LA, TP, SAT, "Năm 2024 (tính đến ngày 30/11/2024)", "91"],
                    [LA, YT, SAT, "Năm 2024 đến hết tháng 10", "92"],
                    [LA, "Sở Tài chính", SAT, "Năm 2024 (số liệu đến 15/11/2024)", "93"]]),
         loads=[(2, "cumulative", JAN, date(2024, 11, 30), None, None, 90.0),
                (3, "cumulative", JAN, date(2024, 11, 30), None, None, 91.0),
                (4, "cumulative", JAN, date(2024, 10, 31), None, None, 92.0),
                (5, "cumulative", JAN, date(2024, 11, 15), None, None, 93.0)]),
    # a year "up to" its last day, or a day after it (the day the figures were taken): the year
    Case("a year up to its end",
         csv_bytes([VALUES, [LA, NV, DOS, "Năm 2024 (đến 31/12/2024)", "80"],
                    [LA, TP, DOS, "Năm 2024 (tính đến ngày 15/01/2025)", "81"]]),
         loads=[(2, "year", JAN, date(2024, 12, 31), None, None, 80.0),
                (3, "year", JAN, date(2024, 12, 31), None, None, 81.0)]),
    # a quarter or a month cut short is no reporting period: rejected, saying so
    Case("a quarter cut short",
         csv_bytes([VALUES, [LA, NV, DOS, "Quý IV/2024 (đến 30/11)", "82"],
                    [LA, TP, DOS, "Năm 2024 (đến 31/11)", "83"],
                    [LA, YT, DOS, "Năm 2024", "84"]]),
         loads=[(4, "year", JAN, date(2024, 12, 31), None, None, 84.0)],
         rejects=[(2, "period 'Quý IV/2024 (đến 30/11)': figures cut off on 30/11/2024, "
                      "before the period ends"),
                  (3, "period 'Năm 2024 (đến 31/11)': figures cut off at a day that is not "
                      "a date")]),
]  # fmt: skip


warehouse = case_table("agency_doubtless", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_a_reader_takes_without_doubt(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, period_kind, period_start, period_end, numerator, denominator, value",
        "1, 3, 7",
    )
    assert_loaded_as(
        got,
        [(r, k, s, e, n, d, pytest.approx(v)) for r, k, s, e, n, d, v in case.loads],
        case.rejects,
        case.told,
    )
