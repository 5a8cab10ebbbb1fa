"""The benchmark's own inputs are what they claim: the long CSV that ``make bench`` loads is
clean (every row loads, none is rejected), so its ratio measures the loader's clean path."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.datasets import (
    AGENCIES,
    CLEAN_ROWS,
    COMMUNES,
    INDICATORS,
    PROVINCES,
    clean_long_csv,
    long_csv,
    reject_heavy_csv,
)
from extractors.reference import BUNDLED
from parplan.cli import main
from warehouse.database import Warehouse

# One quarter of rows per block of province x agency x indicator; 24 blocks reach from
# 2020 into the periods after the 2025 reorganisation (from Q3/2025 on).
QUARTER = len(PROVINCES) * len(AGENCIES) * len(INDICATORS)


def test_long_csv_loads_every_row_across_the_reorganisation(tmp_path: Path, capsys) -> None:
    rows = QUARTER * 24
    csv = long_csv(tmp_path / "long.csv", rows)
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    code = main(["ingest", "--db", str(tmp_path / "wh" / "parplan.duckdb"), str(csv)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{rows} rows loaded, 0 rows rejected" in out


def test_clean_long_csv_of_communes_has_every_key_once(tmp_path: Path) -> None:
    # the first rows of the 34 x 1,000 x 10 x 88 file: every province and commune, then the
    # indicators, then the quarters - no key twice, whatever the size taken
    import duckdb

    rows = len(PROVINCES) * COMMUNES * 2 + 17
    csv = clean_long_csv(tmp_path / "clean.csv", rows)
    with duckdb.connect() as con:
        n, keys, provinces, communes = con.execute(
            f"""select count(*), count(distinct ("Tỉnh", "Cơ quan, đơn vị", "Mã chỉ tiêu",
                       "Kỳ báo cáo")), count(distinct "Tỉnh"), count(distinct "Cơ quan, đơn vị")
                from read_csv('{csv}', delim=';', header=true, all_varchar=true)"""
        ).fetchall()[0]
    assert (n, keys, provinces, communes) == (rows, rows, 34, COMMUNES)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # as Excel writes it
    with pytest.raises(ValueError, match="29,920,000"):
        clean_long_csv(tmp_path / "too_big.csv", CLEAN_ROWS + 1)


def test_clean_long_csv_loads_every_row_its_communes_wait_for_review(
    tmp_path: Path, capsys
) -> None:
    rows = len(PROVINCES) * 50
    csv = clean_long_csv(tmp_path / "clean.csv", rows)
    (tmp_path / "wh").mkdir()
    code = main(["ingest", "--db", str(tmp_path / "wh" / "parplan.duckdb"), str(csv)])
    out = capsys.readouterr().out
    # exit 3: no commune is in the registry, so every figure waits in the review queue
    assert code == 3, out
    assert f"{rows} rows loaded, 0 rows rejected; {rows} figures kept out" in out


def test_reject_heavy_csv_rejects_every_row_of_a_repeated_key_and_nothing_else(
    tmp_path: Path, capsys
) -> None:
    # 60,000 rows scale the generator's 200 years to 1: 54,400 keys, the first 5,600 of
    # them twice (with other figures), so 11,200 rows rejected and 48,800 loaded
    csv = reject_heavy_csv(tmp_path / "heavy.csv", 60_000)
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()
    code = main(["ingest", "--db", str(db), str(csv)])
    out = capsys.readouterr().out
    assert code == 3, out
    assert "48800 rows loaded, 11200 rows rejected (see metric_rejects)" in out
    wh = Warehouse.at(db, BUNDLED)
    with wh.analyst() as con:
        reasons = con.execute(
            "select count(*), count(distinct source_row) from metric_rejects"
            " where reason like 'conflicting values for the same agency%'"
        ).fetchall()
    assert reasons == [(11_200, 11_200)]
