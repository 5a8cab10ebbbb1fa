"""Crash safety and concurrency on real processes and a real DuckDB file.

* A loader killed with SIGKILL at random moments (>= 10 times) leaves no partial rows and
  a consistent manifest; the final state after a restart equals a clean load.
* Analysts query the published copy while a load runs, and an analyst connection left
  open in another process does not make the next load fail.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from extractors.reference import BUNDLED as REFERENCE
from tests.helpers import csv_bytes
from warehouse.database import Warehouse
from warehouse.ingest import ingest

AGENCIES = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở TT&TT",
    "UBND huyện Cần Giuộc",
    "UBND TP Tân An",
    "UBND huyện Đức Hòa",
    "Sở Y tế",
]


def big_csv(path: Path, rows: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    lines = [["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]]
    for i in range(rows):  # (agency, quarter, year, indicator) is unique per row
        den = rng.randint(100, 5000)
        period = f"Quý {1 + (i // 8) % 4}/{2000 + (i // 32) % 25}"
        lines.append(
            [
                AGENCIES[i % 8],
                f"chi_tieu_{i // 800}",
                period,
                str(rng.randint(0, den)),
                f"{den:,}".replace(",", "."),
            ]
        )
    path.write_bytes(csv_bytes(lines))
    return path


# the synthetic indicators (chi_tieu_N) are not in the catalog: a load that keeps their
# figures out of the marts exits 3 (DESIGN), and a load's success is that code
LOADED = 3


def loader(db: Path, *files: Path) -> subprocess.Popen[bytes]:
    db.parent.mkdir(parents=True, exist_ok=True)  # --db names a folder that is there
    return subprocess.Popen(
        [sys.executable, "-m", "parplan.cli", "ingest", "--db", str(db), *map(str, files)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def state(db_file: Path) -> dict[str, object]:
    with duckdb.connect(str(db_file), read_only=True) as con:
        if not con.execute(
            "select count(*) from duckdb_tables() where table_name = 'file_manifest'"
        ).fetchall()[0][0]:
            return {"manifest": [], "per_file": {}, "checksum": None}  # killed while migrating
        manifest = con.execute(
            "select sha256, status, rows_loaded from file_manifest order by 1"
        ).fetchall()
        per_file = dict(
            con.execute(
                "select source_sha256, count(*) from metric_observations group by 1"
            ).fetchall()
        )
        checksum = con.execute(
            "select count(*), sum(numerator), sum(denominator), "
            "count(distinct source_row) from metric_observations"
        ).fetchone()
    return {"manifest": manifest, "per_file": per_file, "checksum": checksum}


def assert_consistent(st: dict) -> None:
    loaded = {sha: rows for sha, status, rows in st["manifest"] if status == "loaded"}
    assert st["per_file"] == {sha: n for sha, n in loaded.items() if n}  # all or nothing


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_csv(tmp_path_factory.mktemp("big") / "bao_cao_lon.csv", 400_000)


def test_sigkill_mid_load_never_leaves_partial_rows(big: Path, tmp_path: Path) -> None:
    clean = Warehouse.at(tmp_path / "clean" / "parplan.duckdb", REFERENCE)
    start = time.perf_counter()
    assert loader(clean.published, big).wait() == LOADED
    total = time.perf_counter() - start  # start-up + parse + load + publish
    want = state(clean.work)

    def restart_and_compare(wh: Warehouse) -> None:
        # (0 when the killed run had committed: the file is then unchanged, nothing new)
        assert loader(wh.published, big).wait() in (0, LOADED)
        final = state(wh.work)
        assert_consistent(final)
        assert final["per_file"] == want["per_file"] and final["checksum"] == want["checksum"]

    rng = random.Random(42)
    kills, mid_load, round_no = 0, 0, 0
    wh = Warehouse.at(tmp_path / "crash0" / "parplan.duckdb", REFERENCE)
    while mid_load < 10:
        proc = loader(wh.published, big)
        time.sleep(rng.uniform(0.3, 0.8 * total))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        st = state(wh.work) if wh.work.exists() else {"manifest": [], "per_file": {}}
        assert_consistent(st)  # all of the file or none of it, manifest in step
        if st["per_file"]:  # the kill came after the commit: this warehouse is done
            restart_and_compare(wh)
            round_no += 1
            wh = Warehouse.at(tmp_path / f"crash{round_no}" / "parplan.duckdb", REFERENCE)
        else:
            mid_load += 1
    restart_and_compare(wh)
    assert kills >= 10


def test_analysts_read_while_a_load_runs(big: Path, tmp_path: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    small = tmp_path / "small.csv"
    small.write_bytes(
        csv_bytes([["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị"], ["Sở Nội vụ", "sipas", "2022", "85"]])
    )
    ingest([small], wh)
    # an analyst connection held open by another process
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; "
            f"c = duckdb.connect({str(wh.published)!r}, read_only=True); "
            "print(c.execute('select count(*) from metric_observations').fetchone()[0], "
            "flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"1"
        proc = loader(wh.published, big)
        seen = 0
        while proc.poll() is None:
            with wh.analyst() as con:  # the published copy answers during the write
                seen += 1
                assert con.execute("select count(*) from file_manifest").fetchone()[0] >= 1
            time.sleep(0.05)
        assert proc.returncode == LOADED and seen >= 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with wh.analyst() as con:
        assert con.execute("select count(*) from file_manifest").fetchone() == (2,)
    assert not [p for p in wh.published.parent.iterdir() if p.name.endswith(".tmp")]
