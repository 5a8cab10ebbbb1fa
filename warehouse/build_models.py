"""Build the SQL models in ``sql/`` in the order their SQL implies.

One model per file; the file name is the relation name. A model depends on every other
model whose name it mentions as an identifier, so the order is derived from the SQL
itself (graphlib), never kept by hand. Staging and intermediate models are views (computed
inside the query that reads them, so a mart's filters reach the observations); marts are
tables, rebuilt in one transaction so analysts never see half a build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
LAYERS = ("staging", "intermediate", "marts")


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    path: Path
    sql: str
    depends_on: frozenset[str]

    @property
    def grain(self) -> str:
        m = re.search(r"--\s*grain:\s*(.+)", self.sql)
        return m.group(1).strip() if m else ""


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def discover(sql_dir: Path = SQL_DIR) -> dict[str, Model]:
    paths = {
        p.stem: (layer, p) for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))
    }
    models = {}
    for name, (layer, path) in paths.items():
        sql = path.read_text(encoding="utf-8")
        words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", _strip_comments(sql).lower()))
        models[name] = Model(name, layer, path, sql, frozenset(words & (set(paths) - {name})))
    return models


def build_order(models: dict[str, Model]) -> list[str]:
    return list(TopologicalSorter({n: m.depends_on for n, m in models.items()}).static_order())


def build(
    con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR, only: set[str] | None = None
) -> dict[str, int]:
    """(Re)build the models; returns the marts' row counts (counting a view would compute
    it). ``only``: build these (their dependencies must exist)."""
    models = discover(sql_dir)
    counts: dict[str, int] = {}
    con.execute("begin")
    try:
        for name in build_order(models):
            if only is not None and name not in only:
                continue
            m = models[name]
            kind = "table" if m.layer == "marts" else "view"
            body = m.sql.strip().rstrip(";")
            _drop(con, name)
            con.execute(f"create {kind} {name} as\n{body}")
            if m.grain:  # COMMENT ON takes no parameters: quote the literal
                grain = m.grain.replace("'", "''")
                con.execute(f"comment on {kind} {name} is 'grain: {grain}'")
            if kind == "table":
                row = con.execute(f"select count(*) from {name}").fetchone()
                counts[name] = int(row[0]) if row else 0
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def _drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a relation whichever kind it is (DROP VIEW on a table is an error in DuckDB)."""
    row = con.execute(
        "select 'table' from duckdb_tables() where table_name = ? and schema_name = 'main' "
        "union all select 'view' from duckdb_views() where view_name = ? "
        "and schema_name = 'main' and not internal",
        [name, name],
    ).fetchone()
    if row:
        con.execute(f"drop {row[0]} {name}")
