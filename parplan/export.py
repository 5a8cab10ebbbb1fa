"""Export a table, a view or one query's result to CSV, XLSX or Parquet for officials.

The query runs on the analyst connection (read-only, no file access: DuckDB's ``COPY``
stays disabled there); polars and xlsxwriter write the file. CSV and XLSX are flat: list
and struct cells become JSON text. A cell that a spreadsheet would run as a formula
(text starting with ``= + - @``, or a tab or carriage return) is neutralised: in CSV it
gets a leading apostrophe, in XLSX it is written as a text cell with Excel's quote prefix
(shown unchanged, never evaluated). The file appears whole or not at all (written beside,
then renamed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from parplan.output import UsageError
from warehouse.atomic import atomic_write

FORMATS = (".csv", ".xlsx", ".parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def single_statement(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The one statement in ``sql``; an empty text or several statements are refused."""
    statements = con.extract_statements(sql)
    if not statements:
        raise UsageError("the query is empty: give one SQL statement")
    if len(statements) > 1:
        raise UsageError(
            f"the query holds {len(statements)} statements: give one (no ';' between them)"
        )
    return sql


def known_relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        n
        for (n,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' union "
            "select view_name from duckdb_views() where schema_name = 'main' and not internal"
        ).fetchall()
    }


def fetch(
    con: duckdb.DuckDBPyConnection, table: str | None = None, sql: str | None = None
) -> pl.DataFrame:
    """A relation (by catalog name: no SQL from the name) sorted on its columns, or a
    query's result in the query's own order."""
    if (table is None) == (sql is None):
        raise UsageError("export takes a TABLE or --sql QUERY (one of them)")
    if table is not None:
        known = known_relations(con)
        if table not in known:
            raise UsageError(
                f"no table or view named {table!r} (known: {', '.join(sorted(known))})"
            )
        frame: pl.DataFrame = con.sql(f'select * from "{table}"').pl()
        keys = [c for c, t in frame.schema.items() if not t.is_nested()]
        return frame.sort(keys, nulls_last=True, maintain_order=True) if keys else frame
    result: pl.DataFrame = con.sql(single_statement(con, sql or "")).pl()
    return result


def _json_cell(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists and structs as JSON text (``["a", "b"]``), every other column unchanged."""
    nested = [c for c, t in frame.schema.items() if t.is_nested()]
    return frame.with_columns(
        pl.Series(c, [_json_cell(v) for v in frame[c].to_list()], dtype=pl.String) for c in nested
    )


def is_formula_like(text: str) -> bool:
    """
    >>> [is_formula_like(s) for s in ("=1+1", "+84 28", "-5", "@SUM(A1)", "Sở Nội vụ", "")]
    [True, True, True, True, False, False]
    """
    return text.startswith(FORMULA_STARTS)


def neutralise_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix formula-like text with an apostrophe, the usual CSV-injection guard."""
    pattern = "^[" + "".join("\\" + c if c in "-+" else c for c in FORMULA_STARTS) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c, t in frame.schema.items()
        if t == pl.String
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """UTF-8 with a BOM (so Excel on Windows reads Vietnamese), LF line ends."""
    neutralise_csv(flatten(frame)).write_csv(path, include_bom=True, line_terminator="\n")


def export(
    con: duckdb.DuckDBPyConnection, to: Path, table: str | None = None, sql: str | None = None
) -> tuple[Path, int]:
    """Write ``table`` or the result of ``sql`` to ``to`` (format from its suffix)."""
    suffix = to.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{to}: export format must be {', '.join(FORMATS)}")
    frame = fetch(con, table, sql)
    if suffix == ".csv":
        atomic_write(to, lambda p: write_csv(frame, p))
    elif suffix == ".xlsx":
        # (imported here: the workbook writer and the titles' YAML load only for an export
        # to XLSX, not in every command-line process)
        from parplan.export_xlsx import write_xlsx

        atomic_write(to, lambda p: write_xlsx(flatten(frame), p, table))
    else:
        atomic_write(to, lambda p: frame.write_parquet(p))
    return to, frame.height
