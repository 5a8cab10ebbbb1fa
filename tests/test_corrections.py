"""A later report of the same province x agency x indicator x period replaces the figures
of an earlier one; the earlier figures stay as history (``superseded_by``) and leave the
marts. Real files, real DuckDB, through the command line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Giá trị"]
ORIGINAL = [  # an agency's 2022 report
    ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "", "", "48"],
    ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2022", "48", "100", ""],
    ["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2022", "30", "50", ""],
]
CORRECTED = [  # the same report re-sent with the count and one pair of counts corrected
    ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2022", "", "", "45"],
    ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2022", "45", "100", ""],
    ["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2022", "30", "50", ""],
]
OTHER_YEAR = [  # another period of the same agency: superseded by nothing
    ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2021", "", "", "50"],
]


def write(path: Path, rows: list[list[str]], mtime: int | None = None) -> Path:
    path.write_bytes(csv_bytes([HEADER, *rows]))
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def current(db: Path) -> list[tuple[object, ...]]:
    """The figures the models count (stg_observations), labelled."""
    wh = Warehouse.at(db, REFERENCE)
    with wh.analyst() as con:
        return con.execute("""select agency_code, indicator_code, year, numerator,
            denominator, reported_value from stg_observations order by all""").fetchall()


NEW_2022 = [
    ("so_noi_vu", "dossier_online_share", 2022, 45.0, 100.0, None),
    ("so_noi_vu", "public_unit_count", 2022, None, None, 45.0),
    ("so_tu_phap", "dossier_online_share", 2022, 30.0, 50.0, None),
]


def test_a_corrected_resend_replaces_the_figures_and_keeps_the_old_as_history(
    tmp_path: Path,
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    first = write(tmp_path / "bao_cao_2022.csv", ORIGINAL + OTHER_YEAR)
    assert main(["ingest", "--db", str(db), str(SEED), str(first)]) == 0
    second = write(tmp_path / "bao_cao_2022_sua.csv", CORRECTED)
    assert main(["ingest", "--db", str(db), "--build", str(second)]) == 0
    assert current(db) == [
        *NEW_2022[:1],
        ("so_noi_vu", "public_unit_count", 2021, None, None, 50.0),
        *NEW_2022[1:],
    ]
    wh = Warehouse.at(db, REFERENCE)
    with wh.analyst() as con:
        year = con.execute("""select agency_code, indicator_code, numerator, denominator,
            value from int_agency_year where year = 2022 order by all""").fetchall()
        assert year == [
            ("so_noi_vu", "dossier_online_share", 45.0, 100.0, 45.0),
            ("so_noi_vu", "public_unit_count", None, None, 45.0),
            ("so_tu_phap", "dossier_online_share", 30.0, 50.0, 60.0),
        ]
        (old,), (new,) = con.execute(
            "select sha256 from file_manifest where original_path like '%.csv' "
            "order by original_path"
        ).fetchall()
        history = con.execute("""select source_sha256, year, value, superseded_by
            from metric_observations order by all""").fetchall()
        assert sorted(history, key=repr) == sorted(
            [  # (file, year, value, superseded_by): the shares are 48/100 and 30/50
                (old, 2021, 50.0, None),
                (old, 2022, 48.0, new),  # the count
                (old, 2022, 48.0, new),  # the share
                (old, 2022, 60.0, new),  # re-sent unchanged: the new file's figure counts
                (new, 2022, 45.0, None),
                (new, 2022, 45.0, None),
                (new, 2022, 60.0, None),
            ],
            key=repr,
        )
        manifest = dict(
            (sha, (supersedes, by))
            for sha, supersedes, by in con.execute(
                "select sha256, supersedes, superseded_by from file_manifest "
                "where original_path like '%.csv'"
            ).fetchall()
        )
    assert manifest == {old: ([], [new]), new: ([old], [])}


def test_in_a_backfill_the_later_file_wins_by_modification_time_not_name(
    tmp_path: Path,
) -> None:
    """Both files in one batch: the corrected one was written later, though its name sorts
    first."""
    folder = tmp_path / "archive"
    folder.mkdir()
    write(folder / "b_original.csv", ORIGINAL, mtime=1_650_000_000)
    write(folder / "a_corrected.csv", CORRECTED, mtime=1_660_000_000)
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), "--build", str(folder)]) == 0
    assert current(db) == NEW_2022


# (how the files state their version: a column's name, or None for a title row; the
#  original's version as written and read, the correction's; the batches in order, each a
#  list of files; the correction's name sorts first, the original was modified last)
VERSIONED = [
    # a version column, sent in order
    ("Phiên bản", ("1", 1), ("2", 2), [["original"], ["corrected"]]),
    # the old report re-sent late: the higher version still wins
    ("Phiên bản", ("1", 1), ("2", 2), [["corrected"], ["original"]]),
    # v10 beats v9, though "9" sorts after "10" as text and v9 arrived last
    ("Lần gửi", ("Lần 9", 9), ("Lần 10", 10), [["corrected"], ["original"]]),
    # one batch: v9 was written after v10 (modification time would make it win)
    ("version", ("9", 9), ("10", 10), [["corrected", "original"]]),
    # the title says "(bản sửa đổi lần 2)"; the original states no version and arrives last
    (None, ("", None), ("(bản sửa đổi lần 2)", 2), [["corrected"], ["original"]]),
    # the title says "(LẦN 2)" alone, as agencies mark a re-send; the original arrives last
    # (it replaced the re-send: tester reports17 m01)
    (None, ("", None), ("(LẦN 2)", 2), [["corrected"], ["original"]]),
    # "- Lần thứ 3" closing the title line
    (None, ("", None), ("- Lần thứ 3", 3), [["corrected"], ["original"]]),
]
Stated = tuple[str, int | None]


@pytest.mark.parametrize(("column", "old", "new", "batches"), VERSIONED)
def test_a_stated_version_orders_submissions_before_arrival(
    tmp_path: Path, column: str | None, old: Stated, new: Stated, batches: list[list[str]]
) -> None:
    """A file that numbers its versions is ordered by that number, whatever arrived last
    and whatever its name."""

    def rows(version: str, figures: list[list[str]]) -> list[list[str]]:
        if column is None:  # a title row above the header
            return [[f"BÁO CÁO SỐ LIỆU CCHC NĂM 2022 {version}".strip()], HEADER, *figures]
        return [[*HEADER, column], *([*r, version] for r in figures)]

    files = {  # name, rows, modification time
        "original": ("b_bao_cao.csv", rows(old[0], ORIGINAL), 1_660_000_000),
        "corrected": ("a_bao_cao.csv", rows(new[0], CORRECTED), 1_650_000_000),
    }
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    for n, batch in enumerate(batches):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for which in batch:
            name, content, mtime = files[which]
            (folder / name).write_bytes(csv_bytes(content))
            os.utime(folder / name, (mtime, mtime))
        assert main(["ingest", "--db", str(db), str(folder)]) == 0
    assert main(["build", "--db", str(db)]) == 0
    assert current(db) == NEW_2022
    wh = Warehouse.at(db, REFERENCE)
    with wh.analyst() as con:
        versions = con.execute(
            "select regexp_extract(original_path, '[^/]+$'), version from file_manifest "
            "where original_path like '%.csv' order by 1"
        ).fetchall()
    assert versions == [("a_bao_cao.csv", new[1]), ("b_bao_cao.csv", old[1])]


def test_migration_0008_decides_for_figures_stored_before_it(tmp_path: Path) -> None:
    """A warehouse holding two submissions of one figure before the migration: afterwards
    the later one counts and the manifest says who replaced whom."""
    import duckdb

    from warehouse.database import MIGRATIONS, migrate, now

    old, new = "a" * 64, "b" * 64
    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:
        con.execute(
            "create table schema_migrations (version integer primary key, "
            "name varchar not null, applied_at timestamp not null)"
        )
        for path in sorted(MIGRATIONS.glob("*.sql")):
            if int(path.name[:4]) < 8:
                con.execute(path.read_text(encoding="utf-8"))
                con.execute(
                    "insert into schema_migrations values (?, ?, ?)",
                    [int(path.name[:4]), path.stem, now()],
                )
        for n, (sha, day, value) in enumerate([(old, 1, 48.0), (new, 2, 45.0)]):
            con.execute(
                "insert into file_manifest (sha256, original_path, kind, size_bytes, status, "
                "first_seen_at, updated_at) values (?, ?, 'metrics', 1, 'loaded', ?, ?)",
                [sha, f"{sha[0]}.csv", f"2023-01-0{day}", f"2023-01-0{day}"],
            )
            con.execute(
                "insert into metric_agency_keys values (?, ?, 'Long An', 'Sở Nội vụ', 'so_noi_vu')",
                [n, sha],
            )
            con.execute(
                "insert into metric_indicator_keys values (?, ?, 'x', null, 'public_unit_count')",
                [n, sha],
            )
            con.execute(
                "insert into metric_period_keys values "
                "(?, ?, 'Năm 2022', 'year', '2022-01-01', '2022-12-31', 2022)",
                [n, sha],
            )
            con.execute(
                "insert into metric_facts values (?, ?, ?, 2, null, null, ?)", [n, n, n, value]
            )
        assert "0008_corrections" in migrate(con)
        assert con.execute(
            "select value, superseded_by from metric_observations order by value"
        ).fetchall() == [(45.0, None), (48.0, new)]
        assert con.execute(
            "select sha256, supersedes, superseded_by from file_manifest order by 1"
        ).fetchall() == [(old, [], [new]), (new, [old], [])]


def test_an_older_version_sent_late_is_loaded_as_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """v9 of a report arriving after v10 is loaded: the manifest says it arrived superseded
    (by v10), and the marts keep v10's figures."""
    header = [*HEADER, "Phiên bản"]
    v10, v9 = tmp_path / "a_v10.csv", tmp_path / "b_v9.csv"
    v10.write_bytes(csv_bytes([header, *([*r, "10"] for r in CORRECTED)]))
    v9.write_bytes(csv_bytes([header, *([*r, "9"] for r in ORIGINAL)]))
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir(exist_ok=True)  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), "--build", str(v10)]) == 0
    capsys.readouterr()
    assert main(["ingest", "--db", str(db), "--build", str(v9)]) == 0
    assert "1 file loaded as history" in capsys.readouterr().out
    assert current(db) == NEW_2022
    with Warehouse.at(db, REFERENCE).analyst() as con:
        rows = con.execute("""select regexp_extract(original_path, '[^/]+$'), status, version,
            supersedes, superseded_by, sha256 from file_manifest order by 1""").fetchall()
    names = {sha: name for name, *_, sha in rows}
    assert [
        (n, s, v, [names[x] for x in sup], [names[x] for x in by]) for n, s, v, sup, by, _ in rows
    ] == [
        ("a_v10.csv", "loaded", 10, ["b_v9.csv"], []),
        ("b_v9.csv", "superseded", 9, [], ["a_v10.csv"]),
    ]


