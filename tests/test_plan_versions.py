"""Plans have versions chosen on purpose (issue 15): a new document of the same plan
(issuer x kind x topic x period) supersedes the current one only when it is complete, and
versions are ordered by issue date and number, then arrival, never by file name or load order.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import PLANS, backfill_cli, plan_text
from warehouse.database import Warehouse
from warehouse.ingest import ingest

YEAR = 2022
FULL = plan_text(YEAR, PLANS[YEAR])  # Số: 10/QĐ-UBND of 05/01/2022, two appendices
COVER = FULL.split("## PHỤ LỤC 1")[0]  # the header and the decision alone: no body, no annex


def _numbered(number: int, day: str = "05") -> str:
    return FULL.replace("Số: 10/QĐ-UBND", f"Số: {number}/QĐ-UBND").replace(
        f"ngày 05 tháng 01 năm {YEAR}", f"ngày {day} tháng 01 năm {YEAR}"
    )


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _current(wh: Warehouse) -> list[tuple[str | None, bool]]:
    with wh.analyst() as con:
        return con.execute(
            "select doc_number, is_current from documents order by doc_number nulls first"
        ).fetchall()


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)


def test_a_cover_page_supersedes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wh.duckdb")
    full = _write(tmp_path, "longan_2022.txt", FULL)
    cover = _write(tmp_path, "longan_2022_bia.txt", COVER)
    assert main(["ingest", str(full), "--db", db]) == 0
    assert main(["build", "--db", db]) == 0
    wh = Warehouse.at(Path(db), REFERENCE)
    with wh.analyst() as con:
        before = con.execute("select count(*) from target_attainment").fetchall()
    capsys.readouterr()
    # a fragment kept out of the marts: loaded, warned about, exit 3 (DESIGN.md's codes)
    assert main(["ingest", str(cover), "--db", db]) == 3
    out = capsys.readouterr().out
    assert "0 superseded" in out
    assert "1 plan fragment" in out and "parplan versions" in out
    assert f"fragment: {cover}: no body: no target or task (a cover page)" in out
    assert main(["build", "--db", db]) == 0
    with wh.analyst() as con:
        docs = con.execute(
            "select doc_number, is_current, superseded_by, complete from documents "
            "order by loaded_at"
        ).fetchall()
        attainment = con.execute("select count(*) from target_attainment").fetchall()
        sources = con.execute("select distinct source_sha256 from target_attainment").fetchall()
    assert docs == [("10/QĐ-UBND", True, None, True), ("10/QĐ-UBND", False, None, False)]
    # the plan's rows stay (five targets, one with two measures), all from the full plan
    assert attainment == before == [(6,)]
    assert sources == [(docs and _sha(wh, "10/QĐ-UBND"),)]
    assert main(["ingest", str(full), "--db", db]) == 0
    assert "1 unchanged" in capsys.readouterr().out  # and nothing needed restoring


# (files in load order, their text: the current document's number)
ORDERS = [
    # v10 first, then v9 under a later name: v10 stays current
    ([("a_v10.txt", 10), ("b_v9.txt", 9)], "10/QĐ-UBND"),
    # one batch, the name sorting v10 before v9 (the old bug made v9 current)
    ([("v10.txt", 10), ("v9.txt", 9)], "10/QĐ-UBND"),
    # v9 then v10: v10 supersedes
    ([("b_v9.txt", 9), ("a_v10.txt", 10)], "10/QĐ-UBND"),
]


@pytest.mark.parametrize(("files", "current"), ORDERS)
def test_v10_beats_v9_regardless_of_names(
    tmp_path: Path, wh: Warehouse, files: list[tuple[str, int]], current: str
) -> None:
    for name, number in files:
        ingest([_write(tmp_path, name, _numbered(number))], wh)
    assert [n for n, cur in _current(wh) if cur] == [current]


def test_one_batch_in_reverse_order(tmp_path: Path, wh: Warehouse) -> None:
    paths = [_write(tmp_path, "v10.txt", _numbered(10)), _write(tmp_path, "v9.txt", _numbered(9))]
    ingest(paths, wh)
    assert _current(wh) == [("10/QĐ-UBND", True), ("9/QĐ-UBND", False)]


def test_a_later_issue_date_beats_a_higher_number(tmp_path: Path, wh: Warehouse) -> None:
    later = _write(tmp_path, "a.txt", _numbered(7, day="20"))  # 7/QĐ of 20/01
    earlier = _write(tmp_path, "b.txt", _numbered(10))  # 10/QĐ of 05/01
    ingest([later], wh)
    ingest([earlier], wh)
    assert _current(wh) == [("10/QĐ-UBND", False), ("7/QĐ-UBND", True)]


def test_a_draft_without_number_supersedes_nothing(tmp_path: Path, wh: Warehouse) -> None:
    ingest([_write(tmp_path, "v10.txt", _numbered(10))], wh)
    report = ingest(
        [_write(tmp_path, "draft.txt", FULL.replace("Số: 10/QĐ-UBND", "Số: /QĐ-UBND"))], wh
    )
    assert report.superseded == 0 and report.exit_code() == 3
    assert _current(wh) == [(None, False), ("10/QĐ-UBND", True)]


def _sha(wh: Warehouse, number: str) -> str:
    with wh.analyst() as con:
        row = con.execute(
            "select sha256 from documents where doc_number = ? and complete", [number]
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_versions_lists_and_make_current_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wh.duckdb")
    v9, v10 = _write(tmp_path, "v9.txt", _numbered(9)), _write(tmp_path, "v10.txt", _numbered(10))
    cover = _write(tmp_path, "bia.txt", COVER)
    assert main(["ingest", str(v9), str(v10), "--db", db]) == 0
    assert main(["ingest", str(cover), "--db", db]) == 3
    wh = Warehouse.at(Path(db), REFERENCE)
    sha9, sha10 = _sha(wh, "9/QĐ-UBND"), _sha(wh, "10/QĐ-UBND")
    capsys.readouterr()
    assert main(["versions", "long an", "2022", "--db", db]) == 0  # case and marks ignored
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert len(lines) == 3
    (line9,) = [x for x in lines if x.startswith(sha9[:12])]
    (line10,) = [x for x in lines if x.startswith(sha10[:12]) and "complete" in x]
    (cover_line,) = [x for x in lines if "fragment" in x]
    assert "9/QĐ-UBND" in line9 and "issued 2022-01-05" in line9
    assert line9.endswith(f"superseded by {sha10[:12]}")
    assert line10.endswith("current") and "complete" in line10
    assert "fragment: no body" in cover_line and cover_line.endswith("related (not current)")
    # make v9 current on purpose, by a prefix; the marts follow with --build (one publish)
    assert main(["make-current", sha9[:10], "--db", db, "--build"]) == 0
    assert f"it supersedes {sha10[:12]}" in capsys.readouterr().out
    assert _current(wh) == [("10/QĐ-UBND", False), ("10/QĐ-UBND", False), ("9/QĐ-UBND", True)]
    with wh.analyst() as con:
        statuses = con.execute(
            "select status from file_manifest where sha256 in (?, ?) order by sha256 = ?",
            [sha9, sha10, sha9],
        ).fetchall()
        marts = con.execute("select distinct source_sha256 from target_attainment").fetchall()
    assert statuses == [("superseded",), ("loaded",)]
    assert marts == [(sha9,)]


@pytest.mark.parametrize(
    ("sha", "message"),
    [
        ("ffffffffff", "no plan document has this sha256"),  # unknown
        ("abc", "at least 6 characters"),  # too short to be a deliberate choice
    ],
)
def test_make_current_of_an_unknown_sha_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sha: str, message: str
) -> None:
    db = str(tmp_path / "wh.duckdb")
    assert main(["ingest", str(_write(tmp_path, "v10.txt", _numbered(10))), "--db", db]) == 0
    capsys.readouterr()
    assert main(["make-current", sha, "--db", db]) == 2
    assert message in capsys.readouterr().err


def test_a_backfill_orders_versions_by_number_then_modification_time(tmp_path: Path) -> None:
    """Through ``parplan backfill`` (one Dagster run): of two versions with the same number
    and date, the one modified later is current, whatever the names; v9 modified last
    stays behind v10."""
    archive = tmp_path / "archive"
    archive.mkdir()
    files = [  # (name, text, modification time)
        ("a_v10_sua.txt", _numbered(10).replace("tối thiểu 50%", "tối thiểu 55%"), 1_660_000_000),
        ("z_v10.txt", _numbered(10), 1_650_000_000),  # sorts last, modified first
        ("zz_v9.txt", _numbered(9), 1_670_000_000),  # modified last, an older number
    ]
    for name, text, mtime in files:
        os.utime(_write(archive, name, text), (mtime, mtime))
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    proc = backfill_cli(db, archive)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with Warehouse.at(db, REFERENCE).analyst() as con:
        current = con.execute("""select m.original_path from documents d
            join file_manifest m on m.sha256 = d.sha256 where d.is_current""").fetchall()
    assert [Path(p).name for (p,) in current] == ["a_v10_sua.txt"]
