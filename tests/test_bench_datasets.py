"""The benchmark's own inputs are what they claim: the long CSV that ``make bench`` loads is
clean (every row loads, none is rejected), so its ratio measures the loader's clean path."""

from __future__ import annotations

from pathlib import Path

from benchmarks.datasets import AGENCIES, INDICATORS, PROVINCES, long_csv
from parplan.cli import main

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