# "version desc": how the order of submissions begins (stated version first)
_SUBMISSION_ORDERING = re.compile(r"version \s+ desc", re.VERBOSE | re.IGNORECASE)


def test_which_submission_wins_is_written_once(tmp_path: Path) -> None:
    """The order of submissions (stated version, then arrival, then modification time) is
    one definition, ``submission_order`` (migration 0014): the views that decide which
    figure or task report counts and the models read its ``recency`` (and, since 0019 added
    the stated report dates between the version and arrival, its ``by_version``). 0008
    wrote it before 0014 restated its view, and 0019 restated it again; a migration, once
    applied, is history and stays as it was."""
    root = Path(__file__).resolve().parent.parent
    sources = [
        *root.glob("sql/**/*.sql"),
        *root.glob("warehouse/**/*.sql"),
        *root.glob("warehouse/**/*.py"),
        *root.glob("pipelines/**/*.py"),
    ]
    ordering = sorted(
        p.name for p in sources if _SUBMISSION_ORDERING.search(p.read_text(encoding="utf-8"))
    )
    assert ordering == [
        "0008_corrections.sql",
        "0014_submission_order.sql",
        "0019_stated_submissions.sql",
    ]
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    with wh.writer(publish=False) as con:
        views = con.execute("""select view_name, sql like '%submission_order%'
            from duckdb_views() where view_name in ('metric_figure_versions',
            'progress_task_versions') order by 1""").fetchall()
    assert views == [("metric_figure_versions", True), ("progress_task_versions", True)]


