"""The share formula is defined once, in the database (migration 0011): the models and
analysts call ``share_percent``; a zero or missing denominator gives no share."""

from __future__ import annotations

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
