"""The body of a metric file: polars reads it as text (CSV directly; XLSX through the
calamine reader; Parquet cast to text), one row per file row with its row number; a wide
file is unpivoted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.as_shown import as_shown, counts_not_percent, years_as_shown
from extractors.metrics.cells import typed_frame
from extractors.metrics.cumulative_columns import cumulative_rows
from extractors.metrics.encode import own_categorical
from extractors.metrics.estimate_notes import estimate_period, kind_columns, note_columns
from extractors.metrics.formats import read_parquet
from extractors.metrics.layout import Layout
from extractors.metrics.period_columns import period_rows
from extractors.metrics.period_parts import part_word, period_column
from extractors.metrics.total_rows import LABEL, label_cell
from extractors.metrics.vocabulary import NUMERIC_ROLES
from extractors.metrics.xlsx import XlsxSheet, sheet_marks, year_cells

TEXT_COLUMNS = ("province", "agency_raw", "indicator_raw", "period_raw", "unit")


# a wide file's cell with nothing written: no row ("-", "x": the agency's "no data", a row
# that ``structure_rows`` skips and names)
BLANK = [""]
ROLE_COLUMNS = (*TEXT_COLUMNS, *NUMERIC_ROLES)
STATED = ("version", "reported_on")  # what the file states of itself, read once per file


def csv_cells(data: bytes, layout: Layout, csv_file: Path | None = None) -> pl.LazyFrame:
    """A CSV's body as text cells ``c0``, ``c1`` ... (one per header column; a short row's
    missing cells null) with ``source_row``, its row in the file. ``csv_file``: read from
    this file (``data`` holds only its head)."""
    return pl.scan_csv(
        data if csv_file is None else csv_file,
        separator=layout.sep,
        has_header=False,
        skip_rows=layout.body_row,  # the header row (and a BOM before it)
        schema={f"c{i}": pl.String for i in range(len(layout.header))},
        missing_columns="insert",
        quote_char='"',
        encoding="utf8",
        raise_if_empty=False,
        row_index_name="source_row",
        row_index_offset=layout.body_row + 1,
    )


def read_body(
    data: bytes,
    layout: Layout,
    path: str,
    xlsx: XlsxSheet | None = None,
    csv_file: Path | None = None,
) -> pl.DataFrame:
    """One row per data row: ``source_row`` (its row in the file) and the role columns
    (province, agency_raw, indicator_raw, period_raw, unit, numerator, denominator, value;
    ``version`` where the file has a version column) as Categoricals, each with categories of
    its own: the text as written, each distinct value numbered once while the file is read,
    never held as one string per row. A wide file is unpivoted: one row per agency x
    indicator column. ``csv_file``: read a CSV body from this file (``data`` holds only its
    head)."""
    names = [f"c{i}" for i in range(len(layout.header))]
    first = layout.body_row + 1
    if layout.file_format == "csv":
        raw = csv_cells(data, layout, csv_file)
    elif layout.file_format == "xlsx":
        assert isinstance(xlsx, XlsxSheet)
        numeric = layout.figures
        marks, notes = counts_not_percent(sheet_marks(data, xlsx, numeric), layout)
        layout.warnings.extend(notes)  # a count in a percent cell is the count
        cells = typed_frame(xlsx, numeric, marks)
        cells = as_shown(cells, layout.view, numeric, xlsx.first_col, layout.body_row)
        if "period" in layout.roles:  # a date shown as its year is the year
            period = layout.roles["period"]
            cells = years_as_shown(cells, f"c{period}", year_cells(data, xlsx, period))
        raw = cells.slice(layout.body_row).select(names).lazy()
        raw = raw.with_row_index("source_row", offset=first)
    else:
        raw = _read_parquet(data, layout, path).lazy().with_row_index("source_row", offset=first)
    raw = raw.filter(~pl.all_horizontal(pl.col(names).is_null()))  # blank lines
    columns = (*ROLE_COLUMNS, *(c for c in (*STATED, LABEL) if c in layout.roles or c == LABEL))
    body = _roles(raw, layout).select(
        "source_row",
        *(pl.col(c).cast(own_categorical()) for c in columns),
    )
    try:
        return body.collect()
    except Exception as exc:
        if layout.file_format != "csv":
            raise
        # polars' errors do not say where: find the place ourselves
        where = _csv_problem(data if csv_file is None else csv_file, layout, exc)
        raise ExtractionError(path, "unreadable CSV: " + where) from exc


def _roles(raw: pl.LazyFrame, layout: Layout) -> pl.LazyFrame:
    """The file's columns by role (text); a wide file unpivoted."""
    r = layout.roles
    percent_header = "%" in (layout.header[r["value"]] if "value" in r else "")

    def col(role: str, name: str) -> pl.Expr:
        if role == "unit" and "unit" not in r and percent_header:
            return pl.lit("%").alias(name)  # "Tỷ lệ (%)": the values are shares
        return (pl.col(f"c{r[role]}") if role in r else pl.lit(None, pl.String)).alias(name)

    row = pl.col("source_row").cast(pl.Int64)
    part = part_word(layout.header[layout.period_part]) if layout.period_part is not None else None
    text = [
        col("province", "province"),
        col("agency", "agency_raw"),
        # a row whose note (or kind of figure) says estimate: its period says so too, and
        # is refused (no period column: the title's or the file name's, ``judge``)
        estimate_period(
            period_column(r, layout.period_part, part, layout.part_year),
            [pl.col(f"c{i}") for i in note_columns(layout.header)],
            [pl.col(f"c{i}") for i in kind_columns(layout.header)]
            + [pl.lit(layout.estimate)] * (layout.estimate is not None),  # the whole file's
        ).alias("period_raw"),
        col("unit", "unit"),
        *(col(c, c) for c in STATED if c in r),  # (see metrics.version, .report_date)
        label_cell(layout.header, r),  # a total's label in the STT column (total_rows)
    ]
    if layout.periods:  # a column per period: a row per period and figure (period_columns)
        return period_rows(raw, layout.periods, [row, *text, col("indicator", "indicator_raw")])
    if not layout.measures and not layout.groups:
        own = raw.select(
            row,
            *text,
            col("indicator", "indicator_raw"),
            col("numerator", "numerator"),
            col("denominator", "denominator"),
            col("value", "value"),
        )
        if not layout.cumulative:
            return own
        # "Lũy kế từ đầu năm" beside the period's figures: a row of its own per figure
        more = cumulative_rows(
            raw, layout.cumulative, [row, *text, col("indicator", "indicator_raw")]
        )
        return pl.concat([own, more]).sort("source_row", maintain_order=True)
    none = pl.lit(None, pl.String)
    parts = [
        raw.filter(
            pl.col(f"c{i}").is_not_null() & ~pl.col(f"c{i}").str.strip_chars().is_in(BLANK)
        ).select(
            row,
            *text,
            pl.lit(layout.header[i]).alias("indicator_raw"),
            none.alias("numerator"),
            none.alias("denominator"),
            pl.col(f"c{i}").alias("value"),
        )
        for i in layout.measures
    ]
    for name, cols in layout.groups:  # a merged group: an indicator with its counts and value
        cells = [pl.col(f"c{i}") for i in cols.values()]
        percent = "value" in cols and "%" in layout.header[cols["value"]]
        parts.append(
            raw.filter(
                pl.any_horizontal(
                    c.is_not_null() & ~c.str.strip_chars().is_in(BLANK) for c in cells
                )
            ).select(
                row,
                *(
                    pl.lit("%").alias("unit") if c.meta.output_name() == "unit" and percent else c
                    for c in text
                ),
                pl.lit(name).alias("indicator_raw"),
                *(
                    (pl.col(f"c{cols[role]}") if role in cols else none).alias(role)
                    for role in NUMERIC_ROLES
                ),
            )
        )
    body = pl.concat(parts).sort("source_row", maintain_order=True)
    return body.with_columns(
        unit=pl.when(
            pl.col("unit").is_null() & pl.col("indicator_raw").str.contains("%", literal=True)
        )
        .then(pl.lit("%"))
        .otherwise(pl.col("unit"))
    )


