"""Query output and table export for the command line (identifiers checked, values bound)."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb


class UsageError(Exception):
    """A command-line argument that cannot be used (named in the message)."""


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, date | datetime):
        return v.isoformat()
    return v


def write_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(
            [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows],
            out,
            ensure_ascii=False,
            default=str,
        )
        out.write("\n")
        return
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        w.writerows([[_plain(v) for v in r] for r in rows])
        return
    cells = [[("" if v is None else str(_plain(v))) for v in r] for r in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    widths = [min(w, 60) for w in widths]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)), file=out)
    print(f"({len(rows)} rows)", file=out)


def export_table(con: duckdb.DuckDBPyConnection, table: str, to: Path) -> Path:
    """Export one table or view; the name must be in the catalog (no SQL from the user)."""
    known = {
        n
        for (n,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' union "
            "select view_name from duckdb_views() where schema_name = 'main' and not internal"
        ).fetchall()
    }
    if table not in known:
        raise UsageError(f"no table or view named {table!r} (known: {', '.join(sorted(known))})")
    suffix = to.suffix.lower()
    if suffix not in (".parquet", ".csv", ".xlsx"):
        raise UsageError(f"{to}: export format must be .parquet, .csv or .xlsx")
    frame = con.sql(f'select * from "{table}"').pl()
    to.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        frame.write_parquet(to)
    elif suffix == ".csv":
        frame.write_csv(to)
    else:
        frame.write_excel(to, worksheet=table[:31])
    return to
