"""Plan items in the warehouse keyed on their qualified code (migration 0006): numbering
that restarts in each group loads without collisions, the SQL models keep working, and
rows loaded before the migration get their codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from extractors.reference import BUNDLED as REFERENCE
from pipelines.dbt_project import build
from tests.conftest import FIXTURES
from warehouse.database import MIGRATIONS, Warehouse, migrate, now
from warehouse.ingest import ingest

SHAPES = FIXTURES / "plans" / "dienbien_2026_tables.txt"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    root = tmp_path_factory.mktemp("items")
    (root / "inbox").mkdir()
    shutil.copyfile(SHAPES, root / "inbox" / SHAPES.name)
    wh = Warehouse.at(root / "parplan.duckdb", REFERENCE)
    assert ingest([root / "inbox"], wh).count("new") == 1
    build(wh)  # the dbt project, then one publish
    return wh


def test_targets_keyed_on_code(loaded: Warehouse) -> None:
    with loaded.analyst() as con:
        rows = con.execute("""select code, no, target_no, group_path, area_no, area, unit, value
            from targets order by target_no""").fetchall()
    assert [r[0] for r in rows] == ["A.I.1", "A.I.2", "A.II.1", "A.II.2", "B.1", "B.2"]
    assert [r[1] for r in rows] == ["1", "2", "1", "2", "1", "2"]  # as printed: restarting
    assert [r[2] for r in rows] == [1, 2, 3, 4, 5, 6]  # unique in the plan: the order
    assert rows[2][3] == ["A. CHỈ TIÊU VỀ THỂ CHẾ VÀ THỦ TỤC HÀNH CHÍNH", "II. Thủ tục hành chính"]
    assert rows[2][4:] == (1, "CHỈ TIÊU VỀ THỂ CHẾ VÀ THỦ TỤC HÀNH CHÍNH", "%", "98")


def test_agencies_and_measures_follow_their_item(loaded: Warehouse) -> None:
    with loaded.analyst() as con:
        roles = con.execute("""select target_code, agency_name, role, role_phrase
            from target_agencies where target_code = 'B.2' order by position""").fetchall()
        lead = con.execute("""select task_code, role_phrase from task_agencies
            where task_code = 'A.I.2' and role = 'lead' order by position""").fetchall()
        measures = con.execute(
            "select distinct target_code from target_measures where origin = 'appendix'"
        ).fetchall()
    assert roles == [
        ("B.2", "Sở Nội vụ", "lead", "thực hiện"),
        ("B.2", "Thanh tra tỉnh", "lead", "phối hợp"),
    ]
    assert lead == [("A.I.2", "chủ trì hướng dẫn, tổng hợp"), ("A.I.2", "thực hiện")]
    assert all(code for (code,) in measures)


def test_tasks_keyed_on_code(loaded: Warehouse) -> None:
    with loaded.analyst() as con:
        rows = con.execute("select code, no, area_no from tasks order by line").fetchall()
        schedule = con.execute("select count(*) from task_schedule").fetchone()
    assert [r[0] for r in rows][-3:] == ["B.1.2.1", "B.II.1", "B.II.2"]
    assert rows[-3][1:] == ("1.2.1", 2)
    assert schedule == (9,)  # the SQL models read the new rows


def test_migration_0006_gives_rows_loaded_before_their_codes(tmp_path: Path) -> None:
    sha = "c" * 64
    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:
        con.execute(
            "create table schema_migrations (version integer primary key, "
            "name varchar not null, applied_at timestamp not null)"
        )
        for path in sorted(MIGRATIONS.glob("000[1-4]_*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values (?, ?, ?)",
                [int(path.name[:4]), path.stem, now()],
            )
        con.execute(
            "insert into targets (source_sha256, target_no, text, measurable) "
            "values (?, 7, 'Tỷ lệ', true)",
            [sha],
        )
        con.execute("insert into tasks (source_sha256, code) values (?, '2.3')", [sha])
        con.execute(
            "insert into target_agencies values (?, 7, 'lead', 1, null, 'Sở Nội vụ', 'Sở Nội vụ')",
            [sha],
        )
        assert "0006_item_codes" in migrate(con)
        assert con.execute("select code, no from targets").fetchall() == [("7", "7")]
        assert con.execute("select code, no from tasks").fetchall() == [("2.3", "2.3")]
        assert con.execute("select target_code from target_agencies").fetchall() == [("7",)]


def test_an_html_plan_is_ingested_as_a_plan(tmp_path: Path) -> None:
    """A plan saved from the web goes through `ingest` like any other plan."""
    page = FIXTURES / "generated" / "dienbien_2026_tables.html"
    wh = Warehouse.at(tmp_path / "parplan.duckdb", REFERENCE)
    report = ingest([page], wh)
    assert (report.count("new"), report.plans_with_errors) == (1, 0), report.summary()
    with wh.analyst() as con:
        assert con.execute("select format from documents").fetchall() == [("html",)]
        assert con.execute("select count(*) from tasks").fetchone() == (9,)
