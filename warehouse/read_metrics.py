"""Agency metric files (CSV, XLSX, Parquet; long or wide) -> judged rows, ready to load.

Stages (each a function below):

1. ``sniff``       - the format from the bytes, never the file name;
2. ``read_layout`` - title rows, the header row (the first of 15 that names an agency
   column) and each column's role, found by its Vietnamese or English header in any case,
   with or without diacritics (``Cơ quan``, ``Đơn vị``, ``agency``; ``Tử số``; ``Tỷ lệ (%)``);
   a file with an indicator column is *long*, one with a column per indicator *wide*;
3. ``read_body``   - polars reads the body as text (CSV directly; XLSX through the calamine
   reader; Parquet cast to text), one row per file row with its row number; a wide file is
   unpivoted;
4. ``judge``       - every column is encoded as its distinct values plus a per-row index, and
   only the distinct values are judged in Python: numbers with the convention each column
   proves (``extractors.parse_numbers``: ``1.234,5`` Vietnamese unless the column shows
   ``1,234.5``; a float parser would read ``1.234`` as 1.234), periods
   (``extractors.parse_period``), agencies and indicators (the registry and catalog). The
   rows then get their keys and numbers by index, one boolean pass finds the rows with a
   problem (blank agency, unknown period, a number that is not one, negative numbers,
   numerator > denominator, shares outside 0-100) and one count of distinct keys the
   duplicated and conflicting rows; only those rows get a reason, in Python.

The caller (``warehouse.ingest``) writes the key tables, the facts and the rejects in the
file's transaction.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import fastexcel
import polars as pl

from extractors.errors import ExtractionError
from extractors.normalize import fold
from extractors.parse_numbers import parse_number
from extractors.parse_period import Period, parse_period
from extractors.resolve_names import Entry, ResolverCache, indicator_resolver

ROLES: dict[str, tuple[str, ...]] = {
    "agency": (
        "co quan",
        "co quan don vi",
        "don vi",
        "agency",
        "ten don vi",
        "ten co quan",
        "co quan bao cao",
        "don vi bao cao",
        "unit name",
    ),
    "indicator": (
        "chi tieu",
        "ma chi tieu",
        "indicator",
        "ten chi tieu",
        "indicator code",
        "indicator name",
        "noi dung chi tieu",
    ),
    "period": ("ky bao cao", "nam", "period", "ky", "thoi gian", "nam bao cao", "year"),
    "numerator": ("tu so", "numerator"),
    "denominator": ("mau so", "denominator"),
    "value": ("gia tri", "ty le", "value", "ket qua", "so lieu"),
    "unit": ("don vi tinh", "unit", "dvt"),
    "province": ("tinh", "province", "tinh thanh pho", "tinh thanh"),
    "row_no": ("stt", "tt", "so tt", "so thu tu", "no", "#"),  # ignored
}
NUMERIC_ROLES = ("numerator", "denominator", "value")
NULL_TOKENS = {"", "-", "–", "—", "x", "n/a", "na", "...", "null", "none"}
MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200


@dataclass
class Layout:
    fmt: str  # csv | xlsx | parquet
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


@dataclass(frozen=True)
class MetricFrame:
    """Judged rows of one file, for callers outside a warehouse (tests, previews)."""

    observations: pl.DataFrame
    rejects: pl.DataFrame
    layout: str
    header_row: int


# --- 1. format ----------------------------------------------------------------------------


def sniff(data: bytes, path: str) -> str:
    if not data:
        raise ExtractionError(path, "empty file")
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            raise ExtractionError(path, "corrupt ZIP container (not a readable XLSX)") from exc
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        raise ExtractionError(path, "ZIP archive that is neither an XLSX nor a DOCX")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ExtractionError(path, "legacy binary Excel (.xls); save it as .xlsx or CSV")
    if b"\x00" in data[:4096]:
        raise ExtractionError(path, "binary data, not a CSV, XLSX or Parquet metric file")
    return "csv"


# --- 2. layout ----------------------------------------------------------------------------


def header_key(header: str) -> str:
    """Fold a header and drop units in brackets: "Tỷ lệ (%)" -> "ty le"."""
    return fold(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header))


def map_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, h in enumerate(header):
        k = header_key(h)
        for role, names in ROLES.items():
            if role not in roles and k in names:
                roles[role] = i
                break
    return roles


def title_province(title: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN TỈNH LONG AN" in a title row -> "Long An"."""
    for line in title:
        m = re.search(
            r"\b(?:TỈNH|Tỉnh|tỉnh)\s+([A-ZĐÀ-Ỹa-zđà-ỹ][^\d,;:()]{1,30}?)\s*$", line.strip()
        )
        if m:
            return " ".join(w.capitalize() for w in m.group(1).split())
    return None


