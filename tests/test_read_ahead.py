"""A batch whose first file is a workbook: its sheet is read (in its child process) while
the warehouse opens - the writer's turn, a fresh warehouse's migrations, the reference
sync - and the batch loads what it loaded before; a workbook found unchanged stops its
child unread, and no child is left at work after the batch. A fresh warehouse's first CSV:
its table is read while the warehouse is made."""

from __future__ import annotations

import io
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import xlsxwriter

import extractors.metrics.read as metric_read
import extractors.metrics.xlsx as xlsx
from extractors.limited import Limited
from extractors.reference import BUNDLED
from warehouse.database import Warehouse
from warehouse.files import DEFAULT_LIMITS, Limits
from warehouse.ingest import ingest

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]


def _workbook(rows: list[list[object]]) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        for r, row in enumerate([HEADER, *rows]):
            ws.write_row(r, 0, row)
    return buf.getvalue()


WORKBOOK = _workbook([["Long An", "Sở Y tế", "dossier_online_share", "2023", 81.5]])
CSV = "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Giá trị\nLong An;Sở Tư pháp;dossier_online_share;2024;70\n"

# (case, files in the batch's order, batches run, what happened first in the last batch,
#  each file's status in the last batch, rows loaded by it)
CASES = [
    ("a workbook first", ["a.xlsx", "b.csv"], 1, "child", ["new", "new"], 2),
    ("a CSV first", ["a.csv", "b.xlsx"], 1, "open", ["new", "new"], 2),
    ("a workbook alone", ["a.xlsx"], 1, "child", ["new"], 1),
    # the second run finds it unchanged: the child started ahead is stopped, not waited for
    ("a workbook seen before", ["a.xlsx"], 2, "child", ["unchanged"], 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "names", "runs", "first", "statuses", "rows"), CASES, ids=[c[0] for c in CASES]
)
def test_a_batchs_first_workbook_is_read_while_the_warehouse_opens(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    names: list[str],
    runs: int,
    first: str,
    statuses: list[str],
    rows: int,
) -> None:
    paths = []
    for name in names:
        path = tmp_path / "inbox" / name
        path.parent.mkdir(exist_ok=True)
        if name.endswith(".xlsx"):
            path.write_bytes(WORKBOOK)
        else:
            path.write_text(CSV, encoding="utf-8")
        paths.append(path)
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    events: list[str] = []
    children: list[Limited] = []
    start, connect = xlsx.start_limited, Warehouse.connect

    def started(*args: object, **kwargs: object) -> Limited:
        events.append("child")
        children.append(start(*args, **kwargs))  # type: ignore[arg-type]
        return children[-1]

    def opened(self: Warehouse) -> object:
        events.append("open")
        return connect(self)

    monkeypatch.setattr(xlsx, "start_limited", started)
    monkeypatch.setattr(Warehouse, "connect", opened)
    for _ in range(runs):
        events.clear()
        report = ingest(paths, wh)
    assert events[0] == first
    assert [r.status.value for r in report.results] == statuses
    assert sum(r.rows for r in report.results) == rows
    assert all(c.proc.poll() is not None and not c.folder.exists() for c in children)


LARGE = replace(DEFAULT_LIMITS, large_text=64)  # every CSV here is read from disk, unhashed
RAGGED = CSV + "Long An;Sở Y tế;dossier_online_share;2024;71;72\n"  # a row longer than its header

# (case, files in the batch's order, limits, the warehouse before the batch: none, made
#  before with the workbook, or made by another writer with this CSV while the batch waits
#  for its turn; what happened first; each file's status; the values the warehouse shows)
CSV_CASES = [
    ("a CSV, fresh warehouse", ["a.csv"], DEFAULT_LIMITS, None, "read", ["new"], [70.0]),
    ("a large CSV, fresh warehouse", ["a.csv"], LARGE, None, "read", ["new"], [70.0]),
    ("a CSV then a workbook", ["a.csv", "b.xlsx"], LARGE, None, "read", ["new", "new"],
     [70.0, 81.5]),
    ("a CSV, warehouse made before", ["a.csv"], LARGE, "made", "open", ["new"], [70.0, 81.5]),
    # read as new for sure (no file stored), but the warehouse made meanwhile holds it
    ("a large CSV loaded meanwhile", ["a.csv"], LARGE, "meanwhile", "read", ["unchanged"],
     [70.0]),
    ("a ragged CSV, fresh warehouse", ["r.csv"], LARGE, None, "read", ["quarantined"], []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "names", "limits", "before", "first", "statuses", "values"),
    CSV_CASES,
    ids=[c[0] for c in CSV_CASES],
)
def test_a_fresh_warehouses_first_csv_is_read_while_the_warehouse_is_made(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    names: list[str],
    limits: Limits,
    before: str | None,
    first: str,
    statuses: list[str],
    values: list[float],
) -> None:
    """A fresh warehouse has no file stored, so its batch's first CSV is new for sure: its
    table is read (polars, on every core) while the warehouse is made (DuckDB: the
    migrations, the reference sync), and loads as it did."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.csv").write_text(CSV, encoding="utf-8")
    (inbox / "b.xlsx").write_bytes(WORKBOOK)
    (inbox / "r.csv").write_text(RAGGED, encoding="utf-8")
    paths = [inbox / name for name in names]
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    other = Warehouse.at(tmp_path / "other" / "parplan.duckdb", BUNDLED)
    if before == "made":
        ingest([inbox / "b.xlsx"], wh, limits=limits)
    if before == "meanwhile":
        ingest(paths, other, limits=limits)
    events: list[str] = []
    started = threading.Event()
    read, connect = metric_read.read_table, Warehouse.connect

    def reading(*args: object, **kwargs: object) -> object:
        events.append("read")
        started.set()
        return read(*args, **kwargs)  # type: ignore[arg-type]

    def opened(self: Warehouse) -> object:
        if first == "read":  # (a read started ahead is let begin first, however slow)
            started.wait(timeout=30)
        if before == "meanwhile" and not self.work.exists():  # the other writer's turn
            shutil.copyfile(other.work, self.work)
        events.append("open")
        return connect(self)

    monkeypatch.setattr(metric_read, "read_table", reading)
    monkeypatch.setattr(Warehouse, "connect", opened)
    report = ingest(paths, wh, limits=limits)
    assert events[0] == first
    assert [r.status.value for r in report.results] == statuses
    if "quarantined" in statuses:
        assert "unreadable CSV" in (report.results[0].error or "")
    with wh.analyst() as con:
        shown = con.execute("select value from metric_observations order by value").fetchall()
    assert [v for (v,) in shown] == values
