"""Metric files with a column of cumulative figures since the start of the year ("Lũy kế
từ đầu năm") beside the period's own (issue 14): such a column holds figures the agency
reported, so it is read as a cumulative period - 1 January to the end of the row's period
(or the title's) - with its counts or its value, never left out with only a warning. One
``parplan ingest`` of every case's file, each in its own folder; per case what loads
(source row, agency as written, first and last day, value), the rows rejected and what
the file is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

LA, DOS, SAT = "Long An", "dossier_online_share", "sat_tthc"
NV, TP = "Sở Nội vụ", "Sở Tư pháp"
HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
PAIR = "Lũy kế từ đầu năm (Tử số/Mẫu số)"
Q2 = (date(2024, 4, 1), date(2024, 6, 30))
H1 = (date(2024, 1, 1), date(2024, 6, 30))
READ_AS = "read as cumulative figures from 1 January"


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[tuple[int, str, date, date, float]] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.csv"


CASES = [
    # was: "column 'Lũy kế từ đầu năm (Tử số/Mẫu số)' not understood", its figures missing
    # (exit 0): Q2 is 45/100, January to June 85/200 = 42.5 %
    Case("counts a/b in one cell beside the quarter's counts",
         csv_bytes([[*HEAD, PAIR], [LA, NV, DOS, "Quý II/2024", "45", "100", "85/200"],
                    [LA, TP, DOS, "Quý II/2024", "30", "60", "50 / 100"]]),
         loads=[(2, NV, *H1, 42.5), (2, NV, *Q2, 45.0), (3, TP, *H1, 50.0), (3, TP, *Q2, 50.0)],
         told=[READ_AS]),
    # the same counts in two columns, one for each
    Case("cumulative counts in two columns",
         csv_bytes([[*HEAD, "Lũy kế từ đầu năm (Tử số)", "Lũy kế từ đầu năm (Mẫu số)"],
                    [LA, NV, DOS, "Quý II/2024", "45", "100", "85", "200"]]),
         loads=[(2, NV, *H1, 42.5), (2, NV, *Q2, 45.0)], told=[READ_AS, READ_AS]),
    # a share since the start of the year beside the month's share; March's row runs to
    # the end of March
    Case("a cumulative share beside the month's",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)", "Lũy kế (%)"],
                    [LA, NV, SAT, "Tháng 3/2024", "91,5", "90"],
                    [LA, TP, SAT, "Tháng 3/2024", "88", ""]]),
         loads=[(2, NV, date(2024, 1, 1), date(2024, 3, 31), 90.0),
                (2, NV, date(2024, 3, 1), date(2024, 3, 31), 91.5),
                (3, TP, date(2024, 3, 1), date(2024, 3, 31), 88.0)],
         told=[READ_AS]),
    # no period column: the title's quarter is the rows' period, the cumulative runs to its end
    Case("no period column, the title naming the quarter",
         csv_bytes([["BÁO CÁO KẾT QUẢ QUÝ II NĂM 2024"], [],
                    ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tử số", "Mẫu số", PAIR],
                    [LA, NV, DOS, "45", "100", "85/200"]]),
         loads=[(4, NV, *H1, 42.5), (4, NV, *Q2, 45.0)], told=[READ_AS]),
    # a cell of the a/b column holding one number is no pair of counts: that figure is
    # rejected as half a pair; the quarter's own figure of that row still loads
    Case("one number where the column wants a/b",
         csv_bytes([[*HEAD, PAIR], [LA, NV, DOS, "Quý II/2024", "45", "100", "85"],
                    [LA, TP, DOS, "Quý II/2024", "30", "60", "50/100"]]),
         loads=[(2, NV, *Q2, 45.0), (3, TP, *H1, 50.0), (3, TP, *Q2, 50.0)],
         rejects=[(2, "a numerator (Tử số) without its denominator (Mẫu số)")],
         told=[READ_AS]),
]  # fmt: skip


warehouse = case_table("agency_cumulative", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_cumulative_figures_load(warehouse: Path, case: Case) -> None:
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
