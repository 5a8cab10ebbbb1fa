"""Query results as rows named by their columns: what every section of the report reads."""

from __future__ import annotations

from typing import Any

import duckdb

Row = dict[str, Any]


def query_rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[Row]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
