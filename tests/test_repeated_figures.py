"""The manifest's refresh after a batch (what each file superseded, what superseded it, which
file arrived superseded) reads the corrections window over the figure identities that
repeat only. Checked against the plain refresh - the window over every figure of the
warehouse - on random warehouses (hypothesis), and shown not to grow with the figures of
files that repeat nothing."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.datasets import AGENCIES, INDICATORS, PROVINCES, long_csv
from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from warehouse.corrections import refresh_manifest
from warehouse.database import Warehouse, migrate, now

# The plain refresh, as the views say it over the whole warehouse (file_supersessions,
# metric_figure_versions, progress_task_versions).
PLAIN_REFRESH = """
update file_manifest m set
    supersedes = coalesce((select list(old_sha256 order by old_sha256) from file_supersessions
        where new_sha256 = m.sha256), []),
    superseded_by = coalesce((select list(new_sha256 order by new_sha256)
        from file_supersessions where old_sha256 = m.sha256), [])
"""
PLAIN_ARRIVED_SUPERSEDED = """
update file_manifest m set status = 'superseded', updated_at = ?
where m.sha256 in (
        select sha from (
            select source_sha256 as sha, is_current from metric_figure_versions
            union all
            select source_sha256, is_current from progress_task_versions
        )
        where sha in (select unnest(?)) group by sha having not bool_or(is_current))
  and m.kind in ('metrics', 'progress') and m.status = 'loaded'
  and not exists (
      select 1 from file_supersessions s join file_manifest n on n.sha256 = s.new_sha256
      where s.old_sha256 = m.sha256 and n.arrived_at >= m.arrived_at)