def _csv_problem(source: bytes | Path, layout: Layout, exc: Exception) -> str:
    """Where a CSV polars refused goes wrong: the first line with too many fields or bytes
    that are not UTF-8 (a slow pass, on the error path only, line by line: a large file is
    not read into memory for it)."""
    width = len(layout.header)
    with io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") as f:
        reader = csv.reader((raw.decode("utf-8") for raw in f), delimiter=layout.sep)
        try:
            for fields in reader:
                n = reader.line_num
                if n > layout.body_row and len(fields) > width:
                    return f"line {n} has {len(fields)} fields, the header row has {width}"
        except UnicodeDecodeError:  # in the line after the last one read
            n = reader.line_num + 1
            return f"line {n}: bytes that are not UTF-8 (re-save the CSV as UTF-8)"
    return str(exc).splitlines()[0][:200]


def _read_parquet(data: bytes, layout: Layout, path: str) -> pl.DataFrame:
    """Each column as text; a column of lists or records (which no table cell holds) is
    read as blank with a warning naming it, or refuses the file when it plays a role."""
    frame = read_parquet(pl.read_parquet, data, path)
    period = layout.header[layout.roles["period"]] if "period" in layout.roles else None
    roles = _column_roles(layout)
    columns = []
    for i, h in enumerate(layout.header):
        held = _held(frame.schema[h])
        where = f"column '{h}' (column {i + 1})"
        if held and i in roles:
            raise ExtractionError(
                path,
                f"{where}, taken for the {roles[i]}, holds {held} ({frame.schema[h]}), not "
                "one figure or text per cell: export it as one value per cell",
            )
        if held:
            layout.warnings.append(f"{where} holds {held} ({frame.schema[h]}): not read")
            columns.append(pl.lit(None, pl.String).alias(f"c{i}"))
            continue
        cell = _whole_year(pl.col(h), frame.schema[h]) if h == period else pl.col(h).cast(pl.String)
        columns.append(cell.alias(f"c{i}"))
    try:
        return frame.select(columns)
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc


def _column_roles(layout: Layout) -> dict[int, str]:
    """Column index -> the role it plays (a wide file's indicator columns: a value)."""
    roles = {i: role for role, i in layout.roles.items()}
    roles.update((i, f"value of '{layout.header[i]}'") for i in layout.measures)
    for name, cols in layout.groups:
        roles.update((i, f"{role} of '{name}'") for role, i in cols.items())
    return roles


def _held(dtype: pl.DataType) -> str | None:
    """What a column of a type no table cell holds has in it (None: text, numbers, dates).

    >>> _held(pl.List(pl.String)), _held(pl.Struct({"a": pl.Int64})), _held(pl.Int64)
    ('lists of text', 'records', None)
    """
    if isinstance(dtype, pl.List | pl.Array):
        inner = dtype.inner
        kind = "numbers" if inner.is_numeric() else "text" if inner == pl.String else "values"
        return f"lists of {kind}"
    if isinstance(dtype, pl.Struct):
        return "records"
    if dtype == pl.Object:
        return "objects"
    return None


def _whole_year(column: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """A float period column's whole numbers as integers (a year 2023.0 is 2023), as text."""
    if not dtype.is_float():
        return column.cast(pl.String)
    whole = column == column.floor()
    return (
        pl.when(whole).then(column.cast(pl.Int64).cast(pl.String)).otherwise(column.cast(pl.String))
    )
