"""Agency metric files (CSV, XLSX, Parquet; long or wide) -> judged rows in DuckDB.

Stages (each a function below):

1. ``sniff``       - the format from the bytes, never the file name;
2. ``read_layout`` - title rows, the header row (the first of 15 that names an agency
   column) and each column's role, found by its Vietnamese or English header in any case,
   with or without diacritics (``Cơ quan``, ``Đơn vị``, ``agency``; ``Tử số``; ``Tỷ lệ (%)``);
   a file with an indicator column is *long*, one with a column per indicator *wide*;
3. ``stage``       - DuckDB reads the body as text into a temporary table (CSV and Parquet
   directly; XLSX through polars' calamine reader, handed over as Arrow), one row per file
   row with its row number; a wide file is unpivoted;
4. ``judge``       - on *distinct* values only, in Python: numbers with the convention each
   column proves (``extractors.parse_numbers``: ``1.234,5`` Vietnamese unless the column
   shows ``1,234.5``; DuckDB's and polars' own float parsing would read ``1.234`` as 1.234),
   periods (``extractors.parse_period``), agencies and indicators (the registry and catalog).
   Then one SQL pass attaches them and gives every bad row its reason: blank agency,
   unknown period, a number that is not one, negative numbers, numerator > denominator,
   shares outside 0-100, duplicated and conflicting rows.

The caller (``warehouse.ingest``) inserts the judged rows in the file's transaction.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import fastexcel
import polars as pl

from extractors.errors import ExtractionError
from extractors.normalize import fold
from extractors.parse_numbers import parse_number
from extractors.parse_period import parse_period
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
TEXT_ROLES = ("province", "agency", "indicator", "period", "unit")
NULL_TOKENS = {"", "-", "–", "—", "x", "n/a", "na", "...", "null", "none"}
MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200
KEY = "province, agency_raw, indicator_raw, period_raw"


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


# --- 3. stage -----------------------------------------------------------------------------


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def stage(
    con: duckdb.DuckDBPyConnection, layout: Layout, file: Path, path: str, xlsx: object = None
) -> int:
    """Create temp table ``staged``: one row per file row, text columns named by role.

    A long file is read in one pass; its row numbers are the table's own row ids (stable
    because staging runs outside any transaction). A wide file is unpivoted.
    """
    for table in ("staged_raw", "staged"):
        con.execute(f"drop table if exists {table}")
    width = len(layout.header)
    if layout.fmt == "csv":
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
        source = (
            f"read_csv({_q(str(file))}, delim={_q(layout.sep)}, header=false, "
            f"skip={layout.header_row}, auto_detect=false, columns={columns}, quote='\"',"
            " escape='\"', strict_mode=true, encoding='utf-8')"
        )
    elif layout.fmt == "xlsx":
        assert isinstance(xlsx, pl.DataFrame)
        body = xlsx.slice(layout.header_row).select(f"c{i}" for i in range(width))
        con.register("xlsx_body", body.cast(pl.String))
        source = "xlsx_body"
    else:
        cols = ", ".join(f'cast("{h}" as varchar) as c{i}' for i, h in enumerate(layout.header))
        source = f"(select {cols} from read_parquet({_q(str(file))}))"
    r = layout.roles
    percent_header = "%" in (layout.header[r["value"]] if "value" in r else "")

    def col(role: str) -> str:
        if role == "unit" and "unit" not in r and percent_header:
            return "'%'"  # "Tỷ lệ (%)": the values are shares
        return f"c{r[role]}" if role in r else "null::varchar"

    text = (
        f"{col('province')} as province, {col('agency')} as agency_raw, "
        f"{col('period')} as period_raw, {col('unit')} as unit"
    )
    try:
        if not layout.measures:
            con.execute(f"""create temp table staged as select {text},
                {col("indicator")} as indicator_raw, {col("numerator")} as numerator,
                {col("denominator")} as denominator, {col("value")} as value,
                null::bigint as source_row from {source}""")
        else:
            con.execute(f"create temp table staged_raw as select * from {source}")
            parts = [
                f"""select {text}, {_q(layout.header[i])} as indicator_raw,
                     null::varchar as numerator, null::varchar as denominator, c{i} as value,
                     rowid + {layout.header_row + 1} as source_row
                     from staged_raw where c{i} is not null and trim(c{i}) not in
                     ('', '-', '–', '—')"""
                for i in layout.measures
            ]
            con.execute("create temp table staged as " + " union all ".join(parts))
            con.execute("""update staged set unit = '%' where unit is null
                           and indicator_raw like '%\\%%' escape '\\'""")
            con.execute("drop table staged_raw")
    except duckdb.Error as exc:
        raise ExtractionError(
            path, "unreadable " + layout.fmt.upper() + ": " + " ".join(str(exc).split("\n")[:3])
        ) from exc
    finally:
        if layout.fmt == "xlsx":
            con.unregister("xlsx_body")
    ((rows,),) = con.execute("select count(*) from staged").fetchall()
    return int(rows)


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


def _number_map(con: duckdb.DuckDBPyConnection, role: str, typed: bool) -> None:
    raws = [
        v
        for (v,) in con.execute(
            f"select distinct {role} from staged where {role} is not null"
        ).fetchall()
    ]
    decimal = "." if typed else number_convention(raws)
    rows = []
    for raw in raws:
        num: Decimal | None = parse_number(raw, decimal)
        blank = raw.strip().lower() in NULL_TOKENS
        rows.append((raw, None if num is None else float(num), num is None and not blank))
    _table(con, f"map_{role}", rows, {"raw": pl.String, "v": pl.Float64, "bad": pl.Boolean})


def _table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: list[tuple[object, ...]],
    schema: dict[str, pl.DataType | type[pl.DataType]],
) -> None:
    """A small temp table from Python rows (handed over as Arrow, not row by row)."""
    frame = pl.DataFrame(rows, schema=schema, orient="row")  # noqa: F841 (read by DuckDB)
    con.execute(f"create or replace temp table {name} as select * from frame")


def _period_map(con: duckdb.DuckDBPyConnection, fallback: str | None) -> None:
    raws = [
        v
        for (v,) in con.execute(
            "select distinct coalesce(period_raw, ?) from staged", [fallback]
        ).fetchall()
        if v is not None
    ]
    rows = [
        (raw, p.kind, p.start, p.end, p.year)
        if (p := parse_period(raw))
        else (raw, None, None, None, None)
        for raw in raws
    ]
    _table(
        con,
        "map_period",
        rows,
        {
            "period_raw": pl.String,
            "period_kind": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "year": pl.Int32,
        },
    )


def _name_maps(
    con: duckdb.DuckDBPyConnection,
    agencies: list[Entry],
    indicators: list[Entry],
    province: str | None,
) -> str | None:
    """Agency and indicator code maps; returns the province for rows that name none."""
    pairs = con.execute(
        "select distinct province, agency_raw from staged where agency_raw is not null"
    ).fetchall()
    resolvers = ResolverCache(agencies)
    amap = [(prov, raw, resolvers.get(prov or province).resolve(raw).code) for prov, raw in pairs]
    _table(
        con,
        "map_agency",
        amap,
        {"province": pl.String, "agency_raw": pl.String, "agency_code": pl.String},
    )
    ind = indicator_resolver(indicators)
    imap = [
        (raw, ind.resolve(raw).code)
        for (raw,) in con.execute(
            "select distinct indicator_raw from staged where indicator_raw is not null"
        ).fetchall()
    ]
    _table(con, "map_indicator", imap, {"indicator_raw": pl.String, "indicator_code": pl.String})
    if province:
        return province
    local = {e.code: e.province for e in agencies if e.province}
    named = {
        p
        for (p,) in con.execute(
            "select distinct province from staged where province is not null"
        ).fetchall()
    }
    found = {local[c] for _, _, c in amap if c in local} | named
    return found.pop() if len(found) == 1 else None


def judge(
    con: duckdb.DuckDBPyConnection,
    layout: Layout,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
) -> None:
    """Create view ``judged``: staged rows with numbers, period, codes and a reason."""
    fallback = None
    if "period" not in layout.roles:
        fallback = next((t for t in [*layout.title, Path(path).stem] if parse_period(t)), None)
        if fallback is None:
            raise ExtractionError(
                path,
                "no period: no period column, and neither a title row "
                "nor the file name names a year",
            )
    for role in NUMERIC_ROLES:
        _number_map(con, role, role in layout.typed)
    _period_map(con, fallback)
    province = _name_maps(con, agencies, indicators, title_province(layout.title))
    _table(con, "percent_codes", [(c,) for c in sorted(percent_codes)], {"code": pl.String})
    first_row = layout.header_row + 1
    con.execute(f"""
        create or replace temp view judged_rows as
        select coalesce(s.source_row, s.rowid + {first_row}) as source_row,
               s.province as province_raw, coalesce(s.province, {_lit(province)}) as province,
               s.agency_raw, s.indicator_raw, coalesce(s.period_raw, {_lit(fallback)})
               as period_raw, s.unit, s.numerator as numerator_raw,
               s.denominator as denominator_raw, s.value as value_raw,
               n.v as numerator, n.bad as numerator_bad, d.v as denominator,
               d.bad as denominator_bad, v.v as value, v.bad as value_bad
        from staged s
        left join map_numerator n on n.raw = s.numerator
        left join map_denominator d on d.raw = s.denominator
        left join map_value v on v.raw = s.value""")
    _judge_repeats(con)
    con.execute("""
        create or replace temp view judged as
        select r.*, p.period_kind, p.period_start, p.period_end, p.year,
               a.agency_code, i.indicator_code,
               coalesce(r.value, 100.0 * r.numerator / nullif(r.denominator, 0)) as share,
               case
                 when r.agency_raw is null or trim(r.agency_raw) = '' then 'agency is blank'
                 when p.period_kind is null
                   then format('period ''{}'' not understood', r.period_raw)
                 when r.value_bad then format('value ''{}'' is not a number', r.value_raw)
                 when r.numerator_bad
                   then format('numerator (Tử số) ''{}'' is not a number', r.numerator_raw)
                 when r.denominator_bad
                   then format('denominator (Mẫu số) ''{}'' is not a number',
                               r.denominator_raw)
                 when r.value is null and r.numerator is null
                   then 'no value: Giá trị/Tỷ lệ and Tử số are blank'
                 when r.value < 0 or r.numerator < 0 or r.denominator < 0 then 'negative value'
                 when r.denominator = 0 then 'denominator (Mẫu số) is zero'
                 when r.numerator > r.denominator
                   then format('numerator {} > denominator {}', r.numerator, r.denominator)
                 when (coalesce(r.unit, '') like '%\\%%' escape '\\'
                       or i.indicator_code in (select code from percent_codes))
                      and coalesce(r.value, 100.0 * r.numerator / r.denominator) > 100
                   then format('share {}% outside 0-100',
                               round(coalesce(r.value, 100.0 * r.numerator / r.denominator), 2))
                 else x.reason
               end as reason
        from judged_rows r
        left join map_period p on p.period_raw = r.period_raw
        left join map_agency a on a.agency_raw = r.agency_raw
             and a.province is not distinct from r.province_raw
        left join map_indicator i on i.indicator_raw = r.indicator_raw
        left join repeat_reasons x on x.source_row = r.source_row""")


def _lit(value: str | None) -> str:
    return "null::varchar" if value is None else _q(value)


def _judge_repeats(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``repeat_reasons``: duplicated rows keep the first, conflicting values for
    one (province, agency, indicator, period) keep none. Only keys that occur more than once
    are examined: a clean file costs one hash group-by on the staged text. (A row with a
    reason of its own keeps that reason; see the CASE order in ``judge``.)"""
    con.execute("create or replace temp table repeat_reasons (source_row bigint, reason varchar)")
    # the province and period fills are constants, so the raw columns group alike
    ((repeated,),) = con.execute("""select count(*) from (select hash(province, agency_raw,
        indicator_raw, period_raw) as h from staged group by h having count(*) > 1)""").fetchall()
    if not repeated:
        return
    con.execute(f"""
        create or replace temp table repeat_reasons as
        with hashed as (
            select source_row, hash({KEY}) as h, {KEY}, numerator, denominator, value
            from judged_rows
        ),
        keyed as (
            select * from hashed
            where h in (select h from hashed group by h having count(*) > 1)
        ),
        per_key as (
            select {KEY}, count(distinct (numerator, denominator, value)) as variants,
                   min(source_row) as first_row,
                   string_agg(source_row::varchar, ', ' order by source_row) as rows
            from keyed group by all having count(*) > 1
        )
        select k.source_row,
               case when p.variants > 1
                    then 'conflicting values for the same agency, indicator and period (rows '
                         || p.rows || ')'
                    when k.source_row <> p.first_row then 'duplicate of row ' || p.first_row
               end as reason
        from keyed k join per_key p on {
        " and ".join(f"k.{c} is not distinct from p.{c}" for c in KEY.split(", "))
    }""")


