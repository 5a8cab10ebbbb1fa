"""Migrations apply in order on a fresh file and on a warehouse an earlier parplan made.

Branches number their migrations apart (0007 reorganisation, 0008 corrections, 0009 task
progress, 0010 parser version) and land in any order, so a warehouse made by the code on
main before corrections landed holds 0001-0006 and 0009: opening it must apply 0008 and
0010 after 0009, keep what it stores, and end with the schema a fresh warehouse has."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

from warehouse.database import MIGRATIONS, migrate, now

# the migrations on main when task progress (issue 18) landed, before corrections (issue 15)
MAIN_WITH_PROGRESS = {1, 2, 3, 4, 5, 6, 9}

SCHEMA = """
select table_name, column_index, column_name, data_type, comment
from duckdb_columns() where schema_name = 'main' and table_name <> 'schema_migrations'
order by table_name, column_index
"""
VIEWS = "select view_name, comment from duckdb_views() where not internal order by 1"


def _version(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def _apply(con: duckdb.DuckDBPyConnection, versions: set[int]) -> None:
    """What an earlier parplan did on opening a new file: these migrations, in order."""
    con.execute(
        "create table schema_migrations (version integer primary key, "
        "name varchar not null, applied_at timestamp not null)"
    )
    for path in sorted(MIGRATIONS.glob("*.sql")):
        if _version(path) in versions:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values (?, ?, ?)", [_version(path), path.stem, now()]
            )


def test_each_migration_number_is_used_once() -> None:
    """Two files with one number: the second would never apply on a file the first did."""
    numbers = Counter(_version(p) for p in MIGRATIONS.glob("*.sql"))
    assert [n for n, times in numbers.items() if times > 1] == []


def test_a_fresh_warehouse_applies_every_migration_in_number_order() -> None:
    with duckdb.connect() as con:
        applied = migrate(con)
    assert applied == [p.stem for p in sorted(MIGRATIONS.glob("*.sql"), key=_version)]
    assert applied[6:12] == ["0007_reference_time", "0008_corrections", "0009_progress",
                             "0010_parser_version", "0011_share_percent",
                             "0012_plan_versions"]  # fmt: skip


def test_a_warehouse_made_before_corrections_landed_upgrades_to_the_fresh_schema(
    tmp_path: Path,
) -> None:
    """A warehouse with task progress and a figure, made by main's migrations: opening it
    applies 0007, 0008, 0010, 0011, 0012, 0014 and 0015, keeps the progress rows and the figure (counting, superseded
    by nothing), and ends with the columns, views and comments of a fresh warehouse."""
    sha, report = "a" * 64, "b" * 64
    with duckdb.connect(str(tmp_path / "main.duckdb")) as con:
        _apply(con, MAIN_WITH_PROGRESS)
        for file, kind in [(sha, "metrics"), (report, "progress")]:
            con.execute(
                "insert into file_manifest (sha256, original_path, kind, size_bytes, status, "
                "first_seen_at, updated_at) values (?, ?, ?, 1, 'loaded', ?, ?)",
                [file, f"{kind}.csv", kind, "2023-01-02", "2023-01-02"],
            )
        con.execute(
            "insert into metric_agency_keys values (0, ?, 'Long An', 'Sở Nội vụ', null)", [sha]
        )
        con.execute(
            "insert into metric_indicator_keys values (0, ?, 'x', null, 'public_unit_count')", [sha]
        )
        con.execute(
            "insert into metric_period_keys values "
            "(0, ?, 'Năm 2022', 'year', '2022-01-01', '2022-12-31', 2022)",
            [sha],
        )
        con.execute("insert into metric_facts values (0, 0, 0, 2, null, null, 48.0)")
        con.execute(
            "insert into progress_rows (source_sha256, source_row, code, status, period_raw) "
            "values (?, 2, 'I.1', 'done', 'Năm 2022')",
            [report],
        )
        for doc, number in [("c" * 64, "10/QĐ-UBND"), ("d" * 64, None)]:  # a plan, a draft
            con.execute(
                "insert into documents (sha256, format, province, plan_year, doc_number, "
                "issued_date, is_current, loaded_at) values (?, 'text', 'Long An', 2022, ?, "
                "'2022-01-05', ?, '2023-01-03')",
                [doc, number, number is not None],
            )
        assert migrate(con)[:5] == [  # (then those numbered after 0012)
            "0007_reference_time",
            "0008_corrections",
            "0010_parser_version",
            "0011_share_percent",
            "0012_plan_versions",
        ]
        assert con.execute("select version from schema_migrations order by version").fetchall() == [
            (v,)
            for v in sorted({_version(p) for p in MIGRATIONS.glob("*.sql")})  # all of them
        ]
        assert con.execute("select value, superseded_by from metric_observations").fetchall() == [
            (48.0, None)
        ]
        # 0012: a numbered, dated plan loaded before counts as complete; arrival is its load
        assert con.execute(
            "select doc_number, complete, fragment_reason, arrived_at::date::varchar "
            "from documents order by sha256"
        ).fetchall() == [
            ("10/QĐ-UBND", True, None, "2023-01-03"),
            (None, False, "no document number", "2023-01-03"),
        ]
        assert con.execute("select code, status from progress_rows").fetchall() == [("I.1", "done")]
        assert con.execute(
            "select kind, arrived_at::date::varchar, supersedes, superseded_by, parser_version "
            "from file_manifest order by kind"
        ).fetchall() == [
            ("metrics", "2023-01-02", [], [], None),
            ("progress", "2023-01-02", [], [], None),
        ]
        upgraded = con.execute(SCHEMA).fetchall(), con.execute(VIEWS).fetchall()
    with duckdb.connect() as fresh:
        migrate(fresh)
        assert upgraded == (fresh.execute(SCHEMA).fetchall(), fresh.execute(VIEWS).fetchall())


def test_a_migration_that_fails_leaves_the_warehouse_as_it_was(tmp_path: Path) -> None:
    """The pending migrations apply together: one that fails (a schema the next parplan
    cannot make here) leaves no half-upgraded warehouse behind - nothing of it on a fresh
    file, the old schema on an existing one."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in MIGRATIONS.glob("*.sql"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "9999_broken.sql").write_text("alter table no_such_table add x integer;\n")
    file = tmp_path / "w.duckdb"
    with duckdb.connect(str(file)) as con:
        try:
            migrate(con, folder)
        except duckdb.Error:
            pass
        else:
            raise AssertionError("the broken migration applied")
    with duckdb.connect(str(file)) as con:
        tables = con.execute("select table_name from duckdb_tables()").fetchall()
    assert tables == []  # not 0001-0018 applied and the warehouse left between versions
