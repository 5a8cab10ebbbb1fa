"""A large metric file is judged and written in batches of rows (``PARPLAN_BATCH_ROWS``,
from ``PARPLAN_BATCH_FROM_MB`` of file size): what it leaves in the warehouse and what
``parplan ingest`` says must be what the whole-file path leaves and says. Each case is
loaded twice through ``parplan ingest``, whole and in batches of a few rows, and the two
warehouses compared table by table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.reference import BUNDLED
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Giá trị"]


def _rows(n: int, start: int = 2019) -> list[list[str]]:
    """``n`` clean rows, each its own key (agency x year)."""
    return [
        ["Long An", agency, "sipas", str(start + i // 2), str(80 + i % 7)]
        for i, agency in ((i, ("Sở Y tế", "Sở Tư pháp")[i % 2]) for i in range(n))
    ]


CASES = [
    # a clean file: every row its own key
    ("clean.csv", [HEAD, *_rows(9)]),
    # the same key with another value, rows 2 and 9 (batches apart): both rejected
    ("conflict.csv", [HEAD, *_rows(7), ["Long An", "Sở Y tế", "sipas", "2019", "55"]]),
    # an identical repeat of row 2 in a later batch, and of row 3 twice: kept once, noted
    (
        "copies.csv",
        [
            HEAD,
            *_rows(6),
            _rows(1)[0],
            _rows(2)[1],
            ["Long An", "Sở Tư pháp", "sipas", "2019", "81"],
        ],
    ),
    # a reject in every batch (blank agency, bad period, negative value, not a number)
    (
        "rejects.csv",
        [
            HEAD,
            ["Long An", "", "sipas", "2020", "80"],
            *_rows(2),
            ["Long An", "Sở Y tế", "sipas", "2023-13", "80"],
            *_rows(2, 2030),
            ["Long An", "Sở Tư pháp", "sipas", "2040", "-5"],
            *_rows(2, 2050),
            ["Long An", "Sở Tư pháp", "sipas", "2060", "abc"],
        ],
    ),
    # the column's convention is proved only in the last batch (1.234,5: Vietnamese), and
    # an English count with a thousands comma in another batch is rejected as ambiguous
    (
        "convention.csv",
        [
            COUNTS,
            ["Long An", "Sở Y tế", "sipas", "2020", "1.234", "2.000", "61,7"],
            *[["Long An", "Sở Y tế", "sipas", str(2021 + i), "10", "20", "50"] for i in range(5)],
            ["Long An", "Sở Tư pháp", "sipas", "2020", "1.234,5", "2.469", "50"],
        ],
    ),
    # a bad row last: the batch that holds it is the last one
    ("last_bad.csv", [HEAD, *_rows(8), ["Long An", "Sở Y tế", "", "2019", "80"]]),
    # many conflicting and identical repeats, across every batch (the note names ten)
    (
        "many.csv",
        [HEAD, *_rows(8), *_rows(8), *[[*r[:4], "99"] for r in _rows(4)], *_rows(8)[4:]],
    ),
    # one key written four times in three batches, twice with row 2's figures: every copy
    # rejected, its reason listing rows 2, 9, 10, 11 in number order (not as text)
    (
        "conflict_list.csv",
        [
            HEAD,
            *_rows(7),
            ["Long An", "Sở Y tế", "sipas", "2019", "55"],
            _rows(1)[0],
            ["Long An", "Sở Y tế", "sipas", "2019", "56"],
        ],
    ),
    # figures told apart column by column, nulls alike: a key written as counts and as a
    # value of the same share (rows 2, 9), a key whose denominators alone differ (rows 3,
    # 10): conflicting; a value-only row written twice (rows 4, 11): kept once, noted
    (
        "figures.csv",
        [
            COUNTS,
            ["Long An", "Sở Y tế", "sipas", "2019", "4", "5", ""],
            ["Long An", "Sở Tư pháp", "sipas", "2019", "1", "2", ""],
            ["Long An", "Sở Y tế", "sipas", "2020", "", "", "70"],
            *[["Long An", "Sở Tư pháp", "sipas", str(2020 + i), "", "", "71"] for i in range(4)],
            ["Long An", "Sở Y tế", "sipas", "2019", "", "", "80"],
            ["Long An", "Sở Tư pháp", "sipas", "2019", "1", "4", ""],
            ["Long An", "Sở Y tế", "sipas", "2020", "", "", "70"],
        ],
    ),
    # names resolving apart and together, an unknown agency (review queue), no province
    (
        "names.csv",
        [
            HEAD[1:],
            ["Sở Y tế", "sipas", "2020", "80"],
            ["SYT", "sipas", "2020", "80"],
            ["Phòng Không Có", "sipas", "2020", "70"],
            ["Sở Tư pháp", "sipas", "2021", "75"],
            ["Phòng Không Có", "sipas", "2021", "71"],
        ],
    ),
    # shares written as fractions of 1 (a decision on the whole column): the same answer
    (
        "fractions.csv",
        [HEAD, *[["Long An", "Sở Y tế", "sipas", str(2019 + i), f"0,{40 + i}"] for i in range(7)]],
    ),
]


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table a metric load writes, each as sorted rows (ids included)."""
    queries = {
        "facts": "select * from metric_facts",
        "agencies": "select * exclude (source_sha256) from metric_agency_keys",
        "indicators": "select * exclude (source_sha256) from metric_indicator_keys",
        "periods": "select * exclude (source_sha256) from metric_period_keys",
        "rejects": "select source_row, reason, raw_record from metric_rejects",
        "issues": "select severity, code, message from extraction_issues",
        "queue": "select kind, raw, province, occurrences, status from review_queue",
        "observations": "select * exclude (source_sha256) from metric_observations",
    }
    with Warehouse.at(db, BUNDLED).analyst() as con:
        return {
            name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries.items()
        }


