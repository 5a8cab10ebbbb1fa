"""Builders for test inputs: metric files as agencies write them, and warehouse snapshots."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
import xlsxwriter

from extractors.metrics.read import read_judged
from extractors.reference import BUNDLED, load_agencies, load_indicators
from parplan.cli import main
from warehouse.database import Warehouse, migrate
from warehouse.load_plan import PLAN_TABLES
from warehouse.metric_load import load_metrics, metric_catalog, percent_codes
from warehouse.reference import sync_reference

DATA_TABLES = (*PLAN_TABLES, "metric_observations")


def names(agencies: Sequence[object]) -> list[str]:
    """The names of agency records, for comparing with a golden list."""
    return [a.name for a in agencies]  # type: ignore[attr-defined]


def assert_task_matches_golden(tasks: Sequence[Any], row: list[Any]) -> None:
    """One golden task row (written by hand from the plan) against the extracted task."""
    code, area_no, lead, support, (start, end, kind), budget, note, n_products, head, tail = row
    task = next(t for t in tasks if t.code == code)
    assert task.area_no == area_no
    assert names(task.lead) == lead
    assert names(task.support) == support
    tf = task.timeframe
    assert (tf.start and tf.start.isoformat(), tf.end and tf.end.isoformat(), tf.kind) == (
        start,
        end,
        kind,
    ), tf.text
    assert task.budget_million_vnd == (None if budget is None else Decimal(str(budget)))
    assert task.budget_note == note
    assert len(task.products) == n_products, task.products
    assert task.description.startswith(head), task.description
    assert task.description.endswith(tail), task.description


def csv_bytes(
    rows: Sequence[Sequence[object]], sep: str = ";", bom: bool = True, encoding: str = "utf-8"
) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(
        [["" if v is None else str(v) for v in r] for r in rows]
    )
    return (("\ufeff" if bom else "") + buf.getvalue()).encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(rows: Sequence[Sequence[object]], sep: str = ";") -> bytes:
    """A CSV the way old Windows software saves Vietnamese: cp1258, tones as combining marks."""
    out = bytearray()
    for ch in "\n".join(sep.join(str(v) for v in r) for r in rows) + "\n":
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
            out += (base + "".join(c for c in d if c in _TONES)).encode("cp1258")
    return bytes(out)


def xlsx_bytes(
    rows: Sequence[Sequence[object]], title: Sequence[str] = (), sheet: str = "Sheet1"
) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet(sheet)
        r = 0
        for line in title:
            ws.write(r, 0, line)
            r += 1
        for row in rows:
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v)
            r += 1
    return buf.getvalue()


def rewrite_zip(data: bytes, name: str, transform) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, transform(body) if info.filename == name else body)
    return out.getvalue()


def zip_bomb_xlsx(megabytes: int = 60) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (megabytes * 1024 * 1024))
    return out.getvalue()


def counts(con: duckdb.DuckDBPyConnection, tables: Sequence[str] = DATA_TABLES) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


# --- plans written for the tests (the marts fixture and the Dagster tests) --------------

THIS_YEAR = date.today().year


def plan_text(year: int, areas: list[tuple[str, list[tuple[int, str]]]]) -> str:
    rows = ["STT\tMục tiêu, chỉ tiêu\tCơ quan chủ trì\tCơ quan phối hợp\tGhi chú"]
    for area, targets in areas:
        rows.append(f"<b>{area}</b>\t\t\t\t")
        rows += [f"{no}\t{text}\tSở Nội vụ\tUBND cấp huyện\t" for no, text in targets]
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LONG AN",
            "",
            "Số: 10/QĐ-UBND",
            "",
            f"Long An, ngày 05 tháng 01 năm {year}",
            "",
            "**QUYẾT ĐỊNH**",
            "",
            f"**Về việc ban hành Kế hoạch cải cách hành chính năm {year} của tỉnh Long An**",
            "",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "",
            "## PHỤ LỤC 1",
            "",
            *rows,
            "",
            "## PHỤ LỤC 2",
            "",
            "TT\tNội dung\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\t"
            "Kinh phí (triệu đồng)",
            f"1\tCải cách TTHC\t1.1. Kiểm tra CCHC.\tBáo cáo\tSở Nội vụ\tSở Tư pháp\tQuý II/{year}\t40",
            "\t\t1.2. Tập huấn.\tLớp học\tSở Tư pháp\tSở Nội vụ\tTrong năm\t15",
            "",
        ]
    )


PLANS = {
    2022: [
        (
            "I. Cải cách TTHC",
            [
                (1, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%."),
                (
                    2,
                    "Có 80% hồ sơ công việc tại cấp tỉnh; 60% hồ sơ công việc tại cấp huyện được xử "
                    "lý trên môi trường mạng.",
                ),
            ],
        ),
        (
            "II. Cải cách tổ chức bộ máy",
            [
                (
                    3,
                    "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 90%.",
                ),
                (4, "Rà soát sắp xếp giảm số lượng đơn vị sự nghiệp công lập so với năm 2021."),
                (5, "Hoàn thiện thể chế về tổ chức bộ máy."),
            ],
        ),
    ],
    2023: [
        (
            "I. Cải cách TTHC",
            [
                (1, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 60%."),
                (
                    2,
                    "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 90%.",
                ),
            ],
        )
    ],
    THIS_YEAR: [
        ("I. Cải cách TTHC", [(1, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 70%.")])
    ],
}


# --- a metric file as analysts see it -----------------------------------------------------


@dataclass(frozen=True)
class MetricFrame:
    observations: pl.DataFrame  # metric_observations, without the file's hash
    rejects: pl.DataFrame  # source_row, reason, raw_record
    layout: str  # long | wide
    header_row: int


def read_metric_file(data: bytes, path: str, sheet: str | None = None) -> MetricFrame:
    """Judge one metric file with the bundled reference data, load it into an in-memory
    DuckDB and read it back through the ``metric_observations`` view."""
    con = duckdb.connect()
    try:
        migrate(con)
        sync_reference(con, BUNDLED)
        layout, judged = read_judged(
            data,
            path,
            load_agencies(BUNDLED),
            load_indicators(BUNDLED),
            percent_codes(con),
            sheet,
            catalog=metric_catalog(con),
        )
        con.execute("begin")
        load_metrics(con, judged, lambda: "0" * 64)
        con.execute("commit")
        observations = con.sql(
            "select * exclude (source_sha256) from metric_observations order by source_row"
        ).pl()
        rejects = con.sql(
            "select source_row, reason, raw_record from metric_rejects order by source_row"
        ).pl()
    finally:
        con.close()
    return MetricFrame(observations, rejects, layout.layout, layout.header_row)


# A real headless Chromium for the browser checks: Debian's `chromium` package driven by
# playwright's Python API through `executable_path` (never `playwright install`, whose
# download site is out of reach). Where it is missing, root with apt installs it; anyone
# else gets the command to run.
CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium"
BROWSER_ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "browser"


def chromium_path() -> str:
    found = os.environ.get("PARPLAN_CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        done = subprocess.run(
            ["sh", "-c", CHROMIUM_INSTALL], capture_output=True, text=True, check=False
        )
        found = shutil.which("chromium")
        if found:
            return found
        pytest.fail(f"installing chromium failed ({CHROMIUM_INSTALL}):\n{done.stderr[-2000:]}")
    pytest.fail(f"no chromium on PATH: run `sudo {CHROMIUM_INSTALL}` (or set PARPLAN_CHROMIUM)")


def chromium_args() -> list[str]:
    # Chromium refuses to run as root with its sandbox on (CI and the dev machines are root)
    return ["--no-sandbox"] if os.geteuid() == 0 else []


def backfill_cli(db: Path, archive: Path) -> subprocess.CompletedProcess[str]:
    """``parplan backfill --db DB ARCHIVE`` as an operator types it: a process of its own,
    without DAGSTER_HOME (the command keeps its Dagster instance beside the warehouse)."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "parplan.cli", "backfill", "--db", str(db), str(archive)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        timeout=600,
        check=False,
    )


