"""The metric load at scale, in small: what a file of many communes or many repeated keys
leaves in the warehouse is what a person expects, row by row (the benchmarks measure the
cost; these tests keep the answers)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.metrics.judge import Judged
from extractors.metrics.read import read_judged
from extractors.reference import BUNDLED, load_agencies, load_indicators
from tests.helpers import csv_bytes
from tests.reference_rejects import reference_rejects
from warehouse.database import Warehouse, migrate
from warehouse.ingest import ingest
from warehouse.metric_load import METRIC_KEYS, load_metrics, percent_codes
from warehouse.reference import sync_reference


def test_every_unresolved_commune_waits_in_the_review_queue(tmp_path: Path) -> None:
    # a province's report of 300 communes no registry names: each (province, commune)
    # is one open entry, counting its figures
    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    for n in range(1, 301):
        for quarter in (1, 2):
            rows.append(["Huế", f"UBND xã Phước {n}", "sipas", f"Quý {quarter}/2024", "80"])
    f = tmp_path / "xa.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    ingest([f], wh)
    with wh.analyst() as con:
        queue = con.execute(
            """select raw, province, occurrences, status from review_queue
               where kind = 'agency' order by raw"""
        ).fetchall()
    assert queue == sorted((f"UBND xã Phước {n}", "Huế", 2, "open") for n in range(1, 301))


# --- which rows load and why the others are rejected: DuckDB against the plain reference --

AGENCIES = ["Sở Y tế", "Sở Nội vụ", "", "UBND xã Phước 7"]
INDICATORS = ["sipas", "dossier_online_share", "", "Số hồ sơ"]
PERIODS = ["2023", "Quý 1/2023", "Quý 5/2023", "", "Tháng 12/2023"]
NUMERATORS = ["1", "2", "5", "", "1,5x", "-1", "0", "1.234"]
DENOMINATORS = ["2", "3", "0", "", "1.000"]
VALUES = ["50", "40", "", "150", "33,3", "66,67", "abc"]
HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Giá trị", "Đơn vị tính"]

row_strategy = st.tuples(
    st.sampled_from(AGENCIES),
    st.sampled_from(INDICATORS),
    st.sampled_from(PERIODS),
    st.sampled_from(NUMERATORS),
    st.sampled_from(DENOMINATORS),
    st.sampled_from(VALUES),
    st.sampled_from(["", "%"]),
)


def _judged(rows: list[list[str]]) -> Judged:
    con = _connection()
    _, judged = read_judged(
        csv_bytes([HEADER, *rows]),
        "bao_cao_hue.csv",
        load_agencies(BUNDLED),
        load_indicators(BUNDLED),
        percent_codes(con),
    )
    return judged


@cache
def _connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    sync_reference(con, BUNDLED)
    return con


def _loaded(judged: Judged) -> tuple[list[int], list[tuple[int, str, str]], tuple[int, int]]:
    con = _connection()
    for table in ("metric_facts", "metric_rejects", *METRIC_KEYS):
        con.execute(f"delete from {table}")
    con.execute("begin")
    try:
        counts = load_metrics(con, judged, lambda: "f" * 64)
    finally:
        con.execute("commit")
    facts = [r for (r,) in con.execute("select source_row from metric_facts order by 1").fetchall()]
    rejects = con.execute(
        "select source_row, reason, raw_record from metric_rejects order by all"
    ).fetchall()
    return facts, rejects, counts


@given(rows=st.lists(row_strategy, min_size=1, max_size=40))
@settings(max_examples=120, deadline=None)
def test_duckdb_rejects_the_rows_the_reference_rejects(rows: list[tuple[str, ...]]) -> None:
    judged = _judged([list(r) for r in rows])
    loads, rejects = reference_rejects(judged)
    facts, got, counts = _loaded(judged)
    assert facts == sorted(loads)
    assert got == sorted(rejects)
    assert counts == (len(loads), len(rejects))


def test_a_blank_indicator_rejects_its_row_and_the_file_loads(tmp_path: Path) -> None:
    # one row of a long file without its indicator: that row is rejected, the others load
    # (the file was quarantined whole: its blank indicator broke the key table's NOT NULL)
    rows = [
        ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
        ["Sở Y tế", "sipas", "2023", "80"],
        ["Sở Y tế", "", "2023", "81"],
    ]
    f = tmp_path / "bao_cao_hue.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    report = ingest([f], wh)
    assert [(r.status, r.rows, r.rejects) for r in report.results] == [("new", 1, 1)]
    with wh.analyst() as con:
        assert con.execute("select source_row, reason from metric_rejects").fetchall() == [
            (3, "indicator is blank")
        ]


def test_a_key_written_many_times_lists_twenty_of_its_rows(tmp_path: Path) -> None:
    # 25 reports of one agency x indicator x period with different values: all rejected;
    # each reason lists the first 20 rows and counts the rest
    rows = [["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    rows += [["Sở Y tế", "sipas", "2023", str(50 + n)] for n in range(25)]
    f = tmp_path / "bao_cao_hue.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    ingest([f], wh)
    listed = "2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 and 5 more"
    reason = f"conflicting values for the same agency, indicator and period (rows {listed})"
    with wh.analyst() as con:
        got = con.execute("select source_row, reason from metric_rejects order by 1").fetchall()
        assert con.execute("select count(*) from metric_observations").fetchone() == (0,)
    assert got == [(row, reason) for row in range(2, 27)]


def test_a_reject_heavy_file_through_the_cli(tmp_path: Path) -> None:
    # a file in which most keys repeat, some identically, some with other values: the
    # first of identical rows loads, conflicting ones do not; `parplan ingest` exits 3
    # and says where the rejects are
    from parplan.cli import main

    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]]
    for q in (1, 2, 3, 4):
        rows.append(["Huế", "Sở Y tế", "sipas", f"Quý {q}/2024", "40", "50"])
        rows.append(["Huế", "Sở Y tế", "sipas", f"Quý {q}/2024", "40", "50" if q < 3 else "60"])
    f = tmp_path / "bao_cao.csv"
    f.write_bytes(csv_bytes(rows))
    db = tmp_path / "wh" / "parplan.duckdb"
    assert main(["ingest", str(f), "--db", str(db)]) == 3
    wh = Warehouse.at(db, BUNDLED)
    with wh.analyst() as con:
        loaded = con.execute("select source_row from metric_observations order by 1").fetchall()
        rejects = con.execute("select source_row, reason from metric_rejects order by 1").fetchall()
    assert loaded == [(2,), (4,)]
    conflict = "conflicting values for the same agency, indicator and period (rows {})"
    assert rejects == [
        (3, "duplicate of row 2"),
        (5, "duplicate of row 4"),
        (6, conflict.format("6, 7")),
        (7, conflict.format("6, 7")),
        (8, conflict.format("8, 9")),
        (9, conflict.format("8, 9")),
    ]
