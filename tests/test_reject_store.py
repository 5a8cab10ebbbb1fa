"""Rejected metric rows are stored with each reason once (``metric_reject_reasons``) and
each row pointing at its reason, its cells kept one column each (``metric_reject_rows``);
``metric_rejects`` reads them back as before: file, row, reason, the row as read (JSON).

A file repeating a key with other figures rejects every row of the key with one reason
naming all of them: stored once, not once per row. Each file is loaded through ``parplan
ingest`` whole and in slices of two rows (the path a large file takes), and a warehouse
holding rejects from before 0028 keeps them as they read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import MIGRATIONS, migrate

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
CONFLICT = "conflicting values for the same agency, indicator and period (rows 2, 5, 7)"
BLANK = "agency is blank"
# (a row with no agency under a named one is read as that agency in a CSV, as a merged cell
# exported: ``metrics.filled_down``; the rows rejected for a reason of their own here are
# negative figures)
NEGATIVE = "negative value"


def _record(agency: str | None, period: str, value: str) -> str:
    """The row as the agency wrote it, as metric_rejects shows it (written by hand: the
    file's five columns, no counts, no unit)."""
    return json.dumps(
        {
            "province": "Long An",
            "agency": agency,
            "indicator": "sipas",
            "period": period,
            "numerator": None,
            "denominator": None,
            "value": value,
            "unit": None,
        },
        ensure_ascii=False,
    )


ROWS = [
    HEAD,
    ["Long An", "Sở Y tế", "sipas", "2019", "80"],  # row 2: its key again at rows 5 and 7
    ["Long An", "Sở Nội vụ", "sipas", "2020", "-80"],  # row 3: negative
    ["Long An", "Sở Tư pháp", "sipas", "2019", "81"],
    ["Long An", "Sở Y tế", "sipas", "2019", "55"],  # row 5: another value for row 2's key
    ["Long An", "Sở Nội vụ", "sipas", "2021", "-70"],  # row 6: negative
    ["Long An", "Sở Y tế", "sipas", "2019", "80"],  # row 7: row 2's key and value
    ["Long An", "Sở Tư pháp", "sipas", "2020", "90"],
]
REJECTS = [
    (2, CONFLICT, _record("Sở Y tế", "2019", "80")),
    (3, NEGATIVE, _record("Sở Nội vụ", "2020", "-80")),
    (5, CONFLICT, _record("Sở Y tế", "2019", "55")),
    (6, NEGATIVE, _record("Sở Nội vụ", "2021", "-70")),
    (7, CONFLICT, _record("Sở Y tế", "2019", "80")),
]


@pytest.mark.parametrize("slices", [None, "2"], ids=["whole", "slices of 2 rows"])
def test_rejects_read_back_as_written_and_each_reason_is_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, slices: str | None
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao_cao.csv").write_bytes(csv_bytes(ROWS))
    db = tmp_path / "w.duckdb"
    if slices is not None:
        monkeypatch.setenv("PARPLAN_BATCH_ROWS", slices)
        monkeypatch.setenv("PARPLAN_BATCH_FROM_MB", "0")
    assert main(["ingest", "--db", str(db), str(inbox)]) == 3
    assert "2 rows loaded, 5 rows rejected (see metric_rejects)" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).fetchall()
        reasons = con.execute("select reason from metric_reject_reasons order by 1").fetchall()
    assert got == REJECTS
    assert len(reasons) == 2  # each reason once, whatever the path


def _conflict(rows: str) -> str:
    return f"conflicting values for the same agency, indicator and period (rows {rows})"