def _ingest(
    inbox: Path, db: Path, batch: str | None, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str]:
    with monkeypatch.context() as m:
        if batch is not None:
            m.setenv("PARPLAN_BATCH_ROWS", batch)
            m.setenv("PARPLAN_BATCH_FROM_MB", "0")
        code = main(["ingest", "--db", str(db), str(inbox)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("name", "rows"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("batch", ["1", "3"])
def test_batches_leave_what_the_whole_file_leaves(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    name: str,
    rows: list[list[str]],
    batch: str,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(csv_bytes(rows))
    (tmp_path / "whole").mkdir()
    (tmp_path / "batched").mkdir()
    whole = _ingest(inbox, tmp_path / "whole" / "w.duckdb", None, monkeypatch, capsys)
    batched = _ingest(inbox, tmp_path / "batched" / "w.duckdb", batch, monkeypatch, capsys)
    assert batched == whole
    want = _tables(tmp_path / "whole" / "w.duckdb")
    got = _tables(tmp_path / "batched" / "w.duckdb")
    assert got == want
    assert want["facts"] or want["rejects"]  # the case loads something


def test_batched_path_is_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the batched path really runs for a file above the size: the whole-file judge is
    # never called
    import extractors.metrics.read as read_module

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("the whole-file judge was run")

    monkeypatch.setattr(read_module, "judged_whole", refuse)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "clean.csv").write_bytes(csv_bytes([HEAD, *_rows(9)]))
    monkeypatch.setenv("PARPLAN_BATCH_ROWS", "2")
    monkeypatch.setenv("PARPLAN_BATCH_FROM_MB", "0")
    assert main(["ingest", "--db", str(tmp_path / "w.duckdb"), str(inbox)]) == 0


def test_a_failure_in_a_later_batch_leaves_nothing_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the second slice fails as it is written: the first slice's facts and rejects go
    # with it (one transaction per file), and the file is quarantined, naming the cause
    import warehouse.metric_batches as batches_module

    write = batches_module.write_facts
    calls = []

    def fail_second(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return write(*args)

    monkeypatch.setattr(batches_module, "write_facts", fail_second)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rows = [HEAD, ["Long An", "", "sipas", "2020", "80"], *_rows(9)]
    (inbox / "clean.csv").write_bytes(csv_bytes(rows))
    monkeypatch.setenv("PARPLAN_BATCH_ROWS", "3")
    monkeypatch.setenv("PARPLAN_BATCH_FROM_MB", "0")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--db", str(db), str(inbox)]) != 0
    assert len(calls) == 2
    tables = _tables(db)
    assert (tables["facts"], tables["rejects"]) == ([], [])
    with Warehouse.at(db, BUNDLED).analyst() as con:
        status = con.execute("select status, error from file_manifest").fetchall()
    assert [s for s, _ in status] == ["quarantined"]
    assert "disk full" in status[0][1]


@pytest.mark.parametrize(
    ("name", "rows", "marked", "staged"),
    [
        # every key new in every slice: told by marking the keys, nothing staged
        ("clean.csv", [HEAD, *_rows(9)], None, False),
        # a key of row 2 again in the last slice: staged, the repeats found over the file
        (
            "conflict.csv",
            [HEAD, *_rows(7), ["Long An", "Sở Y tế", "sipas", "2019", "55"]],
            None,
            True,
        ),
        # keys past the widest table of booleans: cannot be marked, so staged
        ("clean.csv", [HEAD, *_rows(9)], 1, True),
    ],
)
def test_only_a_file_whose_keys_may_repeat_is_staged(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    name: str,
    rows: list[list[str]],
    marked: int | None,
    staged: bool,
) -> None:
    import warehouse.metric_batches as batches_module

    calls: list[int] = []
    stage = batches_module.stage_repeats
    monkeypatch.setattr(batches_module, "stage_repeats", lambda *a: (calls.append(1), stage(*a))[1])
    if marked is not None:
        monkeypatch.setattr(batches_module, "MARKED_KEYS", marked)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(csv_bytes(rows))
    (tmp_path / "whole").mkdir()
    (tmp_path / "batched").mkdir()
    whole = _ingest(inbox, tmp_path / "whole" / "w.duckdb", None, monkeypatch, capsys)
    batched = _ingest(inbox, tmp_path / "batched" / "w.duckdb", "2", monkeypatch, capsys)
    assert (bool(calls), batched) == (staged, whole)
    assert _tables(tmp_path / "batched" / "w.duckdb") == _tables(tmp_path / "whole" / "w.duckdb")