"""


def plain_refresh(con: duckdb.DuckDBPyConnection, loaded: list[str]) -> None:
    con.execute(PLAIN_REFRESH)
    if loaded:
        con.execute(PLAIN_ARRIVED_SUPERSEDED, [now(), loaded])


@cache
def empty_warehouse() -> duckdb.DuckDBPyConnection:
    """One migrated warehouse in memory for every example (each writes inside a transaction
    it rolls back)."""
    con = duckdb.connect()
    migrate(con)
    return con


# What a key may name: few values, so that keys of different files and of one file often
# name the same; None where the column may be null.
PROVINCE = st.sampled_from([None, "Long An", "Tây Ninh"])
AGENCY = st.tuples(
    st.sampled_from(["Sở Nội vụ", "SNV", "Sở Y tế"]),
    st.sampled_from([None, "so_noi_vu", "so_y_te"]),
)
INDICATOR = st.tuples(
    st.sampled_from(["dossier_online_share", "ty le", "x"]),
    st.sampled_from([None, "dossier_online_share"]),
)
PERIOD = st.sampled_from(
    [  # (raw, kind, start): a parsed period or one that did not parse
        ("Năm 2022", "year", "2022-01-01"),
        ("2022", "year", "2022-01-01"),
        ("Quý 1/2023", "quarter", "2023-01-01"),
        ("Q1 2023", "quarter", "2023-01-01"),
        ("kỳ lạ", None, None),
        ("khác", None, None),
    ]
)
FILE = st.fixed_dictionaries(
    {
        "agencies": st.lists(st.tuples(PROVINCE, AGENCY), min_size=1, max_size=3, unique=True),
        "indicators": st.lists(INDICATOR, min_size=1, max_size=2, unique=True),
        "periods": st.lists(PERIOD, min_size=1, max_size=3, unique=True),
        "version": st.sampled_from([None, 1, 2]),
        "arrived": st.integers(0, 2),  # days after the first arrival: files may arrive together
        "modified": st.integers(0, 2),
        "figures": st.sets(
            st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 2)), max_size=8
        ),
        "loaded": st.booleans(),  # of the batch being refreshed
    }
)


def fill(con: duckdb.DuckDBPyConnection, files: list[dict[str, object]]) -> list[str]:
    """Write the files' manifest rows, keys and facts (a figure set each); the batch's
    hashes."""
    start = datetime(2024, 1, 1)
    ids = itertools.count()
    batch = []
    for n, f in enumerate(files):
        sha = f"{n:064x}"
        con.execute(
            """insert into file_manifest by name select ? as sha256, ? as original_path,
               'metrics' as kind, 1 as size_bytes, 'loaded' as status, ? as first_seen_at,
               ? as updated_at, ? as arrived_at, ? as modified_at, ? as version,
               [] as supersedes, [] as superseded_by""",
            [
                sha,
                f"f{n}.csv",
                start,
                start,
                start + timedelta(days=f["arrived"]),
                start + timedelta(days=f["modified"]),
                f["version"],
            ],
        )
        agency_ids = []
        for province, (raw, code) in f["agencies"]:
            agency_ids.append(next(ids))
            con.execute(
                "insert into metric_agency_keys by name select ? as id, ? as "
                "source_sha256, ? as province, ? as agency_raw, ? as agency_code",
                [agency_ids[-1], sha, province, raw, code],
            )
        indicator_ids = []
        for raw, code in f["indicators"]:
            indicator_ids.append(next(ids))
            con.execute(
                "insert into metric_indicator_keys by name select ? as id, ? as "
                "source_sha256, ? as indicator_raw, ? as indicator_code",
                [indicator_ids[-1], sha, raw, code],
            )
        period_ids = []
        for raw, kind, begins in f["periods"]:
            period_ids.append(next(ids))
            con.execute(
                "insert into metric_period_keys by name select ? as id, ? as "
                "source_sha256, ? as period_raw, ? as period_kind, "
                "?::date as period_start, ?::date + 30 as period_end",
                [period_ids[-1], sha, raw, kind, begins, begins],
            )
        figures = {
            (
                agency_ids[a % len(agency_ids)],
                indicator_ids[i % len(indicator_ids)],
                period_ids[p % len(period_ids)],
            )
            for a, i, p in f["figures"]
        }
        for row, (a, i, p) in enumerate(sorted(figures), start=2):
            con.execute(
                "insert into metric_facts values (?, ?, ?, ?, null, null, 1.0)", [a, i, p, row]
            )
        if f["loaded"]:
            batch.append(sha)
    return batch


def manifest_after(files: list[dict[str, object]], refresh) -> list[tuple[object, ...]]:
    con = empty_warehouse()
    con.execute("begin")
    try:
        refresh(con, fill(con, files))
        return con.execute("""select sha256, supersedes, superseded_by, status
                              from file_manifest order by sha256""").fetchall()
    finally:
        con.execute("rollback")


@given(files=st.lists(FILE, min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_the_refresh_says_what_the_window_over_every_figure_says(files) -> None:
    assert manifest_after(files, refresh_manifest) == manifest_after(files, plain_refresh)


# (what the files hold, as the random test's files; what the refreshed manifest says:
#  (supersedes, superseded_by, status) per file)
ONE = {
    "agencies": [("Long An", ("Sở Nội vụ", "so_noi_vu"))],
    "indicators": [("x", "x")],
    "periods": [("Năm 2022", "year", "2022-01-01")],
    "version": None,
    "modified": 0,
    "figures": {(0, 0, 0)},
    "loaded": True,
}
CASES = [
    # a report re-sent a day later: the second replaces the first, which stays loaded
    (
        [ONE | {"arrived": 0, "loaded": False}, ONE | {"arrived": 1}],
        [([], ["1".zfill(64)], "loaded"), (["0".zfill(64)], [], "loaded")],
    ),
    # the old version sent late (v1 after v2): loaded as history
    (
        [ONE | {"arrived": 0, "version": 2, "loaded": False}, ONE | {"arrived": 1, "version": 1}],
        [(["1".zfill(64)], [], "loaded"), ([], ["0".zfill(64)], "superseded")],
    ),
    # the same agency under its code in one file, as written in the other: one figure
    (
        [
            ONE | {"arrived": 0, "loaded": False},
            ONE | {"arrived": 1, "agencies": [("Long An", ("SNV", "so_noi_vu"))]},
        ],
        [([], ["1".zfill(64)], "loaded"), (["0".zfill(64)], [], "loaded")],
    ),
    # another province: nothing repeats
    (
        [
            ONE | {"arrived": 0, "loaded": False},
            ONE | {"arrived": 1, "agencies": [("Tây Ninh", ("Sở Nội vụ", "so_noi_vu"))]},
        ],
        [([], [], "loaded"), ([], [], "loaded")],
    ),
    # one file holding a figure twice (its agency written two ways): it replaces itself
    (
        [
            ONE
            | {
                "arrived": 0,
                "agencies": [
                    ("Long An", ("Sở Nội vụ", "so_noi_vu")),
                    ("Long An", ("SNV", "so_noi_vu")),
                ],
                "figures": {(0, 0, 0), (1, 0, 0)},
            }
        ],
        [(["0".zfill(64)], ["0".zfill(64)], "loaded")],
    ),
]


@pytest.mark.parametrize(("files", "manifest"), CASES)
def test_the_cases_by_hand(files, manifest) -> None:
    assert [row[1:] for row in manifest_after(files, refresh_manifest)] == manifest


def test_the_refresh_does_not_grow_with_figures_no_other_file_holds(tmp_path: Path) -> None:
    """A file of 326,400 figures (the benchmark's long CSV, every figure its own) through
    `parplan ingest`; the next refresh within a memory the window over every figure
    exceeds (it spills nothing: no temporary files)."""
    rows = len(PROVINCES) * len(AGENCIES) * len(INDICATORS) * 24
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(long_csv(tmp_path / "long.csv", rows))]) == 0
    with duckdb.connect(str(Warehouse.at(db, REFERENCE).work)) as con:
        ((sha,),) = con.execute("select sha256 from file_manifest").fetchall()
        con.execute("set threads = 1")
        con.execute("set memory_limit = '48MB'")
        con.execute("set max_temp_directory_size = '0KB'")
        con.execute("begin")
        refresh_manifest(con, [sha])
        assert con.execute(
            "select supersedes, superseded_by, status from file_manifest"
        ).fetchall() == [([], [], "loaded")]
        con.execute("rollback")
