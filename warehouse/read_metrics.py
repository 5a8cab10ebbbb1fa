"""Agency metric files (CSV, XLSX, Parquet; long or wide) -> observation and reject frames.

Stages (each a function below):

1. ``sniff``          - the format from the bytes (never the file name);
2. ``read_grid``      - title lines, header and the body as text columns; the header is the
   first row (of the first 15) that names an agency column; rows above it are title rows;
3. ``map_roles``      - columns found by their Vietnamese or English header, any case, with
   or without diacritics (``Cơ quan``, ``Đơn vị``, ``agency``; ``Tử số``; ``Tỷ lệ (%)`` ...);
4. ``to_long``        - a wide file (one column per indicator) is unpivoted;
5. ``parse_numbers``  - values read as text and converted with the convention each column
   proves (``1.234,5`` Vietnamese unless the column shows ``1,234.5``) - never polars'
   own float parsing, which reads ``1.234`` as 1.234;
6. ``attach_periods`` - period column, else the title rows, else the file name;
7. ``validate``       - blank agency, unknown period, bad or negative numbers,
   numerator > denominator, shares outside 0-100, duplicated and conflicting rows go to
   the rejects frame with the reason and row number.

All per-value work (numbers, periods) is vectorised or runs on distinct values only.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.normalize import fold
from extractors.parse_period import parse_period

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
    "value": ("gia tri", "ty le", "value", "ket qua", "ty le %", "so lieu"),
    "unit": ("don vi tinh", "unit", "dvt"),
    "province": ("tinh", "province", "tinh thanh pho", "tinh thanh"),
    "row_no": ("stt", "tt", "so tt", "so thu tu", "no", "#"),  # ignored
}
NUMERIC_ROLES = ("numerator", "denominator", "value")
MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200

_VI_GROUPS = r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"
_EN_GROUPS = r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
_COMMA_DEC = r"^-?\d+,\d+$"
_DOT_DEC = r"^-?\d+\.\d+$"
_PLAIN = r"^-?\d+$"
_NULLS = ["", "-", "–", "—", "x", "n/a", "na", "..."]


@dataclass(frozen=True)
class Grid:
    title: list[str]
    header: list[str]
    body: pl.DataFrame  # text columns (numeric columns of typed formats stay numeric)
    first_row: int  # row number of the first body row in the file (1-based)


@dataclass(frozen=True)
class MetricFrame:
    observations: pl.DataFrame
    rejects: pl.DataFrame
    layout: str
    header_row: int


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


def read_metric_file(data: bytes, path: str, sheet: str | None = None) -> MetricFrame:
    """Read one metric file into observations (with raw agency/indicator strings) and rejects."""
    fmt = sniff(data, path)
    if fmt == "docx":
        raise ExtractionError(path, "a DOCX document, not a metric file")
    grid = {"csv": _read_csv, "xlsx": _read_xlsx, "parquet": _read_parquet}[fmt](data, path, sheet)
    roles = map_roles(grid.header)
    if "agency" not in roles:
        raise ExtractionError(
            path,
            f"no agency column in the header row {grid.first_row - 1} "
            f"(found {grid.header}; looked for Cơ quan, Đơn vị, agency)",
        )
    if grid.body.height == 0:
        raise ExtractionError(path, f"no data rows under the header row {grid.first_row - 1}")
    long, layout = to_long(grid, roles, path)
    long = parse_numbers(long, path)
    long = attach_periods(long, grid.title, Path(path).stem, path)
    province = title_province(grid.title)
    if province:
        long = long.with_columns(province=pl.col("province").fill_null(province))
    obs, rejects = validate(long)
    return MetricFrame(
        observations=obs, rejects=rejects, layout=layout, header_row=grid.first_row - 1
    )


# --- reading ----------------------------------------------------------------------------


def _header_index(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:15]):
        if "agency" in map_roles(row):
            return i
    return None


def _read_csv(data: bytes, path: str, _sheet: str | None) -> Grid:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:65536]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the sample's end
            raise ExtractionError(
                path, f"not UTF-8 text (byte {exc.start} of the file; re-save the CSV as UTF-8)"
            ) from exc
        text = head[: exc.start].decode("utf-8")
    lines = text.splitlines()[:20]
    sep = (
        ";"
        if sum(ln.count(";") for ln in lines[:5]) > sum(ln.count(",") for ln in lines[:5])
        else ("\t" if "\t" in "".join(lines[:5]) else ",")
    )
    rows = list(csv.reader(lines, delimiter=sep))
    idx = _header_index(rows)
    if idx is None:
        raise ExtractionError(
            path,
            "no header row with an agency column in the first 15 rows "
            "(looked for Cơ quan, Đơn vị, agency)",
        )
    try:
        body = pl.read_csv(
            io.BytesIO(data),
            separator=sep,
            skip_rows=idx,
            has_header=True,
            infer_schema=False,
            truncate_ragged_lines=False,
            encoding="utf8",
        )
    except pl.exceptions.PolarsError as exc:
        detail = _ragged_row(data, sep, idx) or str(exc).splitlines()[0]
        raise ExtractionError(path, f"unreadable CSV after header row {idx + 1}: {detail}") from exc
    header = [str(c) for c in body.columns]
    title = [" ".join(c for c in r if c.strip()) for r in rows[:idx]]
    return Grid(
        title=[t for t in title if t],
        header=header,
        body=body.with_columns(pl.all().cast(pl.String)),
        first_row=idx + 2,
    )


def _ragged_row(data: bytes, sep: str, header_idx: int) -> str | None:
    """Name the first row whose field count differs from the header's (error path only)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8", "replace")), delimiter=sep)
    width = None
    for n, row in enumerate(reader, start=1):
        if n <= header_idx:
            continue
        if width is None:
            width = len(row)
        elif row and len(row) != width:
            return f"row {n} has {len(row)} fields, the header has {width}"
    return None


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
                cols = _col_number(m.group(2))
                rows = int(m.group(3))
                if rows * cols > MAX_XLSX_CELLS:
                    raise ExtractionError(
                        path,
                        f"sheet {name} claims {rows:,} rows x {cols:,} "
                        f"columns ({m.group(0)[11:-1]}); refused",
                    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _read_xlsx(data: bytes, path: str, sheet: str | None) -> Grid:
    check_xlsx(data, path)
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
    as_text = raw.with_columns(pl.all().cast(pl.String))
    rows = [["" if v is None else str(v) for v in r] for r in as_text.head(15).iter_rows()]
    idx = _header_index(rows)
    if idx is None:
        raise ExtractionError(
            path,
            "no header row with an agency column in the first 15 rows "
            "(looked for Cơ quan, Đơn vị, agency)",
        )
    header = _dedupe([c.strip() for c in rows[idx]])
    body = raw.slice(idx + 1)
    body.columns = header
    keep = [h for h in header if h]
    body = body.select(keep)
    # numeric cells keep their type: their text is an English-convention number
    body = body.with_columns(
        [pl.col(c).cast(pl.String).alias(c) for c in keep if not body[c].dtype.is_numeric()]
    )
    title = [" ".join(c for c in r if c.strip()) for r in rows[:idx]]
    return Grid(title=[t for t in title if t], header=keep, body=body, first_row=idx + 2)


def _read_parquet(data: bytes, path: str, _sheet: str | None) -> Grid:
    try:
        body = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc
    body = body.with_columns(
        [pl.col(c).cast(pl.String) for c in body.columns if not body[c].dtype.is_numeric()]
    )
    return Grid(title=[], header=list(body.columns), body=body, first_row=1)


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def title_province(title: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN TỈNH LONG AN" in a title row -> "Long An"."""
    for line in title:
        m = re.search(
            r"\b(?:TỈNH|Tỉnh|tỉnh)\s+([A-ZĐÀ-Ỹa-zđà-ỹ][^\d,;:()]{1,30}?)\s*$", line.strip()
        )
        if m:
            return " ".join(w.capitalize() for w in m.group(1).split())
    return None


# --- columns and layout -------------------------------------------------------------------


def header_key(header: str) -> str:
    """Fold a header and drop units in brackets: "Tỷ lệ (%)" -> "ty le"."""
    return fold(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header))


def map_roles(header: list[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for h in header:
        k = header_key(h)
        for role, names in ROLES.items():
            if role not in roles and k in names:
                roles[role] = h
                break
    return roles


def to_long(grid: Grid, roles: dict[str, str], path: str) -> tuple[pl.DataFrame, str]:
    body = grid.body.with_row_index("source_row", offset=grid.first_row)
    body = body.with_columns(pl.col("source_row").cast(pl.Int64))
    keep = {"source_row": pl.col("source_row")}
    for role in ("agency", "period", "province", "unit"):
        keep[f"{role}_raw" if role in ("agency", "period") else role] = (
            pl.col(roles[role]).cast(pl.String) if role in roles else pl.lit(None, pl.String)
        )
    if "indicator" in roles and ("value" in roles or "numerator" in roles):
        cols = {**keep, "indicator_raw": pl.col(roles["indicator"]).cast(pl.String)}
        if "unit" not in roles and "%" in roles.get("value", ""):
            cols["unit"] = pl.lit("%")  # "Tỷ lệ (%)": the values are shares
        for role in NUMERIC_ROLES:
            cols[role] = pl.col(roles[role]) if role in roles else pl.lit(None, pl.String)
        return body.select(**cols), "long"
    if "indicator" in roles:
        raise ExtractionError(
            path, "long layout without a value column (looked for Giá trị, Tỷ lệ (%), Tử số, value)"
        )
    measures = [h for h in grid.header if h not in roles.values() and h]
    if not measures:
        raise ExtractionError(
            path,
            "no indicator columns: neither a long layout (Chỉ tiêu + "
            "Giá trị) nor a wide one (one column per indicator)",
        )
    base = body.select(**keep, **{m: pl.col(m).cast(pl.String) for m in measures})
    wide = base.unpivot(
        index=list(keep), on=measures, variable_name="indicator_raw", value_name="value"
    )
    wide = wide.with_columns(
        unit=pl.when(pl.col("indicator_raw").str.contains("%"))
        .then(pl.lit("%"))
        .otherwise(pl.col("unit"))
    )
    wide = wide.filter(
        pl.col("value").is_not_null() & ~pl.col("value").str.strip_chars().is_in(_NULLS)
    )
    return wide.with_columns(
        numerator=pl.lit(None, pl.String), denominator=pl.lit(None, pl.String)
    ), "wide"


# --- numbers ----------------------------------------------------------------------------


def number_convention(col: pl.Series) -> str:
    """ "," (Vietnamese) unless the column's values prove the English convention."""
    s = col.drop_nulls().str.strip_chars().str.replace_all(r"[\s%]", "")
    en = (
        s.str.contains(_EN_GROUPS).sum() + s.str.contains(r"^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$").sum()
    )
    vi = s.str.contains(_VI_GROUPS).sum() + s.str.contains(_COMMA_DEC).sum()
    return "." if en > 0 and vi == 0 else ","


def number_expr(name: str, decimal: str) -> pl.Expr:
    """Vectorised twin of extractors.parse_numbers.parse_number (tests keep them in step)."""
    s = pl.col(name).str.strip_chars().str.replace_all(r"[\s\u00a0]", "").str.strip_chars_end("%")
    if decimal == ",":
        text = (
            pl.when(s.str.contains(_VI_GROUPS))
            .then(s.str.replace_all(r"\.", "").str.replace(",", "."))
            .when(s.str.contains(_COMMA_DEC))
            .then(s.str.replace(",", "."))
            .when(s.str.contains(_DOT_DEC) | s.str.contains(_PLAIN))
            .then(s)
            .otherwise(None)
        )
    else:
        text = (
            pl.when(s.str.contains(_EN_GROUPS))
            .then(s.str.replace_all(",", ""))
            .when(s.str.contains(_DOT_DEC) | s.str.contains(_PLAIN))
            .then(s)
            .when(s.str.contains(_COMMA_DEC))
            .then(s.str.replace(",", "."))
            .otherwise(None)
        )
    return text.cast(pl.Float64, strict=False)


def parse_numbers(df: pl.DataFrame, path: str) -> pl.DataFrame:
    out = []
    for role in NUMERIC_ROLES:
        col = df[role]
        if col.dtype.is_numeric():
            out += [
                pl.col(role).cast(pl.Float64).alias(role),
                pl.lit(None, pl.String).alias(f"{role}_bad"),
            ]
            continue
        conv = number_convention(col)
        parsed = number_expr(role, conv)
        blank = pl.col(role).is_null() | pl.col(role).str.strip_chars().is_in(_NULLS)
        out += [
            parsed.alias(role),
            pl.when(~blank & parsed.is_null())
            .then(pl.col(role))
            .otherwise(None)
            .alias(f"{role}_bad"),
        ]
    return df.with_columns(out)


# --- periods ----------------------------------------------------------------------------


def attach_periods(df: pl.DataFrame, title: list[str], stem: str, path: str) -> pl.DataFrame:
    fallback = next((p for p in (parse_period(t) for t in [*title, stem]) if p), None)
    fallback_raw = next((t for t in [*title, stem] if parse_period(t)), None)
    if df["period_raw"].null_count() == df.height:
        if fallback is None:
            raise ExtractionError(
                path,
                "no period: no period column, and neither a title row "
                "nor the file name names a year",
            )
        df = df.with_columns(period_raw=pl.lit(fallback_raw))
    distinct = df["period_raw"].drop_nulls().unique().to_list()
    parsed = [(raw, parse_period(raw)) for raw in distinct]
    table = pl.DataFrame(
        {
            "period_raw": [r for r, _ in parsed],
            "period_kind": [p.kind if p else None for _, p in parsed],
            "period_start": [p.start if p else None for _, p in parsed],
            "period_end": [p.end if p else None for _, p in parsed],
            "year": [p.year if p else None for _, p in parsed],
        },
        schema={
            "period_raw": pl.String,
            "period_kind": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "year": pl.Int32,
        },
    )
    return df.join(table, on="period_raw", how="left")


# --- validation -------------------------------------------------------------------------

_KEY = ["agency_raw", "indicator_raw", "period_raw"]


def validate(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    agency = pl.col("agency_raw").str.strip_chars()
    reason = (
        pl.when(agency.is_null() | (agency == ""))
        .then(pl.lit("agency is blank"))
        .when(pl.col("period_kind").is_null())
        .then(pl.format("period '{}' not understood", pl.col("period_raw")))
        .when(pl.col("value_bad").is_not_null())
        .then(pl.format("value '{}' is not a number", pl.col("value_bad")))
        .when(pl.col("numerator_bad").is_not_null())
        .then(pl.format("numerator (Tử số) '{}' is not a number", pl.col("numerator_bad")))
        .when(pl.col("denominator_bad").is_not_null())
        .then(pl.format("denominator (Mẫu số) '{}' is not a number", pl.col("denominator_bad")))
        .when(pl.col("value").is_null() & pl.col("numerator").is_null())
        .then(pl.lit("no value: Giá trị/Tỷ lệ and Tử số are blank"))
        .when((pl.col("value") < 0) | (pl.col("numerator") < 0) | (pl.col("denominator") < 0))
        .then(pl.lit("negative value"))
        .when(pl.col("denominator") == 0)
        .then(pl.lit("denominator (Mẫu số) is zero"))
        .when(pl.col("numerator") > pl.col("denominator"))
        .then(
            pl.format("numerator {} > denominator {}", pl.col("numerator"), pl.col("denominator"))
        )
        .when((pl.col("unit").fill_null("").str.contains("%")) & (pl.col("value") > 100))
        .then(pl.format("share {}% outside 0-100", pl.col("value")))
        .otherwise(None)
    )
    df = df.with_columns(reason=reason)
    numbers = ["value", "numerator", "denominator"]
    ok = df.filter(pl.col("reason").is_null())
    # duplicated rows: the first is kept; conflicting values for one key: none is kept.
    # Only keys that occur more than once are examined (a clean file costs one group-by).
    repeated = ok.group_by(_KEY).agg(n=pl.len()).filter(pl.col("n") > 1).drop("n")
    if repeated.height:
        dup = ok.join(repeated, on=_KEY, how="semi", nulls_equal=True)
        dup = dup.with_columns(
            first_row=pl.col("source_row")
            .min()
            .over(
                [*_KEY, *numbers],
            ),
            variants=pl.struct(numbers).n_unique().over(_KEY),
            rows=pl.col("source_row").sort().cast(pl.String).str.join(", ").over(_KEY),
        )
        dup = dup.with_columns(
            reason=pl.when(pl.col("variants") > 1)
            .then(
                pl.format(
                    "conflicting values for the same agency, indicator and period (rows {})",
                    pl.col("rows"),
                )
            )
            .when(pl.col("source_row") != pl.col("first_row"))
            .then(pl.format("duplicate of row {}", pl.col("first_row")))
            .otherwise(None)
        ).drop("first_row", "variants", "rows")
        ok = pl.concat(
            [ok.join(repeated, on=_KEY, how="anti", nulls_equal=True), dup], how="vertical_relaxed"
        )
    bad = pl.concat(
        [df.filter(pl.col("reason").is_not_null()), ok.filter(pl.col("reason").is_not_null())],
        how="vertical_relaxed",
    )
    good = ok.filter(pl.col("reason").is_null())
    # a share without counts or value is computed from the counts
    good = good.with_columns(
        value=pl.when(pl.col("value").is_null())
        .then(100 * pl.col("numerator") / pl.col("denominator"))
        .otherwise(pl.col("value"))
    )
    obs = good.select(
        "source_row",
        "province",
        "agency_raw",
        "indicator_raw",
        "period_raw",
        "period_kind",
        "period_start",
        "period_end",
        "year",
        "numerator",
        "denominator",
        "value",
        "unit",
    )
    record_cols = [
        "agency_raw",
        "indicator_raw",
        "period_raw",
        "numerator",
        "denominator",
        "value",
        "unit",
    ]
    rejects = bad.select(
        "source_row",
        "reason",
        raw_record=pl.struct([pl.col(c).cast(pl.String) for c in record_cols]).struct.json_encode(),
    )
    return obs, rejects.sort("source_row")
