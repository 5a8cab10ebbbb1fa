"""Crash-consistent publishing on real processes and real DuckDB files: a kill or a full
disk between commit and publish leaves the analysts an older, consistent copy, and the
next run (even one with nothing new) brings it up to date."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse
from warehouse.ingest import ingest
from warehouse.publish import PublishError

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def report(path: Path, year: int, value: str) -> Path:
    path.write_bytes(
        csv_bytes([HEADER, ["Long An", "Sở Nội vụ", "public_unit_count", f"Năm {year}", value]])
    )
    return path


def published_figures(wh: Warehouse) -> list[tuple[object, ...]]:
    with wh.analyst() as con:
        return con.execute("select year, value from metric_observations order by 1").fetchall()


def temporaries(wh: Warehouse) -> list[Path]:
    return [*wh.published.parent.rglob(".*.tmp")]


def half_then_full_disk(source: Path, dest: Path) -> None:
    """A copy that writes some bytes, then meets a full disk."""
    dest.write_bytes(source.read_bytes()[:4096])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_during_publish_changes_nothing_and_the_next_run_catches_up(
    tmp_path: Path,
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    wh = Warehouse.at(db, REFERENCE)
    assert ingest([report(tmp_path / "a.csv", 2021, "10")], wh).count("new") == 1
    before = db.read_bytes()
    full = Warehouse(wh.published, wh.reference, copy=half_then_full_disk)
    with pytest.raises(PublishError, match=r"disk is full.*unchanged"):
        ingest([report(tmp_path / "b.csv", 2022, "20")], full)
    assert db.read_bytes() == before  # the analysts' copy: the older, consistent one
    assert published_figures(wh) == [(2021, 10.0)]
    assert temporaries(wh) == []
    again = ingest([tmp_path / "b.csv"], wh)  # nothing new: but the copy was behind
    assert again.count("unchanged") == 1 and again.published
    assert published_figures(wh) == [(2021, 10.0), (2022, 20.0)]


def test_the_command_line_says_the_disk_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.copyfile", half_then_full_disk)
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    code = main(["ingest", "--db", str(db), str(report(tmp_path / "a.csv", 2021, "10"))])
    assert code == 2
    assert "disk is full" in capsys.readouterr().err


KILLED_BEFORE_PUBLISH = """
import os, signal, sys
from pathlib import Path
from extractors.reference import BUNDLED
from warehouse.database import Warehouse
from warehouse.ingest import ingest

def killed_mid_copy(source, dest):
    dest.write_bytes(source.read_bytes()[:4096])  # half a copy, then the process dies
    os.kill(os.getpid(), signal.SIGKILL)

wh = Warehouse(Path(sys.argv[1]), BUNDLED, copy=killed_mid_copy)
ingest([sys.argv[2]], wh)
"""


def test_sigkill_between_commit_and_publish_is_caught_up_by_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    wh = Warehouse.at(db, REFERENCE)
    ingest([report(tmp_path / "a.csv", 2021, "10")], wh)
    b = report(tmp_path / "b.csv", 2022, "20")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_BEFORE_PUBLISH), str(db), str(b)],
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    assert published_figures(wh) == [(2021, 10.0)]  # committed, not yet published
    assert temporaries(wh)  # the killed copy's half
    assert main(["ingest", "--db", str(db), str(b)]) == 0  # "unchanged", yet published
    assert published_figures(wh) == [(2021, 10.0), (2022, 20.0)]
    assert temporaries(wh) == []


def test_leftover_raw_store_copies_are_removed_only_when_their_writer_is_gone(
    tmp_path: Path,
) -> None:
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (wh.raw_dir / "ab").mkdir(parents=True)
        gone = wh.raw_dir / "ab" / f".abcd.csv.{_dead_pid()}.tmp"
        gone_top = wh.raw_dir / f".big.csv.{_dead_pid()}.tmp"
        alive = wh.raw_dir / f".big.csv.{sleeper.pid}.tmp"
        for f in (gone, gone_top, alive):
            f.write_bytes(b"x" * 100)
        ingest([report(tmp_path / "a.csv", 2021, "10")], wh)
        assert not gone.exists() and not gone_top.exists()
        assert alive.exists()  # a copy being made right now (the sensor's, say)
    finally:
        sleeper.kill()
        sleeper.wait()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_writer_waiting_for_the_lock_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    wh = Warehouse((tmp_path / "parplan.duckdb").resolve(), REFERENCE.resolve(), wait_notice=0.2)
    wh.lock_path.touch()
    with wh.lock_path.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another writer
        f = report(tmp_path / "a.csv", 2021, "10")
        worker = threading.Thread(target=ingest, args=([f], wh))
        with caplog.at_level(logging.WARNING, logger="parplan"):
            worker.start()
            # the lock is held until the writer says it waits, however long a loaded
            # machine takes it to get there (a fixed wait was sometimes too short); the
            # bound only keeps a writer that never says so from hanging the suite
            bound = time.monotonic() + 600
            while worker.is_alive() and time.monotonic() < bound:
                if "waiting for another writer" in caplog.text:
                    break
                worker.join(timeout=0.05)
            assert worker.is_alive()  # still waiting
            fcntl.flock(held, fcntl.LOCK_UN)
            worker.join()
    assert "waiting for another writer" in caplog.text
    assert published_figures(wh) == [(2021, 10.0)]


def test_a_writer_opens_and_migrates_the_working_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's writer opens the working file once (its migrations checked once); a tool
    that opens the file itself (dbt, ``exclusive``) gets it migrated all the same."""
    opened: list[Path] = []
    connect = Warehouse.connect

    def counted(wh: Warehouse) -> duckdb.DuckDBPyConnection:
        opened.append(wh.work)
        return connect(wh)

    monkeypatch.setattr(Warehouse, "connect", counted)
    wh = Warehouse.at(tmp_path / "wh" / "p.duckdb", REFERENCE)
    ingest([report(tmp_path / "a.csv", 2023, "5")], wh)
    assert opened == [wh.work]
    wh.work.unlink()
    with wh.exclusive() as work:
        assert duckdb.connect(str(work)).execute("select count(*) from file_manifest").fetchone()
