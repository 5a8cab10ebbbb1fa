"""A batch whose first file is a workbook: its sheet is read (in its child process) while
the warehouse opens - the writer's turn, a fresh warehouse's migrations, the reference
sync - and the batch loads what it loaded before; a workbook found unchanged stops its
child unread, and no child is left at work after the batch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter

import extractors.metrics.xlsx as xlsx
from extractors.limited import Limited
from extractors.reference import BUNDLED
from warehouse.database import Warehouse
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
