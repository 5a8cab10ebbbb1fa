"""The layout of a metric file: title rows, the header row (the first of 15 that names an
agency column) and each column's role; a file with an indicator column is *long*, one with a
column per indicator *wide*."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.formats import MetricFormat, metric_format
from extractors.metrics.vocabulary import NUMERIC_ROLES, header_index, map_roles
from extractors.metrics.xlsx import xlsx_frame
from extractors.province_name import issuer_province, named_province


@dataclass
class Layout:
    file_format: MetricFormat
    title: list[str]
    header: list[str]
    header_row: int  # 1-based row of the header in the file (0: no header row, Parquet)
    roles: dict[str, int]  # role -> column index
    measures: list[int]  # wide layout: indicator columns
    sep: str = ","
    typed: set[str] = field(default_factory=set)  # numeric roles stored as numbers

    @property
    def layout(self) -> str:
        return "wide" if self.measures else "long"


def title_province(title: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN TỈNH LONG AN" (or "... tỉnh Long An") in a title row -> "Long An"."""
    return issuer_province(title) or next(filter(None, map(named_province, title)), None)


def _layout(
    file_format: MetricFormat,
    rows: list[list[str]],
    path: str,
    sep: str = ",",
    typed_cols: set[int] | None = None,
) -> Layout:
    idx = header_index(rows)
    if idx is None:
        raise ExtractionError(
            path,
            "no header row with an agency column in the first 15 rows "
            "(looked for Cơ quan, Đơn vị, agency)",
        )
    header = [h.strip() for h in rows[idx]]
    roles = map_roles(header)
    title = [t for t in (" ".join(c.strip() for c in r if c.strip()) for r in rows[:idx]) if t]
    measures: list[int] = []
    if "indicator" in roles:
        if not any(r in roles for r in ("value", "numerator")):
            raise ExtractionError(
                path,
                "long layout without a value column (looked for Giá trị, Tỷ lệ (%), Tử số, value)",
            )
    else:
        measures = [i for i, h in enumerate(header) if h and i not in roles.values()]
        if not measures:
            raise ExtractionError(
                path,
                "no indicator columns: neither a long layout (Chỉ tiêu "
                "+ Giá trị) nor a wide one (one column per indicator)",
            )
    typed = {r for r in NUMERIC_ROLES if r in roles and roles[r] in (typed_cols or set())}
    if measures and all(i in (typed_cols or set()) for i in measures):
        typed.add("value")
    return Layout(
        file_format,
        title,
        header,
        idx + 1 if file_format != "parquet" else 0,
        roles,
        measures,
        sep,
        typed,
    )


def csv_head(data: bytes, path: str) -> tuple[list[list[str]], str]:
    head = data[3:65539] if data.startswith(b"\xef\xbb\xbf") else data[:65536]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the sample's end
            raise ExtractionError(
                path, f"not UTF-8 text (byte {exc.start} of the file; re-save the CSV as UTF-8)"
            ) from exc
        text = head[: exc.start].decode("utf-8")
    lines = text.splitlines()[:20]
    counts = {s: sum(ln.count(s) for ln in lines[:5]) for s in (";", ",", "\t")}
    sep = max(counts, key=lambda s: (counts[s], s == ";"))
    return list(csv.reader(lines, delimiter=sep)), sep


def read_layout(
    data: bytes, path: str, sheet: str | None = None
) -> tuple[Layout, pl.DataFrame | None]:
    """The layout, plus the XLSX sheet already read (None for CSV and Parquet, whose body
    ``read_body`` reads itself)."""
    file_format = metric_format(data, path)
    if file_format == "csv":
        rows, sep = csv_head(data, path)
        return _layout("csv", rows, path, sep), None
    if file_format == "xlsx":
        frame = xlsx_frame(data, path, sheet)
        head = [
            ["" if v is None else str(v) for v in r]
            for r in frame.head(15).cast(pl.String).iter_rows()
        ]
        typed = {i for i, c in enumerate(frame.columns) if frame[c].dtype.is_numeric()}
        return _layout("xlsx", head, path, typed_cols=typed), frame
    try:
        schema = pl.read_parquet_schema(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc
    typed = {i for i, t in enumerate(schema.values()) if t.is_numeric()}
    return _layout("parquet", [list(schema)], path, typed_cols=typed), None
