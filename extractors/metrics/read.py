"""A metric file read: the layout, the body, the judgement (the stages, in order)."""

from __future__ import annotations

from pathlib import Path

from extractors.errors import ExtractionError
from extractors.metrics.body import read_body
from extractors.metrics.judge import Judged, judge
from extractors.metrics.layout import Layout, read_layout
from extractors.reference_time import Reference
from extractors.resolve_names import Entry


def read_judged(
    data: bytes,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
    sheet: str | None = None,
    csv_file: Path | None = None,
    reference: Reference | None = None,
) -> tuple[Layout, Judged]:
    """All stages: the layout, the body, the judgement. ``csv_file``: a large CSV whose
    head is ``data``; polars reads its body from disk."""
    layout, xlsx = read_layout(data, path, sheet)
    body = read_body(data, layout, path, xlsx, csv_file)
    if body.height == 0:
        raise ExtractionError(path, f"no data rows under the header row {layout.header_row}")
    return layout, judge(body, layout, path, agencies, indicators, percent_codes, reference)
