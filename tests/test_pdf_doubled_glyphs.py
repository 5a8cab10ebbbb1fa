"""A PDF whose timeframe cells have every glyph drawn twice a little apart (LibreOffice's
overlapping glyphs), through ``parplan extract``: the cell reads "Quý II/2025", not
"QQuuýý IIII//22002255", and its period is understood; a plain cell on the same page keeps
its own repeated letters ("III").

Before, only glyphs drawn twice at the same rounded position were deduplicated, so a copy
drawn 0.6 point to the right stayed, and the timeframe was "unspecified". Fixture:
tests/fixtures/plan_pdfs.py (synthetic), the second copy drawn ``offset`` points right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.plan_pdfs import HEAD, ROWS, SIGNATURE, PdfPlan, doubled
from tests.helpers import extract_cli

# code, timeframe as read, start, end (rows 1 and 3 doubled, row 2 plain)
EXPECTED = [
    ("1", "Quý II/2025", "2025-04-01", "2025-06-30"),
    ("2", "Quý III/2025", "2025-07-01", "2025-09-30"),
    ("3", "Tháng 12/2025", "2025-12-01", "2025-12-31"),
]


@pytest.mark.parametrize("offset", [0.6, 1.0, 1.5])
def test_doubled_timeframe_glyphs_read_once(offset: float, tmp_path: Path) -> None:
    plan = PdfPlan(
        head=HEAD,
        rows=ROWS,
        signature=SIGNATURE,
        signature_on_new_page=False,
        drawers={(1, 4): doubled(offset), (3, 4): doubled(offset)},
    )
    path = tmp_path / "phutho_2025_doubled.pdf"
    path.write_bytes(plan.pdf())
    found = extract_cli(path)
    got = [
        (t["code"], t["timeframe"]["text"], t["timeframe"]["start"], t["timeframe"]["end"])
        for t in found["tasks"]
    ]
    assert got == EXPECTED
