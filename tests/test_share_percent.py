"""The share formula is defined once, in the database (migration 0011): the models and
analysts call ``share_percent``; a zero or missing denominator gives no share."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from warehouse.database import migrate

CASES = [  # (numerator, denominator, share in percent)
    (3, 4, 75.0),  # counts: 100 x 3 / 4
    (0, 5, 0.0),  # none met: a share of 0, not a missing one
    (7, 7, 100.0),  # all met
    (1, 3, 100.0 / 3),  # a repeating fraction stays a double
    (3, 0, None),  # no one in scope: no share (never infinity)
    (None, 4, None),  # a count not reported: no share
    (3, None, None),
]


@pytest.mark.parametrize(("num", "den", "share"), CASES)
def test_share_percent(
    tmp_path: Path, num: int | None, den: int | None, share: float | None
) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    got = con.execute("select share_percent(?::bigint, ?::bigint)", [num, den]).fetchone()
    assert got == (pytest.approx(share) if share is not None else None,)


def test_models_call_the_macro() -> None:
    """The intermediate models that compute shares call the one definition."""
    models = Path(__file__).resolve().parent.parent / "sql" / "models" / "intermediate"
    for name in ("int_agency_year.sql", "int_indicator_actuals.sql"):
        sql = (models / name).read_text(encoding="utf-8")
        assert "share_percent(" in sql and "100.0 *" not in sql, name


MIGRATIONS = Path(__file__).resolve().parent.parent / "warehouse" / "migrations"
VIEW = re.compile(
    r"""create\ or\ replace\ view\ metric_observations\ as\s+
        (?P<select>select\s.+?);   # the view's query, up to the statement's end""",
    re.VERBOSE | re.DOTALL,
)


def _observations_query(migration: str) -> str:
    """The query a migration defines metric_observations with (as the file states it)."""
    match = VIEW.search((MIGRATIONS / migration).read_text(encoding="utf-8"))
    assert match, migration
    return match["select"]


def test_observations_call_the_macro() -> None:
    """The view's share is the one definition (0016), not the formula written out (0008)."""
    query = _observations_query("0016_observations_share_percent.sql")
    assert "share_percent(f.numerator, f.denominator)" in query and "100.0 *" not in query


FIGURES = [  # (value, numerator, denominator, value by 0008's formula, value by 0016's view)
    (81.5, None, None, 81.5, 81.5),  # a reported value is the value
    (40.0, 3, 4, 40.0, 40.0),  # a reported value wins over counts beside it
    (None, 3, 4, 75.0, 75.0),  # counts: 100 x 3 / 4
    (None, 1, 3, 100.0 / 3, 100.0 / 3),  # a repeating fraction
    (None, 0, 9, 0.0, 0.0),  # none met: a share of 0
    (None, None, 4, None, None),  # a count not reported: no value
    (None, None, None, None, None),  # nothing reported
    # the one difference: 0008 divided by zero (DuckDB gives infinity); share_percent gives
    # no share. The loader never stores it ("denominator (Mẫu số) is zero" is a reject), so
    # no stored figure changes.
    (None, 3, 0, float("inf"), None),
]


def test_observations_share_agrees_with_the_formula_it_replaces(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    con.execute(
        "insert into metric_agency_keys (id, source_sha256, province, agency_raw, agency_code) "
        "values (1, 'f', 'Long An', 'Sở Nội vụ', 'so_nv')"
    )
    con.execute("insert into metric_indicator_keys values (1, 'f', 'Tỷ lệ', '%', 'share')")
    con.execute(
        "insert into metric_period_keys values (1, 'f', '2023', 'year', "
        "'2023-01-01', '2023-12-31', 2023)"
    )
    for row, (value, num, den, _, _) in enumerate(FIGURES, start=2):
        con.execute("insert into metric_facts values (1, 1, 1, ?, ?, ?, ?)", [row, num, den, value])
    old = dict(
        con.execute(
            f"select source_row, value from ({_observations_query('0008_corrections.sql')})"
        ).fetchall()
    )
    new = dict(con.execute("select source_row, value from metric_observations").fetchall())
    for row, (*_, by_0008, by_0016) in enumerate(FIGURES, start=2):
        assert old[row] == (pytest.approx(by_0008) if by_0008 is not None else None), row
        assert new[row] == (pytest.approx(by_0016) if by_0016 is not None else None), row


def test_observations_of_the_sample_are_unchanged(sample_db: Path) -> None:
    """Every figure the sample loads has the value 0008's formula gave it."""
    with duckdb.connect(str(sample_db), read_only=True) as con:
        query = _observations_query("0008_corrections.sql")
        differ = con.execute(
            f"select count(*) from (({query}) except all (select * from metric_observations))"
        ).fetchone()
        total = con.execute("select count(*) from metric_observations").fetchone()
    assert differ == (0,) and total is not None and total[0] > 400
