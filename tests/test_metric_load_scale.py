"""The metric load at scale, in small: what a file of many communes or many repeated keys
leaves in the warehouse is what a person expects, row by row (the benchmarks measure the
cost; these tests keep the answers)."""

from __future__ import annotations

from pathlib import Path

from extractors.reference import BUNDLED
from tests.helpers import csv_bytes
from warehouse.database import Warehouse
from warehouse.ingest import ingest


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