def header_index(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:15]):
        if "agency" in map_roles(row):
            return i
    return None


def _layout(
    fmt: str, rows: list[list[str]], path: str, sep: str = ",", typed_cols: set[int] | None = None
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
        fmt, title, header, idx + 1 if fmt != "parquet" else 0, roles, measures, sep, typed
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


def check_xlsx(data: bytes, path: str) -> None:
    """Refuse workbooks that would exhaust memory before any parser sees them."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    total = sum(i.file_size for i in zf.infolist())
    packed = sum(i.compress_size for i in zf.infolist()) or 1
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
        raise ExtractionError(
            path, f"XLSX inflates to {total:,} bytes from {packed:,} (a compression bomb?); refused"
        )
    for name in zf.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with zf.open(name) as f:
                head = f.read(4096).decode("utf-8", "replace")
            m = re.search(r'<dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
            if m and m.group(2):
                cols, rows = _col_number(m.group(2)), int(m.group(3))
                if rows * cols > MAX_XLSX_CELLS:
                    raise ExtractionError(
                        path,
                        f"sheet {name} claims {rows:,} rows x {cols:,} "
                        f"columns ({m.group(0)[16:-1]}); refused",
                    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _xlsx_frame(data: bytes, path: str, sheet: str | None) -> pl.DataFrame:
    check_xlsx(data, path)
    if sheet is not None:
        names = _sheet_names(data, path)
        if sheet not in names:
            raise ExtractionError(
                path, f"no sheet named {sheet!r}; the workbook has: " + ", ".join(names)
            )
    try:
        raw = pl.read_excel(
            io.BytesIO(data),
            sheet_name=sheet,
            engine="calamine",
            has_header=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # calamine raises its own error types
        raise ExtractionError(path, f"unreadable XLSX: {str(exc).splitlines()[0][:200]}") from exc
    if raw.height == 0:
        raise ExtractionError(path, "empty workbook sheet")
    return raw.rename({c: f"c{i}" for i, c in enumerate(raw.columns)})


def _sheet_names(data: bytes, path: str) -> list[str]:
    try:
        return list(fastexcel.read_excel(data).sheet_names)
    except Exception as exc:  # calamine raises its own error types
        raise ExtractionError(path, f"unreadable XLSX: {str(exc).splitlines()[0][:200]}") from exc


def read_layout(data: bytes, path: str, sheet: str | None = None) -> tuple[Layout, object]:
    """The layout, plus what ``stage`` reads (the XLSX frame; None for CSV and Parquet)."""
    fmt = sniff(data, path)
    if fmt == "docx":
        raise ExtractionError(path, "a DOCX document, not a metric file")
    if fmt == "csv":
        rows, sep = csv_head(data, path)
        return _layout("csv", rows, path, sep), None
    if fmt == "xlsx":
        frame = _xlsx_frame(data, path, sheet)
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


# --- 3. read the body --------------------------------------------------------------------

TEXT_COLUMNS = ("province", "agency_raw", "indicator_raw", "period_raw", "unit")
BLANKS = ["", "-", "–", "—"]


ROLE_COLUMNS = (*TEXT_COLUMNS, *NUMERIC_ROLES)


def read_body(
    data: bytes, layout: Layout, path: str, xlsx: object = None, csv_file: Path | None = None
) -> pl.DataFrame:
    """One row per data row: ``source_row`` (its row in the file) and the role columns
    (province, agency_raw, indicator_raw, period_raw, unit, numerator, denominator, value)
    as Categoricals, each with categories of its own: the text as written, each distinct
    value numbered once while the file is read, never held as one string per row. A wide file
    is unpivoted: one row per agency x indicator column. ``csv_file``: read a CSV body from
    this file (``data`` holds only its head)."""
    names = [f"c{i}" for i in range(len(layout.header))]
    first = layout.header_row + 1
    if layout.fmt == "csv":
        raw = pl.scan_csv(
            data if csv_file is None else csv_file,
            separator=layout.sep,
            has_header=False,
            skip_rows=layout.header_row,  # the header row (and a BOM before it)
            schema={n: pl.String for n in names},
            missing_columns="insert",
            quote_char='"',
            encoding="utf8",
            raise_if_empty=False,
            row_index_name="source_row",
            row_index_offset=first,
        )
    elif layout.fmt == "xlsx":
        assert isinstance(xlsx, pl.DataFrame)
        raw = xlsx.slice(layout.header_row).select(names).cast(pl.String).lazy()
        raw = raw.with_row_index("source_row", offset=first)
    else:
        raw = _read_parquet(data, layout, path).lazy().with_row_index("source_row", offset=first)
    raw = raw.filter(~pl.all_horizontal(pl.col(names).is_null()))  # blank lines
    body = _roles(raw, layout).select(
        "source_row",
        *(pl.col(c).cast(pl.Categorical(pl.Categories.random())) for c in ROLE_COLUMNS),
    )
    try:
        return body.collect()
    except Exception as exc:
        if layout.fmt != "csv":
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
    text = [
        col("province", "province"),
        col("agency", "agency_raw"),
        col("period", "period_raw"),
        col("unit", "unit"),
    ]
    if not layout.measures:
        return raw.select(
            row,
            *text,
            col("indicator", "indicator_raw"),
            col("numerator", "numerator"),
            col("denominator", "denominator"),
            col("value", "value"),
        )
    none = pl.lit(None, pl.String)
    parts = [
        raw.filter(
            pl.col(f"c{i}").is_not_null() & ~pl.col(f"c{i}").str.strip_chars().is_in(BLANKS)
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
                if n > layout.header_row and len(fields) > width:
                    return f"line {n} has {len(fields)} fields, the header row has {width}"
        except UnicodeDecodeError:  # in the line after the last one read
            n = reader.line_num + 1
            return f"line {n}: bytes that are not UTF-8 (re-save the CSV as UTF-8)"
    return str(exc).splitlines()[0][:200]


def _read_parquet(data: bytes, layout: Layout, path: str) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(io.BytesIO(data))
        return frame.select(
            pl.col(h).cast(pl.String).alias(f"c{i}") for i, h in enumerate(layout.header)
        )
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc


# --- 4. judge -----------------------------------------------------------------------------


def number_convention(values: list[str]) -> str:
    """ "," (Vietnamese) unless the column's values prove the English convention.

    >>> number_convention(["1.234", "52,5"]), number_convention(["1,234.5", "7.25"])
    (',', '.')
    """
    en = vi = 0
    for v in values:
        s = re.sub(r"[\s%]", "", v)
        if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d{1,2}|-?\d+\.\d{4,}", s):
            en += 1
        if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+,\d+", s):
            vi += 1
    return "." if en and not vi else ","


# a row's figure: the value it reports, else the share its numerator is of its denominator
# (as metric_observations.value derives it in SQL)
SHARE = pl.coalesce("value", 100.0 * pl.col("numerator") / pl.col("denominator"))


@dataclass(frozen=True)
class Judged:
    """One metric file, judged. Keys are the file's own (0-based); the loader offsets them.

    agencies:   key, province, agency_raw, agency_code
    indicators: key, indicator_raw, unit, indicator_code
    periods:    key, period_raw, period_kind, period_start, period_end, year
    facts:      agency_key, indicator_key, period_key, source_row, numerator, denominator,
                value (as reported: null when the row reports a numerator and denominator,
                whose ``SHARE`` readers derive)
    rejects:    source_row, reason, raw_record (the row as read, JSON)
    """

    agencies: pl.DataFrame
    indicators: pl.DataFrame
    periods: pl.DataFrame
    facts: pl.DataFrame
    rejects: pl.DataFrame


def _encode(
    frame: pl.DataFrame, columns: list[str], order: dict[str, Callable[[str], object]]
) -> tuple[dict[str, list[str]], pl.DataFrame]:
    """Each column's distinct values (in the order ``order[column]`` gives, where given) and,
    per row, the index of its value (null stays null): everything after this works on the
    distinct values, however many rows repeat them.

    A Categorical with categories of its own numbers the distinct values as it meets them
    (its physical codes); ``read_body`` gives Categoricals already, other columns are cast."""
    present = [c for c in columns if frame[c].null_count() < frame.height]
    cats = frame.select(
        pl.col(c)
        if isinstance(frame[c].dtype, pl.Categorical)
        else pl.col(c).cast(pl.Categorical(pl.Categories.random()))
        for c in present
    )
    levels: dict[str, list[str]] = {c: [] for c in columns}
    codes = {c: pl.repeat(None, frame.height, dtype=pl.UInt32, eager=True) for c in columns}
    for c in present:
        seen = cats[c].dtype.categories.to_series()  # type: ignore[attr-defined]
        physical = cats[c].to_physical()
        if seen.null_count():  # categories not yet given a value: never in practice
            raise RuntimeError(f"incomplete categories for {c}")
        names = seen.to_list()
        if c in order:  # renumber: the value's rank in the wanted order
            ranked = sorted(range(len(names)), key=lambda i: order[c](names[i]))
            rank = [0] * len(names)
            for new, old in enumerate(ranked):
                rank[old] = new
            physical = pl.Series(rank, dtype=pl.UInt32).gather(physical)
            names = [names[i] for i in ranked]
        levels[c], codes[c] = names, physical
    return levels, pl.DataFrame([codes[c].alias(c) for c in columns])


def _period_order(p: Period | None, raw: str) -> tuple[date, date, str]:
    return (p.start, p.end, raw) if p else (date.max, date.max, raw)


def _pairs(
    keys: pl.Series, firsts: list[str], seconds: list[str]
) -> list[tuple[int, str | None, str | None]]:
    """The distinct (first, second) values the rows' pair keys stand for: a key is
    ``first * (len(seconds) + 1) + second`` (indexes; the last index of a side is null)."""
    n = len(seconds) + 1
    a, b = [*firsts, None], [*seconds, None]
    return [(k, a[k // n], b[k % n]) for k in _distinct(keys).to_list()]


def _distinct(keys: pl.Series) -> pl.Series:
    """The distinct values of integer keys, in order. Keys made of value indexes are
    dense (none far above the number of rows): marking them in a table of booleans is a
    few times faster than hashing them."""
    low, top = keys.min(), keys.max()
    if low is None or top is None:
        return keys.clear()
    assert isinstance(low, int) and isinstance(top, int)
    if low < 0 or top > 4 * len(keys) + 1024:
        return keys.unique().sort()
    seen = pl.repeat(False, top + 1, dtype=pl.Boolean, eager=True).scatter(keys, True)
    return seen.arg_true().cast(keys.dtype)


def _numbers(levels: list[str], typed: bool) -> tuple[pl.Series, pl.Series]:
    decimal = "." if typed else number_convention(levels)
    values, bad = [], []
    for raw in levels:
        num: Decimal | None = parse_number(raw, decimal)
        values.append(None if num is None else float(num))
        bad.append(num is None and raw.strip().lower() not in NULL_TOKENS)
    return pl.Series(values, dtype=pl.Float64), pl.Series(bad, dtype=pl.Boolean)


def _key_table(rows: list[tuple[object, ...]], names: tuple[str, ...]) -> pl.DataFrame:
    """A file's key table: an integer key and text columns."""
    schema = {"key": pl.Int64} | {n: pl.String for n in names}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _code(col: pl.Expr, null: int) -> pl.Expr:
    return col.cast(pl.Int64).fill_null(null)


def _by_code(table: pl.Series, column: str, null: object = None) -> pl.Expr:
    """Per row, the entry of ``table`` (one per distinct value of ``column``) at the row's
    code; ``null`` where the row has no value. A table whose every entry is ``null`` (the
    usual case for a check: no bad value at all) is a constant, with no pass over the rows."""
    if table.len() == 0 or (null is not None and bool((table == null).all())):
        return pl.lit(null, dtype=table.dtype)
    entry = pl.lit(table).gather(pl.col(column))
    return entry if null is None else entry.fill_null(null)


def judge(
    body: pl.DataFrame,
    layout: Layout,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
) -> Judged:
    """Numbers, periods, agencies and indicators judged on distinct values; every row gets
    its keys, numbers and, if it fails, its reason."""
    if "period" not in layout.roles:
        fallback = next((t for t in [*layout.title, Path(path).stem] if parse_period(t)), None)
        if fallback is None:
            raise ExtractionError(
                path,
                "no period: no period column, and neither a title row "
                "nor the file name names a year",
            )
        body = body.with_columns(period_raw=pl.lit(fallback))
    text, numeric = list(TEXT_COLUMNS), list(NUMERIC_ROLES)
    parse = cache(parse_period)  # each distinct period is parsed once
    # periods in time order: a period's key grows with its dates, so a filter on years
    # becomes a range of keys (and row groups of facts are skipped by their key ranges)
    levels, codes = _encode(
        body, text + numeric, {"period_raw": lambda raw: _period_order(parse(raw), raw)}
    )

    # each distinct value judged once: a table per column, indexed by the value's code
    numbers = {role: _numbers(levels[role], role in layout.typed) for role in numeric}
    parsed = [parse(raw) for raw in levels["period_raw"]]
    periods = pl.DataFrame(
        {
            "key": range(len(parsed)),
            "period_raw": levels["period_raw"],
            "period_kind": [p.kind if p else None for p in parsed],
            "period_start": [p.start if p else None for p in parsed],
            "period_end": [p.end if p else None for p in parsed],
            "year": [p.year if p else None for p in parsed],
        },
        schema={
            "key": pl.Int64,
            "period_raw": pl.String,
            "period_kind": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "year": pl.Int32,
        },
    )
    ind = indicator_resolver(indicators)
    ind_codes = {raw: ind.resolve(raw).code for raw in levels["indicator_raw"]}

    def flags(values: list[str], test: Callable[[str], bool]) -> pl.Series:
        return pl.Series([test(v) for v in values], dtype=pl.Boolean)

    checks = {  # per row, what can fail it (_reasons words them, in its own order)
        "agency_blank": _by_code(
            flags(levels["agency_raw"], lambda raw: not raw.strip()), "agency_raw", null=True
        ),
        "indicator_blank": pl.col("indicator_raw").is_null(),
        "period_bad": _by_code(periods["period_kind"].is_null(), "period_raw", null=True),
        **{f"{role}_bad": _by_code(numbers[role][1], role, null=False) for role in numeric},
        "percent": _by_code(flags(levels["unit"], lambda u: "%" in u), "unit", null=False)
        | _by_code(
            flags(levels["indicator_raw"], lambda raw: ind_codes[raw] in percent_codes),
            "indicator_raw",
            null=False,
        ),
    }

    # one pass over the rows: an integer key per (province, agency) and per (indicator,
    # unit) as written (null: the last number), and per row's (province, agency,
    # indicator, period), which must not repeat; the numbers; the checks
    n_agency, n_unit = len(levels["agency_raw"]) + 1, len(levels["unit"]) + 1
    n_ind, n_per = len(levels["indicator_raw"]) + 1, len(levels["period_raw"]) + 1
    agency = _code(pl.col("province"), len(levels["province"])) * n_agency + _code(
        pl.col("agency_raw"), n_agency - 1
    )
    rows = (
        codes.lazy()
        .select(
            body["source_row"],
            agency_key=agency,
            indicator_key=_code(pl.col("indicator_raw"), n_ind - 1) * n_unit
            + _code(pl.col("unit"), n_unit - 1),
            period_key=_code(pl.col("period_raw"), -1),
            row_key=(agency * n_ind + _code(pl.col("indicator_raw"), n_ind - 1)) * n_per
            + _code(pl.col("period_raw"), n_per - 1),
            **{role: _by_code(numbers[role][0], role) for role in numeric},
            **checks,
        )
        .with_columns(problem=_problem())
        .collect()  # (lazily, so the shared sub-expressions are computed once)
    )

    # agencies: one key per (province, agency) pair as written
    agency_key, indicator_key = rows["agency_key"], rows["indicator_key"]
    province = title_province(layout.title)
    resolvers = ResolverCache(agencies)
    resolved = [
        (
            key,
            prov,
            raw,
            resolvers.get(prov or province).resolve(raw).code if raw is not None else None,
        )
        for key, prov, raw in _pairs(agency_key, levels["province"], levels["agency_raw"])
    ]
    if not province:
        local = {e.code: e.province for e in agencies if e.province}
        found = {local[c] for _, _, _, c in resolved if c in local} | set(levels["province"])
        province = found.pop() if len(found) == 1 else None
    agency_table = _key_table(
        [(k, prov or province, raw, code) for k, prov, raw, code in resolved],
        ("province", "agency_raw", "agency_code"),
    )

    # indicators: one key per (indicator, unit) pair as written
    ind_rows = [
        (k, raw, unit, ind_codes.get(raw))
        for k, raw, unit in _pairs(indicator_key, levels["indicator_raw"], levels["unit"])
    ]
    indicator_table = _key_table(ind_rows, ("indicator_raw", "unit", "indicator_code"))

    # rejects: the rows that fail a check, and repeated keys
    repeats = _repeats(rows)
    if repeats.height:  # a repeat is a problem too (a row's rid is its index)
        rows = rows.with_columns(rows["problem"].scatter(repeats["rid"], True))
    indexed = rows.lazy().with_columns(RID)
    bad = indexed.filter("problem") if rows["problem"].any() else indexed.clear()
    bad = bad.with_columns(share=SHARE).collect()
    rejects = _reasons(bad, body[bad["rid"]], repeats)
    good = rows.filter(~pl.col("problem")) if bad.height else rows
    facts = good[list(FACT_COLUMNS)]  # (by name: a select() here took 0.15 s on 10M rows)
    return Judged(agency_table, indicator_table, periods, facts, rejects)


RID = pl.int_range(pl.len(), dtype=pl.Int64).alias("rid")  # a row's index
FACT_COLUMNS = (
    "agency_key",
    "indicator_key",
    "period_key",
    "source_row",
    "numerator",
    "denominator",
    "value",
)


def _problem() -> pl.Expr:
    """Rows with a reason of their own (cheap: one boolean expression)."""
    num, den, val = (pl.col(c) for c in ("numerator", "denominator", "value"))
    return (
        pl.col("agency_blank")
        | pl.col("indicator_blank")
        | pl.col("period_bad")
        | pl.col("value_bad")
        | pl.col("numerator_bad")
        | pl.col("denominator_bad")
        | (val.is_null() & num.is_null())
        | (val < 0)
        | (num < 0)
        | (den < 0)
        | (den == 0)
        | (num > den)
        | (pl.col("percent") & (SHARE > 100))
    ).fill_null(False)


def _repeats(rows: pl.DataFrame) -> pl.DataFrame:
    """rid, reason for rows repeating a (province, agency, indicator, period) - their
    ``row_key`` - the duplicates of a row keep the first; conflicting values for one key
    keep none. A clean file costs one count of distinct keys."""
    key = rows["row_key"]
    if _distinct(key).len() == rows.height:
        return pl.DataFrame(schema={"rid": pl.Int64, "reason": pl.String})
    keyed = rows.select(RID, "source_row", "numerator", "denominator", "value")
    keyed = keyed.with_columns(key=key).filter(pl.col("key").is_duplicated())
    per_key = keyed.group_by("key").agg(
        variants=pl.struct("numerator", "denominator", "value").n_unique(),
        first_row=pl.col("source_row").min(),
        rows=pl.col("source_row").sort().cast(pl.String).str.join(", "),
    )
    reason = (
        pl.when(pl.col("variants") > 1)
        .then(
            pl.format(
                "conflicting values for the same agency, indicator and period (rows {})",
                pl.col("rows"),
            )
        )
        .when(pl.col("source_row") != pl.col("first_row"))
        .then(pl.format("duplicate of row {}", pl.col("first_row")))
    )
    return (
        keyed.join(per_key, on="key")
        .select("rid", reason=reason)
        .filter(pl.col("reason").is_not_null())
    )


def _fmt(x: float) -> str:
    return repr(float(x))


def _reasons(bad: pl.DataFrame, read: pl.DataFrame, repeats: pl.DataFrame) -> pl.DataFrame:
    """The rejects: each failing row with its reason (the first that applies) and the row
    as read (``read``: the body's rows of ``bad``, in the same order)."""
    repeat = dict(repeats.iter_rows())
    out = []
    for r, src in zip(bad.iter_rows(named=True), read.iter_rows(named=True), strict=True):
        num, den, val = r["numerator"], r["denominator"], r["value"]
        if r["agency_blank"]:
            reason = "agency is blank"
        elif r["indicator_blank"]:
            reason = "indicator is blank"
        elif r["period_bad"] and src["period_raw"] is None:
            reason = "period is blank"
        elif r["period_bad"]:
            reason = f"period '{src['period_raw']}' not understood"
        elif r["value_bad"]:
            reason = f"value '{src['value']}' is not a number"
        elif r["numerator_bad"]:
            reason = f"numerator (Tử số) '{src['numerator']}' is not a number"
        elif r["denominator_bad"]:
            reason = f"denominator (Mẫu số) '{src['denominator']}' is not a number"
        elif val is None and num is None:
            reason = "no value: Giá trị/Tỷ lệ and Tử số are blank"
        elif any(x is not None and x < 0 for x in (val, num, den)):
            reason = "negative value"
        elif den == 0:
            reason = "denominator (Mẫu số) is zero"
        elif num is not None and den is not None and num > den:
            reason = f"numerator {_fmt(num)} > denominator {_fmt(den)}"
        elif r["percent"] and r["share"] is not None and r["share"] > 100:
            reason = f"share {_fmt(round(r['share'], 2))}% outside 0-100"
        else:
            reason = repeat[r["rid"]]
        record = {
            "agency": src["agency_raw"],
            "indicator": src["indicator_raw"],
            "period": src["period_raw"],
            "numerator": src["numerator"],
            "denominator": src["denominator"],
            "value": src["value"],
            "unit": src["unit"],
        }
        out.append((r["source_row"], reason, json.dumps(record, ensure_ascii=False)))
    rejects = pl.DataFrame(
        out,
        schema={"source_row": pl.Int64, "reason": pl.String, "raw_record": pl.String},
        orient="row",
    )
    return rejects.sort("source_row", maintain_order=True)


def read_judged(
    data: bytes,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
    sheet: str | None = None,
    csv_file: Path | None = None,
) -> tuple[Layout, Judged]:
    """All stages: the layout, the body, the judgement. ``csv_file``: a large CSV whose
    head is ``data``; polars reads its body from disk."""
    layout, xlsx = read_layout(data, path, sheet)
    body = read_body(data, layout, path, xlsx, csv_file)
    if body.height == 0:
        raise ExtractionError(path, f"no data rows under the header row {layout.header_row}")
    return layout, judge(body, layout, path, agencies, indicators, percent_codes)


def observations(judged: Judged) -> pl.DataFrame:
    """The facts with their keys' columns: what ``metric_observations`` shows."""
    return (
        judged.facts.join(
            judged.agencies.rename({"key": "agency_key"}), on="agency_key", how="left"
        )
        .join(judged.indicators.rename({"key": "indicator_key"}), on="indicator_key", how="left")
        .join(judged.periods.rename({"key": "period_key"}), on="period_key", how="left")
        .select(
            "source_row",
            "province",
            "agency_code",
            "agency_raw",
            "indicator_code",
            "indicator_raw",
            "period_raw",
            "period_kind",
            "period_start",
            "period_end",
            "year",
            "numerator",
            "denominator",
            SHARE.alias("value"),
            "unit",
        )
        .sort("source_row")
    )


def read_metric_file(data: bytes, path: str, sheet: str | None = None) -> MetricFrame:
    """Judge one file without a warehouse (for previews and tests)."""
    from parplan.reference import load_agencies, load_indicators, read_rows

    percent = {r["code"] for r in read_rows("indicators.csv") if r["unit"] == "%"}
    layout, judged = read_judged(data, path, load_agencies(), load_indicators(), percent, sheet)
    return MetricFrame(observations(judged), judged.rejects, layout.layout, layout.header_row)
