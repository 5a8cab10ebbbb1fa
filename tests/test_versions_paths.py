"""Versions through the operators' paths (issue 15): a newer plan version dropped into the
inbox, an older version that arrives after the newer one, and task-progress reports that
correct an earlier report. Real files, a real DuckDB file, real Dagster runs and the CLI."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg
import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from pipelines.resources import SubmissionFolders
from tests.conftest import SEED
from tests.helpers import PLANS, csv_bytes, plan_text
from tests.sensor_tick import tick
from warehouse.database import Warehouse

YEAR = 2022
V9 = plan_text(YEAR, PLANS[YEAR]).replace("Số: 10/QĐ-UBND", "Số: 9/QĐ-UBND")
# the same plan re-issued as 10/QĐ with one target raised: its figures tell the versions apart
V10 = plan_text(YEAR, PLANS[YEAR]).replace("tối thiểu 50%", "tối thiểu 55%")

# what the warehouse says of the plan's versions: (file name, number, current, manifest
# status, superseded by, supersedes) with the other file's name for its hash
VERSIONS = """
select regexp_extract(m.original_path, '[^/]+$'), d.doc_number, d.is_current, m.status,
       m.superseded_by, m.supersedes, m.sha256
from documents d join file_manifest m on m.sha256 = d.sha256 order by d.doc_number
"""


def versions(db: Path) -> list[tuple[object, ...]]:
    with Warehouse.at(db, REFERENCE).analyst() as con:
        rows = con.execute(VERSIONS).fetchall()
    names = {sha: name for name, *_, sha in rows}
    return [
        (name, number, cur, status, [names[s] for s in by], [names[s] for s in sup])
        for name, number, cur, status, by, sup, _ in rows
    ]


def attainment(db: Path) -> list[tuple[object, ...]]:
    """The marts' plan: which file's targets target_attainment holds, and the raised one."""
    with Warehouse.at(db, REFERENCE).analyst() as con:
        return con.execute("""select distinct regexp_extract(m.original_path, '[^/]+$')
            from target_attainment t join file_manifest m on m.sha256 = t.source_sha256
            order by 1""").fetchall()


def test_a_newer_plan_version_dropped_into_the_inbox_becomes_current(tmp_path: Path) -> None:
    """v9 is in the warehouse; v10 dropped into the inbox is picked by the sensor, ingested
    once in one run, becomes current and the marts follow, as ``parplan ingest`` makes it.
    v10's name sorts before v9's: names order nothing."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    instance = dg.DagsterInstance.ephemeral()
    folders = SubmissionFolders(inbox=str(inbox), quiet_seconds=0.1)
    cursor, runs = None, []

    def ticks(n: int) -> None:
        nonlocal cursor
        for _ in range(n):
            result = tick(instance, cursor, folders, db)
            cursor = result.cursor
            runs.extend(result.run_requests or [])
            time.sleep(0.15)

    (inbox / "kh_cchc_2022_b.txt").write_text(V9, encoding="utf-8")
    ticks(3)
    assert len(runs) == 1
    (inbox / "kh_cchc_2022_a.txt").write_text(V10, encoding="utf-8")
    ticks(4)  # a tick after the run finds nothing new
    assert len(runs) == 2
    expected = [
        ("kh_cchc_2022_a.txt", "10/QĐ-UBND", True, "loaded", [], ["kh_cchc_2022_b.txt"]),
        ("kh_cchc_2022_b.txt", "9/QĐ-UBND", False, "superseded", ["kh_cchc_2022_a.txt"], []),
    ]
    assert versions(db) == expected
    assert attainment(db) == [("kh_cchc_2022_a.txt",)]  # the models rebuilt in the same run
    with Warehouse.at(db, REFERENCE).analyst() as con:
        assert con.execute("select count(*) from file_manifest").fetchone() == (2,)

    # the same two files through the command line: the same versions, the same marts
    cli_db = tmp_path / "cli" / "parplan.duckdb"
    cli_db.parent.mkdir(exist_ok=True)  # --db names a folder that is there
    for name in ("kh_cchc_2022_b.txt", "kh_cchc_2022_a.txt"):
        assert main(["ingest", "--db", str(cli_db), "--build", str(inbox / name)]) == 0
    assert versions(cli_db) == expected
    assert attainment(cli_db) == attainment(db)


