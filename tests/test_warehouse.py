"""The warehouse on a real DuckDB file: idempotent, atomic loads, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from sample_data.metrics import write_samples
from tests.conftest import SEED
from tests.helpers import counts, cp1258, csv_bytes, rewrite_zip, xlsx_bytes, zip_bomb_xlsx
from warehouse.database import Warehouse
from warehouse.files import Limits
from warehouse.ingest import ingest

HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    write_samples(folder)
    shutil.copyfile(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)


def test_ingest_twice_changes_nothing(inbox: Path, wh: Warehouse) -> None:
    first = ingest([inbox], wh)
    assert first.count("new") == 4 and first.count("quarantined") == 0
    with wh.analyst() as con:
        before = counts(con, (*counts.__defaults__[0], "file_manifest"))  # type: ignore[index]
    mtime = wh.published.stat().st_mtime_ns
    second = ingest([inbox], wh)
    assert second.count("unchanged") == 4 and not second.published
    assert wh.published.stat().st_mtime_ns == mtime  # not even republished
    with wh.analyst() as con:
        assert counts(con, (*counts.__defaults__[0], "file_manifest")) == before  # type: ignore[index]


def test_renamed_identical_file_is_unchanged(inbox: Path, wh: Warehouse, tmp_path: Path) -> None:
    ingest([inbox], wh)
    other = tmp_path / "renamed"
    other.mkdir()
    shutil.copyfile(inbox / SEED.name, other / "ke_hoach_moi.txt")
    assert ingest([other], wh).count("unchanged") == 1


def test_every_record_carries_its_source(inbox: Path, wh: Warehouse) -> None:
    ingest([inbox], wh)
    with wh.analyst() as con:
        for table in ("targets", "tasks", "metric_observations", "target_measures"):
            orphans = con.execute(f"""select count(*) from {table} t where not exists (
                select 1 from file_manifest m where m.sha256 = t.source_sha256)""").fetchone()
            assert orphans == (0,), table
        raws = con.execute("select raw_path from file_manifest").fetchall()
    assert all(Path(p).exists() for (p,) in raws)  # content-addressed copies


def test_schema_is_documented(wh: Warehouse) -> None:
    con = wh.connect()
    undocumented = con.execute("""select table_name, column_name from duckdb_columns()
        where schema_name = 'main' and database_name = current_database()
        and (comment is null or comment = '')""").fetchall()
    tables = con.execute("""select table_name from duckdb_tables()
        where schema_name = 'main' and (comment is null or comment = '')""").fetchall()
    con.close()
    assert undocumented == [] and tables == []


def test_new_version_of_a_plan_supersedes_and_keeps_history(wh: Warehouse, tmp_path: Path) -> None:
    v1 = tmp_path / "v1.txt"
    v1.write_bytes(SEED.read_bytes())
    ingest([v1], wh)
    v2 = tmp_path / "v2.txt"
    v2.write_text(
        SEED.read_text(encoding="utf-8").replace("Số: /QĐ-UBND", "Số: 3999/QĐ-UBND", 1),
        encoding="utf-8",
    )
    report = ingest([v2], wh)
    assert report.superseded == 1
    with wh.analyst() as con:
        docs = con.execute(
            "select doc_number, is_current from documents order by loaded_at"
        ).fetchall()
        statuses = sorted(r[0] for r in con.execute("select status from file_manifest").fetchall())
        assert con.execute("select count(distinct source_sha256) from targets").fetchone() == (2,)
    assert docs == [(None, False), ("3999/QĐ-UBND", True)]
    assert statuses == ["loaded", "superseded"]


PLAN_FORMATS = [  # (fixture, the format documents.format records)
    ("longan_2022.pdf", "pdf"),  # a PDF is a plan by its content, whatever bytes follow %PDF
    ("longan_2022.docx", "docx"),
]


@pytest.mark.parametrize(("name", "fmt"), PLAN_FORMATS, ids=[f for _, f in PLAN_FORMATS])
def test_a_pdf_or_docx_plan_loads(wh: Warehouse, tmp_path: Path, name: str, fmt: str) -> None:
    from tests.conftest import FIXTURES

    report = ingest([FIXTURES / "generated" / name], wh)
    assert [(r.status, r.kind) for r in report.results] == [("new", "plan")], report.results
    with wh.analyst() as con:
        assert con.execute("select format, province from documents").fetchall() == [
            (fmt, "Long An")
        ]


GOOD_ROW = ["Sở Nội vụ", "dossier_online_share", "Năm 2022", "40", "100", "40"]
BAD_INPUTS = [  # (case, file name, bytes, table where the reason lands, reason substring)
    ("empty file", "a.csv", b"", "quarantine", "empty file"),
    (
        "wrong extension",
        "a.xlsx",
        csv_bytes([HEADER, GOOD_ROW]),
        "quarantine",
        "named .xlsx but the content is CSV",
    ),
    (
        "pdf name, not a pdf",
        "plan.pdf",
        b"Hello, I am text",
        "quarantine",
        "named .pdf but the content is CSV",
    ),
    ("binary garbage", "a.csv", bytes(range(256)) * 64, "quarantine", "binary data"),
    (  # (a CSV in Windows-1258 loads: test_agency_leftovers)
        "csv in neither UTF-8 nor cp1258 (0x81 is no cp1258 byte)",
        "a.csv",
        cp1258([HEADER, ["Sở Tư pháp", "sipas", "2022", "", "", "80"]]).replace(b"80", b"\x81"),
        "quarantine",
        "not UTF-8",
    ),
    ("header only", "a.csv", csv_bytes([HEADER]), "quarantine", "no data rows"),
    (
        "missing agency column",
        "a.csv",
        csv_bytes([["Chỉ tiêu", "Năm", "Giá trị"], ["x", "2022", "1"]]),
        "quarantine",
        "no header row with an agency column",
    ),
    (
        "no period anywhere",
        "bao_cao.csv",
        csv_bytes([["Cơ quan", "Chỉ tiêu", "Giá trị"], ["Sở Nội vụ", "sipas", "80"]]),
        "quarantine",
        "no period",
    ),
    ("zip bomb disguised as xlsx", "a.xlsx", zip_bomb_xlsx(), "quarantine", "compression bomb"),
    (
        "sheet claiming XFD1048576",
        "a.xlsx",
        rewrite_zip(
            xlsx_bytes([HEADER, GOOD_ROW]),
            "xl/worksheets/sheet1.xml",
            lambda b: b.replace(b'<dimension ref="A1:F2"/>', b'<dimension ref="A1:XFD1048576"/>'),
        ),
        "quarantine",
        "claims 1,048,576 rows",
    ),
    ("truncated xlsx", "a.xlsx", xlsx_bytes([HEADER, GOOD_ROW])[:900], "quarantine", "corrupt ZIP"),
    (
        "legacy xls",
        "a.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "quarantine",
        "legacy binary Excel",
    ),
    (
        "neither plan nor metrics",
        "notes.txt",
        "Biên bản họp tổ dân phố.\n".encode(),
        "quarantine",
        "not a plan",
    ),
    (
        "ragged csv",
        "a.csv",
        csv_bytes([HEADER, [*GOOD_ROW, "1", "2", "3"]]),
        "quarantine",
        "unreadable CSV",
    ),
    (
        "negative values",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2022", "", "", "-5"]]),
        "rejects",
        "negative value",
    ),
    (
        "numerator above denominator",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "dossier_online_share", "2022", "120", "100", ""]]),
        "rejects",
        "numerator 120.0 > denominator 100.0",
    ),
    (
        "share above 100",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2022", "", "", "120,5"]]),
        "rejects",
        "share 120.5% outside 0-100",
    ),
    (
        "not a number",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2022", "", "", "cao"]]),
        "rejects",
        "value 'cao' is not a number",
    ),
    (
        "unknown period",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "kỳ trước", "", "", "5"]]),
        "rejects",
        "period 'kỳ trước': not a period",
    ),
    (
        "blank period",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "", "", "", "5"]]),
        "rejects",
        "period is blank",
    ),
    (
        "blank agency",
        "a.csv",
        csv_bytes([HEADER, ["", "sipas", "2022", "", "", "5"]]),
        "rejects",
        "agency is blank",
    ),
    (
        "zero denominator",
        "a.csv",
        csv_bytes([HEADER, ["Sở Nội vụ", "dossier_online_share", "2022", "0", "0", ""]]),
        "rejects",
        "denominator (Mẫu số) is zero",
    ),
    (
        "conflicting values",
        "a.csv",
        csv_bytes(
            [
                HEADER,
                ["Sở Nội vụ", "sipas", "2022", "", "", "80"],
                ["Sở Nội vụ", "sipas", "2022", "", "", "85"],
            ]
        ),
        "rejects",
        "conflicting values for the same agency, indicator and period (rows 2, 3)",
    ),
    (
        "no value at all",
        "a.csv",
        # (a "-" in every figure cell says "no data": a note, not a reject; test_agency_clear_meaning)
        csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2022", "", "", ""]]),
        "rejects",
        "no value",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "data", "where", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_gets_a_clear_reason_and_changes_nothing_else(
    inbox: Path,
    wh: Warehouse,
    tmp_path: Path,
    case: str,
    name: str,
    data: bytes,
    where: str,
    reason: str,
) -> None:
    ingest([inbox], wh)
    with wh.analyst() as con:
        before = counts(con)
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    bad.write_bytes(data)
    report = ingest([bad], wh)
    with wh.analyst() as con:
        assert counts(con) == before, case  # nothing else in the warehouse changed
        if where == "quarantine":
            (got,) = con.execute("select reason from quarantine").fetchall()
            assert reason in got[0] and str(bad) in got[0], got
            assert report.count("quarantined") == 1
        else:
            got = con.execute("select source_row, reason from metric_rejects").fetchall()
            assert got and all(reason in r for _, r in got), got
            assert all(row >= 2 for row, _ in got)  # file row numbers, header is row 1


def test_duplicated_rows_keep_the_first(wh: Warehouse, tmp_path: Path) -> None:
    f = tmp_path / "dup.csv"
    f.write_bytes(csv_bytes([HEADER, GOOD_ROW, GOOD_ROW, GOOD_ROW]))
    ingest([f], wh)
    with wh.analyst() as con:
        assert con.execute("select source_row from metric_observations").fetchall() == [(2,)]
        # the copies are no rejects: the file carries a note naming them
        assert con.execute("select count(*) from metric_rejects").fetchone() == (0,)
        ((severity, note),) = con.execute(  # (besides the file's rows with no province)
            "select severity, message from extraction_issues where code <> 'no_province'"
        ).fetchall()
        assert (
            severity == "info" and "row 3 (duplicate of row 2), row 4 (duplicate of row 2)" in note
        )


def test_the_batch_goes_on_after_a_bad_file(inbox: Path, wh: Warehouse) -> None:
    (inbox / "broken.csv").write_bytes(b"")
    report = ingest([inbox], wh)
    assert report.count("new") == 4 and report.count("quarantined") == 1


def test_partial_files_wait(inbox: Path, wh: Warehouse) -> None:
    (inbox / "upload.csv.part").write_bytes(csv_bytes([HEADER, GOOD_ROW]))
    (inbox / ".hidden.csv").write_bytes(csv_bytes([HEADER, GOOD_ROW]))
    assert len(ingest([inbox], wh).results) == 4


# --- large CSVs: hashed and parsed from disk, copied to the raw store by a thread ---------


def _observations(wh: Warehouse) -> list[tuple]:
    with wh.analyst() as con:
        return con.execute(
            "select source_sha256, source_row, province, agency_code, indicator_code, "
            "period_kind, year, numerator, denominator, value from metric_observations "
            "order by source_row"
        ).fetchall()


def test_a_large_csv_loads_the_same_from_disk(tmp_path: Path) -> None:
    import hashlib

    rows = [["Sở Nội vụ", "dossier_online_share", f"Quý {q}/2022", "4", "5", ""] for q in (1, 2)]
    data = csv_bytes([HEADER, *rows, ["Sở Tư pháp", "sipas", "2022", "", "", "120"]])
    f = tmp_path / "big.csv"
    f.write_bytes(data)
    in_memory = Warehouse.at(tmp_path / "a" / "parplan.duckdb", REFERENCE)
    ingest([f], in_memory)
    from_disk = Warehouse.at(tmp_path / "b" / "parplan.duckdb", REFERENCE)
    # every file is "large" now, and only its first bytes are read
    report = ingest([f], from_disk, limits=Limits(large_text=10, head=64))
    assert report.count("new") == 1 and report.results[0].rejects == 1
    assert _observations(from_disk) == _observations(in_memory) != []
    sha = hashlib.sha256(data).hexdigest()
    stored = from_disk.raw_dir / sha[:2] / f"{sha}.csv"
    assert stored.read_bytes() == data


@pytest.mark.parametrize("seen_size", [False, True], ids=["new size", "size seen before"])
@pytest.mark.parametrize("when", ["during the copy", "after the copy"])
def test_a_large_csv_written_to_while_loading_is_refused_and_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen_size: bool, when: str
) -> None:
    """The raw copy runs beside the parse: a write that lands while the file is copied, or
    after the copy but while the rows are still being read, is caught either way."""
    import os

    import warehouse.raw_store as raw_store

    data = csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2022", "", "", "80"]])
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    if seen_size:  # another file of the same size is stored: the file is hashed first
        other = tmp_path / "other.csv"
        other.write_bytes(data.replace(b";80\n", b";81\n"))
        assert other.stat().st_size == len(data)
        ingest([other], wh)
    f = tmp_path / "big.csv"
    f.write_bytes(data)
    large = Limits(large_text=10)
    copy = raw_store.copy_raw

    def written_meanwhile(raw_dir, source, stat, sha=None):
        if when == "during the copy":
            os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
            return copy(raw_dir, source, stat, sha)
        copied = copy(raw_dir, source, stat, sha)
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        return copied

    monkeypatch.setattr(raw_store, "copy_raw", written_meanwhile)
    with wh.writer(publish=False) as con:
        before = con.execute("select count(*) from file_manifest").fetchone()
    report = ingest([f], wh, limits=large)
    assert report.count("quarantined") == 1
    assert "changed while it was being loaded" in (report.results[0].error or "")
    with wh.analyst() as con:  # nothing recorded: the next run loads the settled file
        assert con.execute("select count(*) from file_manifest").fetchone() == before
        assert con.execute("select count(*) from quarantine").fetchone() == (0,)
    assert len(_raw_files(wh)) == int(seen_size)  # no copy of it kept, not even half a one
    monkeypatch.setattr(raw_store, "copy_raw", copy)
    assert ingest([f], wh, limits=large).count("new") == 1


def _raw_files(wh: Warehouse) -> list[Path]:
    return [p for p in wh.raw_dir.rglob("*") if p.is_file()]


def test_store_file_refuses_bytes_that_are_not_the_hash_it_was_given(tmp_path: Path) -> None:
    """What the inbox sensor and the backfill store: a file that changed since it was hashed
    is not stored under the old hash."""
    import hashlib

    from warehouse.raw_store import FileChanged, store_file

    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    f = tmp_path / "m.csv"
    f.write_bytes(csv_bytes([HEADER, GOOD_ROW]))
    with pytest.raises(FileChanged):
        store_file(wh.raw_dir, f, "0" * 64)
    assert _raw_files(wh) == []
    sha, stored = store_file(wh.raw_dir, f)
    assert sha == hashlib.sha256(f.read_bytes()).hexdigest()
    assert stored.read_bytes() == f.read_bytes() and _raw_files(wh) == [stored]


def test_a_large_csv_that_fails_leaves_no_copy_in_the_raw_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    import warehouse.ingest as ingest_module

    def hashed_again(path: Path) -> str:
        raise AssertionError("the copy already hashed the file")

    monkeypatch.setattr(ingest_module, "hash_failed", hashed_again)
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    bad = tmp_path / "big.csv"  # a row with more fields than the header, far down the file
    bad.write_bytes(csv_bytes([HEADER, *[GOOD_ROW] * 50, [*GOOD_ROW, "x", "y"]]))
    report = ingest([bad], wh, limits=Limits(large_text=10))
    assert report.count("quarantined") == 1
    assert "line 52 has 8 fields" in (report.results[0].error or "")
    assert report.results[0].sha256 == hashlib.sha256(bad.read_bytes()).hexdigest()
    assert _raw_files(wh) == []


LATE_PROBLEMS = [  # (case, the last row of 1,501 (past the 64 KiB head), where it must point)
    ("a row with extra fields", ";".join([*GOOD_ROW, "x", "y"]).encode(), "line 1502 has 8 fields"),
    (
        "bytes that are not UTF-8",
        "Sở Tư pháp;sipas;2022;;;80".encode("cp1258", errors="replace"),
        "line 1502: bytes that are not UTF-8",
    ),
]


@pytest.mark.parametrize("large", [False, True], ids=["in memory", "from disk"])
@pytest.mark.parametrize(
    ("case", "last", "where"), LATE_PROBLEMS, ids=[c[0] for c in LATE_PROBLEMS]
)
def test_a_csv_problem_past_the_head_is_named_with_its_line(
    tmp_path: Path, large: bool, case: str, last: bytes, where: str
) -> None:
    limits = Limits(large_text=10, head=200) if large else Limits()
    f = tmp_path / "m.csv"
    f.write_bytes(csv_bytes([HEADER, *[GOOD_ROW] * 1500]) + last + b"\n")
    report = ingest([f], Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE), limits=limits)
    assert where in (report.results[0].error or ""), report.results[0].error


def test_a_share_is_derived_when_read_and_a_reported_value_is_kept(
    wh: Warehouse, tmp_path: Path
) -> None:
    f = tmp_path / "m.csv"
    rows = [
        ["Sở Nội vụ", "dossier_online_share", "Năm 2022", "4", "5", ""],
        ["Sở Tư pháp", "dossier_online_share", "Năm 2022", "1", "3", "33,3"],
    ]
    f.write_bytes(csv_bytes([HEADER, *rows]))
    ingest([f], wh)
    with wh.analyst() as con:
        stored = con.execute("select source_row, value from metric_facts order by 1")
        assert stored.fetchall() == [(2, None), (3, 33.3)]
        shown = con.execute("select source_row, value from metric_observations order by 1")
        assert shown.fetchall() == [(2, 80.0), (3, 33.3)]


def test_migrations_0003_and_0004_keep_figures_loaded_before_them(tmp_path: Path) -> None:
    """A warehouse made before the fact/key tables: its metric_observations rows come out
    of the new view unchanged (their stored shares included), and a file loaded after the
    migrations gets fresh ids."""
    import duckdb

    from warehouse.database import MIGRATIONS, migrate, now

    db = tmp_path / "old.duckdb"
    a, b, la = "a" * 64, "b" * 64, "Long An"
    y22 = ("Năm 2022", "year", "2022-01-01", "2022-12-31", 2022)
    q1_23 = ("Quý I/2023", "quarter", "2023-01-01", "2023-03-31", 2023)
    old = [  # (sha, row, province, agency_code, agency_raw, indicator_code, indicator_raw,
        #     *(period_raw, kind, start, end, year), numerator, denominator, value, unit)
        (a, 2, la, "so_noi_vu", "Sở Nội vụ", "sipas", "SIPAS", *y22, None, None, 85.5, "%"),
        (a, 3, la, None, "Phòng X", "sipas", "SIPAS", *y22, 4.0, 5.0, 80.0, None),
        (b, 2, la, "so_tu_phap", "Sở Tư pháp", None, "chỉ tiêu lạ", *q1_23, 1.0, 2.0, 50.0, None),
    ]
    with duckdb.connect(str(db)) as con:
        con.execute(
            "create table schema_migrations (version integer primary key, "
            "name varchar not null, applied_at timestamp not null)"
        )
        for path in sorted(MIGRATIONS.glob("000[12]_*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values (?, ?, ?)",
                [int(path.name[:4]), path.stem, now()],
            )
        con.executemany(
            "insert into metric_observations values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            old,
        )
        assert migrate(con)[:2] == ["0003_metric_keys", "0004_reported_value"]  # then later ones
        got = con.execute("""select source_sha256, source_row, province, agency_code,
            agency_raw, indicator_code, indicator_raw, period_raw, period_kind,
            period_start::varchar, period_end::varchar, year, numerator, denominator, value,
            unit from metric_observations order by 1, 2""").fetchall()
        kinds = dict(
            con.execute("""select table_name, table_type from information_schema.tables
            where table_name like 'metric_%'""").fetchall()
        )
    assert got == old
    assert kinds["metric_observations"] == "VIEW" and kinds["metric_facts"] == "BASE TABLE"
    wh = Warehouse.at(db.with_name("old.duckdb"), REFERENCE)
    db.rename(wh.work)  # the writer's working file
    f = tmp_path / "new.csv"
    f.write_bytes(csv_bytes([HEADER, ["Sở Nội vụ", "sipas", "2024", "", "", "90"]]))
    assert ingest([f], wh).count("new") == 1
    with wh.analyst() as con:
        assert con.execute("select count(*) from metric_observations").fetchone() == (4,)
        assert con.execute(
            "select count(distinct id) = count(*) from metric_agency_keys"
        ).fetchone() == (True,)
