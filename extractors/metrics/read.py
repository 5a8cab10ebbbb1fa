"""A metric file read: the layout, the body, the judgement (the stages, in order)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.as_shown import hidden_rows
from extractors.metrics.batches import row_batches
from extractors.metrics.body import read_body
from extractors.metrics.breakdown_rows import breakdown_rows
from extractors.metrics.catalog_checks import Catalog
from extractors.metrics.cell_units import cell_units
from extractors.metrics.counted_scale import counted_scale
from extractors.metrics.encode import key_table
from extractors.metrics.failing import SLICE_ROWS
from extractors.metrics.filled_down import filled_down
from extractors.metrics.footnote_marks import dropped_marks
from extractors.metrics.header_year import outside_header_year
from extractors.metrics.indicator_sections import indicator_sections
from extractors.metrics.judge import Judged, judged_whole, plan_judgement
from extractors.metrics.layout import Layout, read_layout
from extractors.metrics.note_cutoff import notes_below
from extractors.metrics.planned import INDICATOR_COLUMNS, Planned
from extractors.metrics.recode import recoded
from extractors.metrics.report_date import report_date
from extractors.metrics.split_cells import split_rows
from extractors.metrics.structure_rows import structure_rows
from extractors.metrics.total_rows import labelled_totals
from extractors.metrics.uncached_shares import uncached_shares
from extractors.metrics.version import file_version
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet
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
    province: str | None = None,
    xlsx_limits: XlsxLimits | None = None,
    reference: Reference | None = None,
    book: XlsxSheet | None = None,
    catalog: Catalog | None = None,
    batch_rows: int | None = None,
    table: TableRead | None = None,
    slice_rows: int = SLICE_ROWS,
) -> tuple[Layout, Judged]:
    """All stages: the layout, the body, the judgement, and the version the file states.
    ``csv_file``: a large CSV whose head is ``data``; polars reads its body from disk.
    ``province``: the deployment's, for rows nothing else places. ``xlsx_limits``: read an
    XLSX in a child process; ``book``: its sheet already read (by the caller that
    classified the file). ``catalog``: the indicators' units and the collective agencies
    each row is checked against. ``batch_rows``: judge the rows in slices of this many,
    each written as it is judged (``batches``), unless the file must be judged whole.
    ``table``: the file's table, read already (``read_table`` of the same arguments).
    ``slice_rows``: a file judged whole has its failing rows worded and written this many
    at a time (``failing``)."""
    read = table or read_table(data, path, sheet, csv_file, xlsx_limits, book)
    data, csv_file, layout, body = read.data, read.csv_file, read.layout, read.body
    if body.height == 0:
        raise ExtractionError(path, f"no data rows under the header row {layout.header_row}")
    stated = file_version(
        body.get_column("version") if "version" in body.columns else None,
        layout.header[layout.roles["version"]] if "version" in layout.roles else "",
        layout.title,
    )
    dated = report_date(
        body.get_column("reported_on") if "reported_on" in body.columns else None,
        layout.header[layout.roles["reported_on"]] if "reported_on" in layout.roles else "",
        layout.title,
    )
    body = body.drop("version", "reported_on", strict=False)
    body, hidden = hidden_rows(body, layout)  # rejected, and judged without
    body, off_year = outside_header_year(body, layout)  # (the same)
    body, split = split_rows(body, layout, data, csv_file)  # (the same)
    body, marks, estimated = dropped_marks(body, layout)  # "95,5(*)": its mark dropped
    layout.warnings.extend(marks)
    body, units = cell_units(body, indicators, catalog)  # "1.200 hồ sơ": its unit dropped
    hidden = pl.concat([hidden, off_year, split, estimated, units])
    body, computed = uncached_shares(body, layout)  # =E2/F2*100 with no value: the counts'
    if computed:
        layout.warnings.append(computed)
    body, scaled = counted_scale(body, layout)  # 0,95 beside 95/100: 95%, as counts prove
    if scaled:
        layout.warnings.append(scaled)
    body, headings = indicator_sections(body, layout)  # no Chỉ tiêu: a heading per indicator
    layout.notes.extend(headings)
    body, parts = breakdown_rows(body)  # "Trong đó: - Cấp tỉnh", "Bình quân chung"
    layout.notes.extend(parts)
    layout.below = notes_below(body)  # "Ghi chú: số liệu tính đến ngày 30/11/2024"
    body, structure = structure_rows(body, layout)  # sections, headers again, signatures
    layout.notes.extend(structure)
    if layout.file_format == "csv":  # a name once above its rows: a merge, exported
        body, filled = filled_down(body, _written(layout))
        layout.warnings.extend(filled)
    if body.height == 0 and hidden.height == 0:
        raise ExtractionError(path, f"no data rows under the header row {layout.header_row}")
    plan = plan_judgement(
        body, layout, path, agencies, indicators, percent_codes, province, reference, catalog
    )
    judged = (
        judged_whole(plan, layout, slice_rows)
        if batch_rows is None
        else in_batches(plan, layout, batch_rows)
    )
    layout.warnings.extend((*stated.warnings, *dated.warnings))
    if hidden.height:
        rejects = pl.concat([judged.rejects, hidden]).sort("source_row", maintain_order=True)
        judged = replace(judged, rejects=rejects)
    return layout, replace(
        judged, version=stated.number, reported_on=dated.day, skipped=tuple(layout.notes)
    )


@dataclass(frozen=True)
class TableRead:
    """A metric file's table as read, before anything is judged: its bytes as UTF-8 (the
    head only when ``csv_file`` is read from disk), its layout and its body."""

    data: bytes
    csv_file: Path | None
    layout: Layout
    body: pl.DataFrame


def read_table(
    data: bytes,
    path: str,
    sheet: str | None = None,
    csv_file: Path | None = None,
    xlsx_limits: XlsxLimits | None = None,
    book: XlsxSheet | None = None,
) -> TableRead:
    """The first stages of ``read_judged`` (its arguments of the same names): the text as
    UTF-8, the layout, the body. They need nothing but the file, so a caller may run them
    while it does something else (``warehouse.read_ahead``)."""
    text = recoded(data, path, csv_file)  # as UTF-8, converted from an older encoding
    data, csv_file = text.data, text.csv_file
    layout, xlsx = read_layout(data, path, sheet, xlsx_limits, book)
    layout.warnings.extend(text.warnings)
    body = labelled_totals(read_body(data, layout, path, xlsx, csv_file))  # "Tổng cộng" in STT
    return TableRead(data, csv_file, layout, body)


def _written(layout: Layout) -> dict[str, str]:
    """The columns a name may be merged down in (``filled_down``) -> their headers: the
    agency's (a blank indicator stays a reject: a row may have lost it)."""
    return {"agency_raw": layout.header[layout.roles["agency"]]} if "agency" in layout.roles else {}


def in_batches(plan: Planned, layout: Layout, size: int) -> Judged:
    """The file with its whole-file decisions made and its rows left to judge in slices
    of ``size`` as they are written (no facts or rejects yet); judged whole at once when a
    decision on its whole value column may be needed."""
    batches = row_batches(plan, size)
    if batches is None:
        return judged_whole(plan, layout, size)
    layout.warnings.extend(plan.year_notes())
    facts, rejects = batches.none()
    indicators = key_table(list(batches.indicators), INDICATOR_COLUMNS)
    return Judged(
        plan.agencies, indicators, plan.periods, facts, rejects, notes=plan.notes, batches=batches
    )