def test_an_older_plan_version_arriving_late_is_loaded_as_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """v9 sent after v10 is loaded: kept, with the manifest saying it arrived superseded
    (by v10), and the marts keep v10."""
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    v10, v9 = tmp_path / "a_v10.txt", tmp_path / "b_v9.txt"
    v10.write_text(V10, encoding="utf-8")
    v9.write_text(V9, encoding="utf-8")
    assert main(["ingest", "--db", str(db), "--build", str(v10)]) == 0
    capsys.readouterr()
    assert main(["ingest", "--db", str(db), "--build", str(v9)]) == 0
    out = capsys.readouterr().out
    assert "1 file loaded as history" in out and "0 superseded" in out
    assert versions(db) == [
        ("a_v10.txt", "10/QĐ-UBND", True, "loaded", [], ["b_v9.txt"]),
        ("b_v9.txt", "9/QĐ-UBND", False, "superseded", ["a_v10.txt"], []),
    ]
    assert attainment(db) == [("a_v10.txt",)]


# --- task-progress reports ---------------------------------------------------------------

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
TITLE = ["UBND TỈNH LONG AN"]
FIRST = [  # Sở Tài chính's year-end report on tasks 6.1-6.3 of the sample plan
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", "Năm 2022"],
    ["6.2", "", "Sở Tài chính", "Đang thực hiện", "", "Năm 2022"],
    ["6.3", "", "Sở Tài chính", "Chưa thực hiện", "", "Năm 2022"],
]
RESENT = [  # the same report re-sent with 6.2 done after all
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", "Năm 2022"],
    ["6.2", "", "Sở Tài chính", "Đã hoàn thành", "25/06/2022", "Năm 2022"],
    ["6.3", "", "Sở Tài chính", "Chưa thực hiện", "", "Năm 2022"],
]
PART = [RESENT[1]]  # a correction of 6.2 alone: 6.1 and 6.3 still count from the first
HALF_YEAR = [  # a report of an earlier period: another report, replacing nothing
    ["6.1", "", "Sở Tài chính", "Đang thực hiện", "", "6 tháng đầu năm 2022"],
]

# (the second report, whether it superseded the first; both stay 'loaded': the second
#  arrived later, and the first still counts where nothing replaced it)
PROGRESS = [
    # a corrected re-send of every task
    (RESENT, True),
    # a correction of one task: the first still counts for the others
    (PART, True),
    # a report of another period supersedes nothing
    (HALF_YEAR, False),
]


@pytest.mark.parametrize(("second", "replaced"), PROGRESS)
def test_a_progress_report_re_sent_supersedes_the_earlier_one_in_the_manifest(
    tmp_path: Path, second: list[list[str]], replaced: bool
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    first_file, second_file = tmp_path / "z_bao_cao.csv", tmp_path / "a_bao_cao.csv"
    first_file.write_bytes(csv_bytes([TITLE, HEADER, *FIRST]))
    second_file.write_bytes(csv_bytes([TITLE, HEADER, *second]))
    os.utime(first_file, (1_650_000_000, 1_650_000_000))
    assert main(["ingest", "--db", str(db), str(SEED), str(first_file)]) == 0
    assert main(["ingest", "--db", str(db), "--build", str(second_file)]) == 0
    with Warehouse.at(db, REFERENCE).analyst() as con:
        rows = con.execute("""select regexp_extract(original_path, '[^/]+$'), status,
            supersedes, superseded_by, sha256 from file_manifest where kind = 'progress'
            order by 1""").fetchall()
        pairs = con.execute("select old_sha256, new_sha256 from file_supersessions").fetchall()
        done = con.execute("""select code, status from task_progress
            where province = 'Long An' and plan_year = 2022 and code in ('6.1', '6.2', '6.3')
            order by code""").fetchall()
    (_, new_status, sup, _, new), (_, old_status, _, by, old) = rows
    assert (old_status, new_status) == ("loaded", "loaded")
    assert (by, sup, pairs) == (([new], [old], [(old, new)]) if replaced else ([], [], []))
    if second is not HALF_YEAR:  # the correction's 6.2 counts
        assert done == [("6.1", "done"), ("6.2", "done"), ("6.3", "not_started")]