# two conflicting keys, one of them with a row rejected for a reason of its own (which
# the other rows' reason still names), an identical copy (dropped, noted), a negative figure
MIXED = [
    HEAD,
    ["Long An", "Sở Y tế", "sipas", "2019", "80"],  # row 2: key A
    ["Long An", "Sở Tư pháp", "sipas", "2019", "81"],  # row 3: loads
    ["Long An", "Sở Y tế", "sipas", "2019", "-5"],  # row 4: key A, negative
    ["Long An", "Sở Tư pháp", "sipas", "2019", "81"],  # row 5: a copy of row 3
    ["Long An", "Sở Y tế", "sipas", "2019", "80"],  # row 6: key A
    ["Long An", "Sở Tư pháp", "sipas", "2020", "90"],  # row 7: key B
    ["Long An", "Sở Tư pháp", "sipas", "2020", "91"],  # row 8: key B, another value
    ["Long An", "Sở Nội vụ", "sipas", "2021", "-70"],  # row 9: negative, no key repeated
    ["Long An", "Sở Y tế", "sipas", "2020", "77"],  # row 10: loads
    ["Long An", "Sở Tư pháp", "sipas", "2020", "92"],  # row 11: key B, a third value
]
MIXED_REJECTS = [
    (2, _conflict("2, 4, 6"), _record("Sở Y tế", "2019", "80")),
    (4, "negative value", _record("Sở Y tế", "2019", "-5")),
    (6, _conflict("2, 4, 6"), _record("Sở Y tế", "2019", "80")),
    (7, _conflict("7, 8, 11"), _record("Sở Tư pháp", "2020", "90")),
    (8, _conflict("7, 8, 11"), _record("Sở Tư pháp", "2020", "91")),
    (9, NEGATIVE, _record("Sở Nội vụ", "2021", "-70")),
    (11, _conflict("7, 8, 11"), _record("Sở Tư pháp", "2020", "92")),
]


@pytest.mark.parametrize("slices", [None, "1", "2", "4"])
def test_a_repeated_keys_reason_lists_all_its_rows_whatever_the_slices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, slices: str | None
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao_cao.csv").write_bytes(csv_bytes(MIXED))
    db = tmp_path / "w.duckdb"
    if slices is not None:
        monkeypatch.setenv("PARPLAN_BATCH_ROWS", slices)
        monkeypatch.setenv("PARPLAN_BATCH_FROM_MB", "0")
    assert main(["ingest", "--db", str(db), str(inbox)]) == 3
    assert "2 rows loaded, 7 rows rejected (see metric_rejects)" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).fetchall()
    assert got == MIXED_REJECTS


# rejects as a warehouse before 0028 stored them: a row as read in today's shape, one
# in another shape (any JSON), one without it; two rows with one reason
OLD = [
    ("a" * 64, 4, "agency is blank", _record(None, "2020", "80")),
    ("a" * 64, 9, "period '2023-13': no month 13", '{"Cơ quan": "Sở Y tế", "Kỳ": "2023-13"}'),
    ("b" * 64, 2, "agency is blank", None),
    ("a" * 64, 7, "agency is blank", _record(None, "2022", "\"75\"\n")),
]


def test_rejects_stored_before_0028_read_back_as_they_were(tmp_path: Path) -> None:
    earlier = tmp_path / "migrations"
    earlier.mkdir()
    for path in MIGRATIONS.glob("*.sql"):
        if int(path.name[:4]) < 28:
            shutil.copy(path, earlier / path.name)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        migrate(con, earlier)
        con.executemany("insert into metric_rejects values (?, ?, ?, ?)", OLD)
        assert "0028_reject_reasons" in migrate(con)
        got = con.execute(
            "select source_sha256, source_row, reason, raw_record from metric_rejects"
        ).fetchall()
        stored = con.execute(
            "select source_sha256, reason from metric_reject_reasons order by 1, 2"
        ).fetchall()
    assert sorted(got) == sorted(OLD)
    assert stored == [
        ("a" * 64, "agency is blank"),
        ("a" * 64, "period '2023-13': no month 13"),
        ("b" * 64, "agency is blank"),
    ]