@dataclass(frozen=True)
class FileLoad:
    """What one ``parplan ingest`` did with one file of a batch (the agency-case tests):
    its manifest status and error, the observations it loaded (the columns asked for), its
    rejects (row, reason) and its extraction issues (code, message; by message)."""

    status: str
    error: str | None
    rows: list[tuple[Any, ...]]
    rejects: list[tuple[int, str]]
    issues: list[tuple[str, str]]

    def said(self, no_province: bool = False) -> list[str]:
        """The messages the agency is told (``no_province``: only the count of rows with no
        province, else every other message)."""
        return [m for code, m in self.issues if (code == "no_province") == no_province]


def extract_cli(path: Path, *options: str) -> dict[str, Any]:
    """What ``parplan extract`` prints for a plan document (it must succeed), as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", *options, str(path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    found: dict[str, Any] = json.loads(out.stdout)
    return found


def ingest_cases(root: Path, files: Sequence[tuple[str, bytes]]) -> tuple[Path, int]:
    """Each file in a folder of its own under ``root/inbox`` (``NN/name``, NN its index, as
    an agency's inbox holds them), loaded by one ``parplan ingest`` of the inbox: the
    warehouse file and the exit code. The files must differ: a file is stored once by its
    content, so a case repeating another's bytes would test nothing of its own."""
    assert len({data for _, data in files}) == len(files)
    for i, (name, data) in enumerate(files):
        (root / "inbox" / f"{i:02d}").mkdir(parents=True)
        (root / "inbox" / f"{i:02d}" / name).write_bytes(data)
    db = root / "parplan.duckdb"
    return db, main(["ingest", "--db", str(db), str(root / "inbox")])


def ingest_table(
    factory: pytest.TempPathFactory, label: str, files: Sequence[tuple[str, bytes]]
) -> tuple[Path, int]:
    """``ingest_cases`` in a new folder named ``label``: a table test's warehouse."""
    return ingest_cases(factory.mktemp(label), files)


@dataclass(frozen=True)
class FileCase:
    """One agency file of a table test (``case_table``): why it is in the table, its bytes,
    the rows it loads (each table's own tuple of columns), the rows it rejects (row, part
    of the reason), part of each warning and note it gets, its file name, and part of the
    reason it is refused for (nothing loads)."""

    why: str
    data: bytes
    loads: list[Any] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    name: str = "bao_cao.csv"
    refused: str = ""


def case_table(label: str, cases: Sequence[Any], code: int) -> Any:
    """A table test's module fixture ``warehouse``: every case's file (``case.name``,
    ``case.data``) in a folder of its own, loaded by one ``parplan ingest`` into a warehouse
    of the module's own (``ingest_table``), which must exit with ``code`` (DESIGN.md)."""

    @pytest.fixture(scope="module", name="warehouse")
    def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
        db, got = ingest_table(tmp_path_factory, label, [(c.name, c.data) for c in cases])
        assert got == code
        return db

    return warehouse


def case_load(
    db: Path, cases: Sequence[Any], case: Any, columns: str, order: str = "1"
) -> FileLoad:
    """``file_load`` of one case of a ``case_table`` (its file is ``NN/name``, NN its place)."""
    return file_load(db, f"%/{cases.index(case):02d}/{case.name}", columns, order)


def assert_loaded_as(
    got: FileLoad, rows: list[Any], rejects: list[tuple[int, str]], told: list[str]
) -> None:
    """A file loaded: its rows, its rejects and what it was told are those given."""
    assert got.status == "loaded", got.error
    assert got.rows == rows
    assert_rejected(got.rejects, rejects)
    assert_told(got.said(), told)


def assert_file_case(got: FileLoad, case: FileCase) -> None:
    """A ``FileCase``'s file as it says: refused (nothing loaded, the reason holding
    ``case.refused``), else loaded with its rows (the last column, a figure, compared
    approximately), its rejects and what it was told."""
    if case.refused:
        assert (got.status, got.rows) == ("quarantined", []), got.error
        assert case.refused in (got.error or ""), got.error
        return
    loads = [(*r[:-1], pytest.approx(r[-1])) for r in case.loads]
    assert_loaded_as(got, loads, case.rejects, case.told)


def file_load(db: Path, original: str, columns: str, order: str = "1") -> FileLoad:
    """The load of the file whose original path is like ``original``, read from the
    published copy of the warehouse ``db``."""
    with Warehouse.at(db, BUNDLED).analyst() as con:
        found = con.execute(
            "select sha256, status, error from file_manifest where original_path like ?",
            [original],
        ).fetchone()
        assert found is not None, original
        sha, status, error = found
        rows = con.execute(
            f"select {columns} from metric_observations where source_sha256 = ? order by {order}",
            [sha],
        ).fetchall()
        rejects = con.execute(
            "select source_row, reason from metric_rejects where source_sha256 = ? order by 1",
            [sha],
        ).fetchall()
        issues = con.execute(
            "select code, message from extraction_issues where source_sha256 = ? order by 2",
            [sha],
        ).fetchall()
    return FileLoad(status, error, rows, rejects, issues)


def assert_rejected(got: list[tuple[int, str]], want: list[tuple[int, str]]) -> None:
    """The rows rejected are the ones expected, each reason holding its expected part."""
    assert sorted(r for r, _ in got) == sorted(r for r, _ in want), got
    # one row may be rejected more than once (a column per period): its reasons come in no
    # set order, so each expected part is matched to a reason of its row not yet taken
    left = sorted(got)
    for row, part in want:
        found = next((g for g in left if g[0] == row and part in g[1]), None)
        assert found is not None, (row, part, [g for g in got if g[0] == row])
        left.remove(found)


def assert_told(notes: list[str], wants: list[str]) -> None:
    """Every warning and note is one the agency is told of, and nothing else is said."""
    assert len(notes) == len(wants), notes
    for want in wants:
        assert any(want in n for n in notes), (want, notes)


def export_parquet(**columns: object) -> bytes:
    """A database export of three rows of Long An's departments (Nội vụ, Tư pháp, Y tế) for
    dossier_online_share in Năm 2023, with ``columns`` beside them: typed, as its schema says."""
    base: dict[str, object] = {
        "Tỉnh": ["Long An"] * 3, "Cơ quan": ["Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"],
        "Chỉ tiêu": ["dossier_online_share"] * 3, "Kỳ báo cáo": ["Năm 2023"] * 3,
    }  # fmt: skip
    buf = io.BytesIO()
    pl.DataFrame({**base, **columns}).write_parquet(buf)
    return buf.getvalue()


def scale_bench(
    tmp_path: Path, *options: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``benchmarks/run.py``'s scale section at 2,000 rows with ``options`` (the
    environment's batch settings left out, ``env`` added), into ``tmp_path``'s RESULTS.md,
    its generated files deleted: the process, and the lines of the entry written."""
    root = Path(__file__).resolve().parent.parent
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(root / "benchmarks" / "run.py"),
            *("--only", "scale", "--scale-rows", "2000", *options),
            *("--data", str(tmp_path / "data"), "--results", str(results), "--clean"),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
        env={**{k: v for k, v in os.environ.items() if "BATCH" not in k}, **(env or {})},
    )
    return proc, results.read_text().splitlines() if results.exists() else []