OBSERVATION_COLUMNS = (
    "source_row, province, agency_code, agency_raw, indicator_code, "
    "indicator_raw, period_raw, period_kind, period_start, period_end, year, "
    "numerator, denominator, share as value, unit"
)
REJECT_RECORD = (
    "to_json({'agency': agency_raw, 'indicator': indicator_raw, "
    "'period': period_raw, 'numerator': numerator_raw, "
    "'denominator': denominator_raw, 'value': value_raw, 'unit': unit})::varchar"
)


def read_into(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    path: str,
    file: Path,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
    sheet: str | None = None,
) -> Layout:
    """All stages on ``con``: leaves temp table ``judged``. ``file`` holds ``data``."""
    layout, xlsx = read_layout(data, path, sheet)
    if stage(con, layout, file, path, xlsx) == 0:
        raise ExtractionError(path, f"no data rows under the header row {layout.header_row}")
    judge(con, layout, path, agencies, indicators, percent_codes)
    return layout


def read_metric_file(data: bytes, path: str, sheet: str | None = None) -> MetricFrame:
    """Judge one file on a private in-memory DuckDB (for previews and tests)."""
    from parplan.reference import load_agencies, load_indicators, read_rows

    percent = {r["code"] for r in read_rows("indicators.csv") if r["unit"] == "%"}
    with tempfile.TemporaryDirectory() as tmp, duckdb.connect() as con:
        file = Path(tmp) / (Path(path).name or "input")
        file.write_bytes(data)
        layout = read_into(
            con, data, path, file, load_agencies(), load_indicators(), percent, sheet
        )
        obs = con.sql(
            f"select {OBSERVATION_COLUMNS} from judged where reason is null order by source_row"
        ).pl()
        rejects = con.sql(
            f"select source_row, reason, {REJECT_RECORD} as raw_record "
            "from judged where reason is not null order by source_row"
        ).pl()
    return MetricFrame(obs, rejects, layout.layout, layout.header_row)
