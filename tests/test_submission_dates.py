"""An older report that arrives later does not replace a newer one: the report date a file
states orders the submissions of a figure before their arrival. Real files, real DuckDB,
through ``parplan ingest``.

The rule (what these cases pin down). A file states its report date in a report-date
column (``Ngày báo cáo``) holding one date, or in its title's dated line ("Long An, ngày 20
tháng 01 năm 2024"). Per figure, when every submission of it states a date, the dates
order them: the newest report counts, whatever arrived last; where the dates and the
arrival order disagree, a note on the file says the stated date decided. When any
submission of the figure states no date (or a column holds several different dates: a
note, no guess), arrival orders them as before. A stated version (``lần 2``) still comes
first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
TITLE = "BÁO CÁO SỐ LIỆU CCHC NĂM 2023"


def titled(day: str | None, num: int) -> list[list[str]]:
    """A report dated in its title ("Long An, ngày 20 tháng 01 năm 2024"), or not dated."""
    dated = [[f"Long An, ngày {day} năm 2024"]] if day else []
    row = ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2023", str(num), "1000"]
    return [[TITLE], *dated, HEADER, row]


def labelled(line: str, num: int) -> list[list[str]]:
    """A report dated by a labelled title line ("Ngày báo cáo: 20/01/2024")."""
    row = ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2023", str(num), "1000"]
    return [[TITLE], [line], HEADER, row]


def column(days: list[str], num: int) -> list[list[str]]:
    """A report with a Ngày báo cáo column, a row per date given (one agency each)."""
    agencies = ["Sở Tư pháp", "Sở Y tế"]
    return [
        [*HEADER, "Ngày báo cáo"],
        *(
            ["Long An", a, "dossier_online_share", "Năm 2023", str(num), "1000", d]
            for a, d in zip(agencies, days, strict=False)
        ),
    ]


# (case id, the files in the order they arrive (name, rows), the numerators counting
#  afterwards, what a note of the last file must say (None: no note on dates), the
#  later ingests' exit code, what no note may say)
CASES = [
    # the tester's case: the report of 20/01 arrives first, the older one of 10/01 after
    # it: the report of 20/01 still counts, and the late one says why it does not
    (
        "title: older report arrives later",
        [
            ("r1_ngay20.csv", titled("20 tháng 01", 600)),
            ("r2_ngay10.csv", titled("10 tháng 01", 500)),
        ],
        [600.0],
        "r1_ngay20.csv",
        0,
        None,
    ),
    # dates and arrival agree: the newer report arrives later and replaces the older
    (
        "title: in order",
        [
            ("r2_ngay10.csv", titled("10 tháng 01", 500)),
            ("r1_ngay20.csv", titled("20 tháng 01", 600)),
        ],
        [600.0],
        None,
        0,
        None,
    ),
    # a Ngày báo cáo column: the same
    (
        "column: older report arrives later",
        [
            ("r3_col20.csv", column(["20/01/2024"], 700)),
            ("r4_col10.csv", column(["10/01/2024"], 650)),
        ],
        [700.0],
        "r3_col20.csv",
        0,
        None,
    ),
    # a labelled title line "Ngày báo cáo: dd/mm/yyyy", the older arriving later (it
    # replaced the newer: tester reports17 m06)
    (
        "labelled line: older report arrives later",
        [
            ("r6_ngay20.csv", labelled("Ngày báo cáo: 20/01/2024", 600)),
            ("r7_ngay10.csv", labelled("Ngày báo cáo: 10/01/2024", 500)),
        ],
        [600.0],
        "r6_ngay20.csv",
        0,
        None,
    ),
    # the same in words, without a colon ("Ngày lập báo cáo 20 tháng 01 năm 2024")
    (
        "labelled line in words",
        [
            ("r6_ngay20.csv", labelled("Ngày lập báo cáo 20 tháng 01 năm 2024", 600)),
            ("r7_ngay10.csv", labelled("Ngày lập báo cáo 10 tháng 01 năm 2024", 500)),
        ],
        [600.0],
        "r6_ngay20.csv",
        0,
        None,
    ),
    # the first states no date: arrival orders, as before
    (
        "one undated",
        [("r0.csv", titled(None, 600)), ("r2_ngay10.csv", titled("10 tháng 01", 500))],
        [500.0],
        None,
        0,
        None,
    ),
    # a column with two different dates states none (a warning, no guess): arrival orders
    (
        "column: several dates",
        [
            ("r3_col20.csv", column(["20/01/2024"], 700)),
            ("r5_cols.csv", column(["05/01/2024", "06/01/2024"], 650)),
        ],
        [650.0, 650.0],
        "several report dates",
        0,
        None,
    ),
    # three reports: 20/01, then a re-send of 25/01 (it replaces), then one of 10/01: the
    # note of the last must not say that the report of 20/01 stays current - the one of
    # 25/01 does (tester reports18 s05)
    (
        "title: the oldest arrives after two newer",
        [
            ("r1_ngay20.csv", titled("20 tháng 01", 600)),
            ("r8_ngay25.csv", titled("25 tháng 01", 650)),
            ("r2_ngay10.csv", titled("10 tháng 01", 500)),
        ],
        [650.0],
        "this file's figures are history",
        0,
        "r1_ngay20.csv stay current",
    ),
]


@pytest.mark.parametrize(
    ("files", "counting", "note", "code", "wrong"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_the_stated_report_date_orders_submissions_before_arrival(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: list[tuple[str, list[list[str]]]],
    counting: list[float],
    note: str | None,
    code: int,
    wrong: str | None,
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    for n, (name, rows) in enumerate(files):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows))
        capsys.readouterr()
        assert main(["ingest", "--db", str(db), str(path)]) == (0 if n == 0 else code)
    said = capsys.readouterr().out
    with Warehouse.at(db, REFERENCE).analyst() as con:
        figures = con.execute("""select numerator from metric_observations
            where superseded_by is null order by all""").fetchall()
    assert [f for (f,) in figures] == counting
    if note is None:
        assert "report date" not in said, said
    else:
        assert "report date" in said and note in said, said
    assert wrong is None or wrong not in said, said