# Two submissions of the same figures that nothing orders: the same stated version (none),
# one batch (one arrival), the same modification time (files unpacked from one archive).
# Which one counts falls to their hashes; the ingest says so and does not exit 0.
TIED = [
    # (what the two files hold, exit code, what the summary says)
    (ORIGINAL, CORRECTED, 3, "2 files ordered against another by their hash alone"),
    (ORIGINAL, OTHER_YEAR, 0, None),  # no figure in common: nothing to order
]


@pytest.mark.parametrize(("first", "second", "code", "said"), TIED)
def test_submissions_nothing_orders_are_reported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    first: list[list[str]],
    second: list[list[str]],
    code: int,
    said: str | None,
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write(folder / "snv_a.csv", first, 1_660_000_000)
    write(folder / "snv_b.csv", second, 1_660_000_000)
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(folder)]) == code
    out = capsys.readouterr().out
    if said is None:
        assert "hash alone" not in out
    else:
        assert said in out.splitlines()[0]
        # the note names the other file and what would decide
        assert re.search(r"note: .*snv_[ab]\.csv: .*snv_[ab]\.csv .*state a version", out)


DROPPED = "had Tử số and Mẫu số, and this file replaces them with a share alone"
# what the summary line says of it: the counts replaced are gone from the province's sums,
# figures kept out of a mart (DESIGN.md: exit 3), not a note alone
DROPPED_SUMMARY = "1 figure's Tử số and Mẫu số replaced by a share alone (see the notes)"


