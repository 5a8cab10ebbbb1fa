"""A metric file read: the layout, the body, the judgement (the stages, in order)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.legacy_encoding import TCVN3_HEAD, TCVN3_NOTE, ResavedTcvn3, resaved_tcvn3
from extractors.metrics.as_shown import hidden_rows
from extractors.metrics.batches import row_batches
from extractors.metrics.body import read_body
from extractors.metrics.catalog_checks import Catalog
from extractors.metrics.cell_units import cell_units
from extractors.metrics.counted_scale import counted_scale
from extractors.metrics.encode import key_table
from extractors.metrics.filled_down import filled_down
from extractors.metrics.footnote_marks import dropped_marks
from extractors.metrics.formats import as_utf8
from extractors.metrics.header_year import outside_header_year
from extractors.metrics.judge import Judged, judged_whole, plan_judgement
from extractors.metrics.layout import Layout, read_layout
from extractors.metrics.planned import INDICATOR_COLUMNS, Planned
from extractors.metrics.report_date import report_date
from extractors.metrics.split_cells import split_rows
from extractors.metrics.structure_rows import structure_rows
from extractors.metrics.total_rows import labelled_totals
from extractors.metrics.version import file_version
from extractors.metrics.xlsx import XlsxLimits, XlsxSheet
from extractors.reference_time import Reference
from extractors.resolve_names import Entry
from extractors.sniff import sniff, utf16_codec
from extractors.utf8_twice import HEAD, NOTE, garbled_sample, refusal, resaved_utf8
from extractors.windows_1258 import as_windows_1258


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
) -> tuple[Layout, Judged]:
    """All stages: the layout, the body, the judgement, and the version the file states.
    ``csv_file``: a large CSV whose head is ``data``; polars reads its body from disk.
    ``province``: the deployment's, for rows nothing else places. ``xlsx_limits``: read an
    XLSX in a child process; ``book``: its sheet already read (by the caller that
    classified the file). ``catalog``: the indicators' units and the collective agencies
    each row is checked against. ``batch_rows``: judge the rows in slices of this many,
    each written as it is judged (``batches``), unless the file must be judged whole."""
    if utf16_codec(data):  # read as UTF-8, whole (a UTF-16 file is never large)
        data, csv_file = as_utf8(csv_file.read_bytes() if csv_file else data, path), None
    ansi_tcvn3 = _tcvn3_bytes(data, csv_file)
    if ansi_tcvn3 is not None:  # converted exactly: read as Unicode, whole
        data, csv_file = ansi_tcvn3.converted.encode("utf-8"), None  # type: ignore[union-attr]
    ansi = _windows_1258(data, csv_file)
    if ansi is not None:  # read as Unicode, whole (as UTF-16 is)
        data, csv_file = ansi.encode("utf-8"), None
    head = data[: 4 * HEAD].decode("utf-8", "ignore") if sniff(data) == "text" else None
    twice = _resaved_utf8(head, data, csv_file)
    sample = garbled_sample(head) if head is not None and twice is None else None
    if sample is not None:  # its names would be read as garbled, or as TCVN3
        raise ExtractionError(path, refusal(sample))
    if twice is not None:  # converted back exactly: read as Unicode, whole
        data, csv_file = twice.encode("utf-8"), None
    legacy = _resaved_tcvn3(data, csv_file)
    if legacy and legacy.converted is None:  # its names would be read as garbled
        raise ExtractionError(path, legacy.refusal)
    if legacy and legacy.converted is not None:  # converted exactly: read as Unicode, whole
        data, csv_file = legacy.converted.encode("utf-8"), None
    layout, xlsx = read_layout(data, path, sheet, xlsx_limits, book)
    if legacy:
        layout.warnings.append(legacy.warning)
    if ansi is not None:
        layout.warnings.append(READ_AS_WINDOWS_1258)
    if ansi_tcvn3 is not None:
        layout.warnings.append(f"{TCVN3_BYTES} ({ansi_tcvn3.sample}): {TCVN3_NOTE}")
    if twice is not None:
        layout.warnings.append(NOTE)
    body = labelled_totals(read_body(data, layout, path, xlsx, csv_file))  # "Tổng cộng" in STT
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
    body, marks = dropped_marks(body, layout)  # "95,5(*)": its footnote mark dropped
    layout.warnings.extend(marks)
    body, units = cell_units(body, indicators, catalog)  # "1.200 hồ sơ": its unit dropped
    hidden = pl.concat([hidden, off_year, split, units])
    body, scaled = counted_scale(body, layout)  # 0,95 beside 95/100: 95%, as counts prove
    if scaled:
        layout.warnings.append(scaled)
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
        judged_whole(plan, layout) if batch_rows is None else in_batches(plan, layout, batch_rows)
    )
    layout.warnings.extend((*stated.warnings, *dated.warnings))
    if hidden.height:
        rejects = pl.concat([judged.rejects, hidden]).sort("source_row", maintain_order=True)
        judged = replace(judged, rejects=rejects)
    return layout, replace(
        judged, version=stated.number, reported_on=dated.day, skipped=tuple(layout.notes)
    )


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
        return judged_whole(plan, layout)
    layout.warnings.extend(plan.year_notes())
    facts, rejects = batches.none()
    indicators = key_table(list(batches.indicators), INDICATOR_COLUMNS)
    return Judged(
        plan.agencies, indicators, plan.periods, facts, rejects, notes=plan.notes, batches=batches
    )


READ_AS_WINDOWS_1258 = (
    "the file is not UTF-8: read as Windows-1258 (Vietnamese ANSI, as older office software "
    "saves a CSV), its letters composed as Unicode; save it as UTF-8 to be sure"
)


TCVN3_BYTES = "the file is not UTF-8: its text is TCVN3 (ABC), saved byte for byte"


def _tcvn3_bytes(data: bytes, csv_file: Path | None) -> ResavedTcvn3 | None:
    """A CSV typed in a TCVN3 font and saved as ANSI - each letter the byte of its glyph,
    not UTF-8 - converted exactly (None: no such file). Read as Windows-1258, its bytes
    made other letters. Its head is looked at first, as for Windows-1258."""
    head = data[:TCVN3_HEAD]
    if sniff(data) != "text":
        return None
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        cut = csv_file is not None or len(data) > len(head)  # a character cut by the head
        if cut and exc.start >= len(head) - 3:
            return None
    found = resaved_tcvn3(head.decode("latin-1"))
    if found is not None and found.converted is not None and csv_file is not None:
        found = resaved_tcvn3(csv_file.read_bytes().decode("latin-1"))
    return found if found is not None and found.converted is not None else None


def _windows_1258(data: bytes, csv_file: Path | None) -> str | None:
    """A CSV saved as Windows-1258, as text (None: UTF-8, or not such text; the reader
    says which). Its head is looked at first: a large file is read whole only when its
    head is such text."""
    if sniff(data) != "text" or as_windows_1258(data[:TCVN3_HEAD]) is None:
        return None
    return as_windows_1258(csv_file.read_bytes()) if csv_file else as_windows_1258(data)


def _resaved_utf8(head: str | None, data: bytes, csv_file: Path | None) -> str | None:
    """A UTF-8 text read as Windows-1252 and saved again, converted back (None: the file is
    no such text). Its ``head`` (None: the file is no text) is looked at first: a large
    file is read whole only when its head is such text."""
    if head is None or not resaved_utf8(head):
        return None
    try:
        return resaved_utf8((csv_file.read_bytes() if csv_file else data).decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _resaved_tcvn3(data: bytes, csv_file: Path | None) -> ResavedTcvn3 | None:
    """A text file typed in a TCVN3 font and saved as UTF-8 (None: the file is no such
    text, or not UTF-8, which the reader says). Its head is looked at first: a large file
    is read whole only when its head is such text."""
    if sniff(data) != "text" or not resaved_tcvn3(data[:TCVN3_HEAD].decode("utf-8", "ignore")):
        return None
    try:
        return resaved_tcvn3((csv_file.read_bytes() if csv_file else data).decode("utf-8"))
    except UnicodeDecodeError:
        return None