def test_rejects_stored_before_0029_read_back_as_they_were(tmp_path: Path) -> None:
    # 0028's shape: each reason once, its text whole (a repeated key's with its rows)
    earlier = tmp_path / "migrations"
    earlier.mkdir()
    for path in MIGRATIONS.glob("*.sql"):
        if int(path.name[:4]) < 29:
            shutil.copy(path, earlier / path.name)
    sha = "c" * 64
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        migrate(con, earlier)
        con.executemany(
            "insert into metric_reject_reasons values (?, ?, ?)",
            [(sha, 0, CONFLICT), (sha, 1, BLANK)],
        )
        con.executemany(
            "insert into metric_reject_rows (source_sha256, source_row, reason_id, "
            "agency_json, value_json) values (?, ?, ?, ?, ?)",
            [(sha, 2, 0, '"Sở Y tế"', '"80"'), (sha, 3, 1, "null", '"80"')],
        )
        assert "0029_reject_key_rows" in migrate(con)
        got = con.execute(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).fetchall()
    assert got == [
        (2, CONFLICT, '{"agency": "Sở Y tế", "value": "80"}'),
        (3, BLANK, '{"agency": null, "value": "80"}'),
    ]


@pytest.mark.parametrize(
    ("rows", "rejects", "loaded"),
    [(ROWS, REJECTS, 2), (MIXED, MIXED_REJECTS, 2)],
    ids=["one conflicting key", "two conflicting keys, a copy"],
)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_file_judged_whole_writes_its_rejects_in_slices(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    rows: list[list[str]],
    rejects: list[tuple[int, str, str]],
    loaded: int,
    size: int,
) -> None:
    # a small file takes the whole-file path (PARPLAN_BATCH_FROM_MB unset), yet its rejects
    # are built and handed to the writer a slice of at most PARPLAN_BATCH_ROWS rows at a
    # time, never all at once, and read back as the one-piece answer above
    import warehouse.metric_load as metric_load
    from warehouse.metric_rejects import RejectWriter

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("the file was loaded in slices")

    monkeypatch.setattr(metric_load, "load_batches", refuse)
    handed: list[int] = []
    write = RejectWriter.write

    def counted(self: RejectWriter, frame: Any) -> int:
        handed.append(frame.height)
        return write(self, frame)

    monkeypatch.setattr(RejectWriter, "write", counted)
    monkeypatch.setenv("PARPLAN_BATCH_ROWS", str(size))
    monkeypatch.delenv("PARPLAN_BATCH_FROM_MB", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao_cao.csv").write_bytes(csv_bytes(rows))
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--db", str(db), str(inbox)]) == 3
    out = capsys.readouterr().out
    assert f"{loaded} rows loaded, {len(rejects)} rows rejected (see metric_rejects)" in out
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).fetchall()
    assert got == rejects
    assert sum(handed) == len(rejects)
    assert max(handed) <= size, handed


@pytest.mark.parametrize(
    ("rows", "rejects", "own", "repeating"),
    [(ROWS, REJECTS, 2, 3), (MIXED, MIXED_REJECTS, 2, 7)],
    ids=["one conflicting key", "two conflicting keys, a copy"],
)
def test_a_file_judged_whole_holds_no_reason_nor_judged_row_per_repeating_row(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    rejects: list[tuple[int, str, str]],
    own: int,
    repeating: int,
) -> None:
    # until its rejects are written, a file judged whole holds for each row repeating a key
    # numbers only (its index, its key's first row, whether the key conflicts), no reason
    # worded per row (a file can repeat millions of keys); and the judged rows only of those
    # failing for a reason of their own (``own``: the negative figures) - a row failing for
    # its key alone is rejected with its cells as read
    import warehouse.metric_load as metric_load

    held: list[Any] = []
    write_failing = metric_load.write_failing

    def seen(writer: Any, failing: Any) -> int:
        held.append(failing)
        return write_failing(writer, failing)

    monkeypatch.setattr(metric_load, "write_failing", seen)
    monkeypatch.setenv("PARPLAN_BATCH_ROWS", "2")
    monkeypatch.delenv("PARPLAN_BATCH_FROM_MB", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao_cao.csv").write_bytes(csv_bytes(rows))
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--db", str(db), str(inbox)]) == 3
    (failing,) = held
    assert failing.repeats.height == repeating
    assert [t for t in failing.repeats.dtypes if t == pl.String] == []
    assert failing.rows.height == own
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).fetchall()
    assert got == rejects