@pytest.mark.parametrize(
    ("resent", "told", "code"),
    [
        # was: the correction's 80 counted alone; Sở Tư pháp dropped out of the province's
        # ratio of sums (48/100 instead of 78/150) with no word; then with a note, exit 0
        (["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2022", "", "", "80"], True, 3),
        # a correction with its counts keeps the agency in the sums: nothing to say
        (["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2022", "40", "50", ""], False, 0),
        (["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2022", "40", "50", "80"], False, 0),
    ],
    ids=["share-alone", "counts", "counts-and-share"],
)
def test_a_correction_that_drops_the_counts_says_so(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    resent: list[str],
    told: bool,
    code: int,
) -> None:
    db = tmp_path / "parplan.duckdb"
    first = write(tmp_path / "bao_cao_2022.csv", ORIGINAL)
    assert main(["ingest", "--db", str(db), str(first)]) == 0
    capsys.readouterr()
    second = write(tmp_path / "bao_cao_2022_sua.csv", [resent])
    assert main(["ingest", "--db", str(db), str(second)]) == code
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if DROPPED in line]
    summary = next(line for line in out.splitlines() if " files: " in line)
    assert ("1 figures of earlier files replaced by corrections") in summary, summary
    if not told:
        assert said == [], out
        assert "Mẫu số" not in summary, summary
        return
    assert DROPPED_SUMMARY in summary, summary
    assert len(said) == 1, out
    assert "1 figure of bao_cao_2022.csv" in said[0], said
    assert said[0].endswith(
        "send the correction with Tử số and Mẫu số: Sở Tư pháp x dossier_online_share x Năm 2022"
    ), said
