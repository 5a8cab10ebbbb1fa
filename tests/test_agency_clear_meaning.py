"""Metric files whose meaning is clear but that were refused loudly (issue 14): months
written as a range ("Tháng 1-6/2024": the first half), "-", "x" or "—" where a figure goes
("no data": nothing to load, not an error of the file), and accounting brackets ("(2,5)":
a negative number, rejected as a negative figure, not as unreadable text). One ``parplan
ingest`` of every case's file, each in its own folder; per case what loads (source row,
agency as written, first and last day, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

LA, DOS, SAT, CUT = "Long An", "dossier_online_share", "sat_tthc", "compliance_cost_cut"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
VALUES = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
Y24 = (date(2024, 1, 1), date(2024, 12, 31))
H1 = (date(2024, 1, 1), date(2024, 6, 30))


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[tuple[int, str, date, date, float]] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.csv"


CASES = [
    # --- months written as a range ---------------------------------------------------------
    # was: "period 'Tháng 1-6/2024': not a period"; January to June is the first half,
    # January to September nine months, April to June the second quarter, January to
    # November a cumulative period, and "Từ tháng 1 đến tháng 3" the first quarter
    Case("months as a range",
         csv_bytes([VALUES, [LA, NV, SAT, "Tháng 1-6/2024", "90"],
                    [LA, TP, SAT, "Tháng 1 - 9/2024", "91"],
                    [LA, YT, SAT, "Tháng 4-6 năm 2024", "92"],
                    [LA, NV, SAT, "tháng 1-11/2024", "93"],
                    [LA, TP, SAT, "Từ tháng 1 đến tháng 3 năm 2024", "94"],
                    [LA, YT, SAT, "6 tháng đầu năm 2024", "95"]]),
         loads=[(2, NV, *H1, 90.0), (3, TP, date(2024, 1, 1), date(2024, 9, 30), 91.0),
                (4, YT, date(2024, 4, 1), date(2024, 6, 30), 92.0),
                (5, NV, date(2024, 1, 1), date(2024, 11, 30), 93.0),
                (6, TP, date(2024, 1, 1), date(2024, 3, 31), 94.0), (7, YT, *H1, 95.0)]),
    # a range of months that is no reporting period stays refused, saying why
    Case("a range of months no report covers",
         csv_bytes([VALUES, [LA, NV, SAT, "Tháng 3-5/2024", "90"],
                    [LA, TP, SAT, "Tháng 6-2/2024", "91"], [LA, YT, SAT, "Năm 2024", "92"]]),
         loads=[(4, YT, *Y24, 92.0)],
         rejects=[(2, "months 3-5 of 2024 make no reporting period"),
                  (3, "a range of months that ends before it begins")]),
    # --- "no data" written where a figure goes ------------------------------------------------
    # was: "no value: Giá trị/Tỷ lệ and Tử số are blank", each row rejected (exit 3)
    Case("'-', 'x' and '—' for no data",
         csv_bytes([COUNTS, [LA, NV, DOS, "Năm 2024", "45", "100"],
                    [LA, TP, DOS, "Năm 2024", "-", "-"], [LA, YT, DOS, "Năm 2024", "x", "x"],
                    [LA, "UBND huyện Cần Đước", DOS, "Năm 2024", "—", ""]]),
         loads=[(2, NV, *Y24, 45.0)],
         told=["rows 3, 4, 5: no data ('-', 'x', '—')"]),
    # a count beside a dash is half a pair of counts: which share was meant is unclear
    Case("a count beside a dash",
         csv_bytes([COUNTS, [LA, NV, DOS, "Năm 2024", "45", "100"],
                    [LA, TP, DOS, "Năm 2024", "0", "-"]]),
         loads=[(2, NV, *Y24, 45.0)],
         rejects=[(3, "a numerator (Tử số) without its denominator (Mẫu số)")]),
    # --- accounting negatives -------------------------------------------------------------------
    # was: "value '(2,5)' is not a number"; it is -2,5, and a negative figure is refused
    Case("a negative in accounting brackets",
         csv_bytes([VALUES, [LA, NV, CUT, "Năm 2024", "12,5"], [LA, TP, CUT, "Năm 2024", "(2,5)"],
                    [LA, YT, CUT, "Năm 2024", "( 3 )"]]),
         loads=[(2, NV, *Y24, 12.5)],
         rejects=[(3, "'(2,5)' is -2,5 written in accounting brackets: a negative figure"),
                  (4, "'( 3 )' is -3 written in accounting brackets: a negative figure")]),
]  # fmt: skip


warehouse = case_table("agency_clear_meaning", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_clear_meaning_loads(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_start, period_end, value",
        order="1, 3, 4",
    )
    assert_loaded_as(
        got,
        [(r, a, s, e, pytest.approx(v)) for r, a, s, e, v in case.loads],
        case.rejects,
        case.told,
    )
