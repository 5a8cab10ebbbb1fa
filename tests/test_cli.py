"""The command line contract: JSON on stdout, exit 2 and a one-line error for bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.conftest import ROOT, SEED


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parplan.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_extract_prints_contract_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Nguyễn Văn Út" in out  # UTF-8, not ASCII-escaped
    payload = json.loads(out)
    assert set(payload) == {"document", "references", "targets", "body_targets", "tasks", "issues"}
    assert set(payload["document"]) >= {
        "province",
        "plan_year",
        "doc_number",
        "issued_date",
        "effective_date",
        "signer",
        "title",
        "sha256",
        "stated_totals",
    }
    task = payload["tasks"][0]
    assert set(task) == {
        "code",
        "no",  # added with group paths: the number as printed
        "group_path",
        "area_no",
        "area",
        "description",
        "products",
        "lead",
        "support",
        "timeframe",
        "budget_million_vnd",
        "budget_note",
    }
    assert set(task["timeframe"]) == {"text", "start", "end", "kind"}
    assert set(task["lead"][0]) == {"name", "raw", "code", "match", "role"}
    assert task["lead"][0]["code"] == "so_noi_vu"  # resolved through the registry
    assert set(payload["targets"][0]) == {
        "no",
        "code",  # added with group paths: unique in the plan
        "group_path",
        "unit",
        "value",
        "values_by_year",  # added with phase plans' year columns: {} where a plan has none
        "area_no",
        "area",
        "text",
        "lead",
        "support",
        "note",
        "measurable",
        "measures",
    }
    assert set(payload["targets"][5]["measures"][0]) == {
        "measure_no",
        "value",
        "unit",
        "comparator",
        "level",
        "subject",
        "scope",
        "indicator",
        "indicator_method",
        "baseline_year",
        "condition",
        "parent",
    }
    assert set(payload["issues"][0]) == {"severity", "code", "message", "location"}


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"\n\n   \n", "empty file"),
    ("prose.txt", "Hôm nay trời đẹp. Không có kế hoạch nào ở đây.\n".encode(), "not a plan"),
    ("cp1258.txt", "Cải cách hành chính".encode("cp1258", errors="replace"), "not UTF-8"),
    ("garbage.txt", bytes(range(256)) * 4, "binary"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = run_cli("extract", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr  # one line, no traceback
    assert str(path) in lines[0] and reason in lines[0]


def test_missing_file(tmp_path: Path) -> None:
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr


def _cut(after: str) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    return text[: text.index(after) + len(after)].encode()


def test_cut_off_in_tasks_table_gives_partial_records_and_issues(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(_cut("Quyết định của Chủ tịch UBND tỉnh."))  # mid-row of task 3.3
    assert main(["extract", str(path)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["targets"]) == 26
    assert [t["code"] for t in payload["tasks"]][-1] == "3.3"
    assert len(payload["tasks"]) == 20
    assert any(i["code"] == "row_incomplete" and "3.3" in i["message"] for i in payload["issues"])


def test_cut_off_in_targets_table(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(_cut("12\tRà soát sắp xếp giảm số lượng"))
    assert main(["extract", str(path)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [t["no"] for t in payload["targets"]] == list(range(1, 13))
    codes = {(i["code"], i["severity"]) for i in payload["issues"]}
    assert ("row_incomplete", "warning") in codes
    assert ("appendix_missing", "warning") in codes
    assert payload["tasks"] == []


def test_run_twice_on_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = ["run", "--workdir", str(tmp_path), "--db", str(tmp_path / "parplan.duckdb")]
    assert main(run) == 0
    out = capsys.readouterr().out
    assert "Long An 2022" in out and "26 in 6 areas" in out and "455" in out
    assert "5 new" in out and "not_met" in out
    # the sample progress report, hand-counted (sample_data/progress.py): 37 due (the plan's
    # 8 conditional tasks untriggered), 8 on time, 2 late, 1 in progress, 2 not done, 24 not
    # reported; 10 / 37 = 27.0 %; per plan, its topic named (the sample's one plan is the
    # annual PAR plan)
    completion = out.split("plan completion", 1)[1].splitlines()
    assert ["Long An", "2022", "par", "37", "8", "2", "1", "2", "24", "27.0"] in [
        re.split(r"\s{2,}", line.strip())
        for line in completion  # columns: 2+ spaces apart
    ]
    assert main(run) == 0  # idempotent: all unchanged
    assert "0 new, 5 unchanged" in capsys.readouterr().out


RUN_WAREHOUSE = [  # (PARPLAN_DB, where `parplan run --workdir work` puts its warehouse)
    # nothing configured: under the workdir, as its help says, not in the current directory
    (None, "work/parplan.duckdb"),
    # a deployment's warehouse named by the environment (in its folder): that one
    ("elsewhere/w.duckdb", "elsewhere/w.duckdb"),
]


@pytest.mark.parametrize(("env_db", "expected"), RUN_WAREHOUSE)
def test_run_keeps_its_warehouse_where_configured(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env_db: str | None,
    expected: str,
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    if env_db is None:
        monkeypatch.delenv("PARPLAN_DB", raising=False)
    else:
        monkeypatch.setenv("PARPLAN_DB", str(tmp_path / env_db))
        (tmp_path / env_db).parent.mkdir()  # a deployment's folder is there
    assert main(["run", "--workdir", str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / expected).is_file()
    assert list(cwd.iterdir()) == []  # nothing beside the caller: no warehouse, raw store, dbt
    # the hint names the warehouse, so the query it suggests reads the one just built
    assert f"parplan query --db {tmp_path / expected} " in out


def test_build_and_docs_through_the_command_line(tmp_path: Path) -> None:
    """`parplan build` runs the dbt project (models and tests) with the dbt of this Python,
    whatever PATH says, and publishes; `parplan docs` writes the offline data dictionary."""
    import os

    db = str(tmp_path / "parplan.duckdb")
    assert main(["run", "--workdir", str(tmp_path), "--db", db]) == 0
    env = {**os.environ, "PATH": "/nonexistent"}  # no dbt (nor anything else) on PATH
    proc = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "build", "--db", db],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "target_attainment" in proc.stdout and "data_quality" in proc.stdout
    assert "dbt tests passed" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "docs", "--db", db, "--to", str(tmp_path / "dd")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = (tmp_path / "dd" / "index.html").read_text(encoding="utf-8")
    # one file carrying the project: models, their Vietnamese column docs and labels
    assert "model.parplan.target_attainment" in site, len(site)
    assert json.dumps("Số liệu bị loại") in site  # (the manifest is embedded as JSON)
    assert '"send_anonymous_usage_stats": false' in site  # the page tracks nothing


def _two_sheet_workbook() -> bytes:
    """An instructions sheet first, the figures on a second, named sheet."""
    import io

    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        wb.add_worksheet("Hướng dẫn").write(0, 0, "Điền số liệu vào sheet Số liệu")
        ws = wb.add_worksheet("Số liệu")
        rows = [
            ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
            ["Sở Nội vụ", "dossier_online_share", "Năm 2022", 40, 50],
            ["Sở Tư pháp", "dossier_online_share", "Năm 2022", 30, 60],
        ]
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                ws.write(r, c, v)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("sheet", "exit_code", "expected"),
    [
        (None, 1, "no header row with an agency column"),  # the first sheet is instructions
        ("Nope", 1, "no sheet named 'Nope'; the workbook has: Hướng dẫn, Số liệu"),
        ("Số liệu", 0, "1 new, 0 unchanged, 0 superseded, 0 quarantined; 2 rows loaded"),
    ],
)
def test_ingest_reads_the_named_xlsx_sheet(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sheet: str | None,
    exit_code: int,
    expected: str,
) -> None:
    book = tmp_path / "bao_cao_long_an.xlsx"  # (the province: else kept out, exit 3)
    book.write_bytes(_two_sheet_workbook())
    args = ["ingest", str(book), "--db", str(tmp_path / "wh.duckdb")]
    assert main(args + (["--sheet", sheet] if sheet else [])) == exit_code
    out = capsys.readouterr().out
    assert expected in out
    assert ("quarantined: " in out) == (exit_code == 1)


def test_progress_is_one_line_per_file_off_a_terminal(tmp_path: Path) -> None:
    import io

    from parplan.progress import BatchProgress
    from warehouse.database import Warehouse
    from warehouse.ingest import ingest

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.xlsx").write_bytes(_two_sheet_workbook())
    (tmp_path / "in" / "b.csv").write_text("", encoding="utf-8")
    log = io.StringIO()
    ingest(
        [tmp_path / "in"],
        Warehouse.at(tmp_path / "wh.duckdb", REFERENCE),
        progress=BatchProgress(log),
    )
    lines = log.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2] quarantined metrics") and "a.xlsx" in lines[0]
    assert lines[1].startswith("[2/2] quarantined unknown") and "empty file" in lines[1]


def test_progress_bar_counts_files_and_shows_quarantine_reasons(tmp_path: Path) -> None:
    import io

    from parplan.progress import BatchProgress
    from warehouse.database import Warehouse
    from warehouse.ingest import ingest

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.csv").write_text("", encoding="utf-8")
    screen = io.StringIO()
    progress = BatchProgress(screen, bar=True)
    ingest([tmp_path / "in"], Warehouse.at(tmp_path / "wh.duckdb", REFERENCE), progress=progress)
    text = screen.getvalue()
    assert "1/1 files" in text and "1 quarantined" in text
    assert "empty file" in text  # the reason, written above the bar


SETTINGS = [  # (environment, what the command line is configured with)
    # nothing set: the defaults
    ({}, (None, REFERENCE, 2048 * 2**20, 300.0, None)),  # (each command's default warehouse)
    # every variable set
    (
        {
            "PARPLAN_DB": "/data/w.duckdb",
            "PARPLAN_REFERENCE": "/data/ref",
            "PARPLAN_PDF_MEMORY_MB": "256",
            "PARPLAN_PDF_SECONDS": "30",
            "DAGSTER_HOME": "/data/dagster",
        },
        ("/data/w.duckdb", Path("/data/ref"), 256 * 2**20, 30.0, "/data/dagster"),
    ),
    # set but empty: the defaults again
    (
        {"PARPLAN_DB": "", "PARPLAN_REFERENCE": ""},
        (None, REFERENCE, 2048 * 2**20, 300.0, None),
    ),
]


INGEST_EXIT = [
    # a clean plan: exit 0, the summary names nothing to look at
    ("clean", lambda text: text, 0, "0 quarantined; "),
    # the appendix states 7 targets, 5 are in it: loaded, but exit 3 and the summary says so
    (
        "totals",
        lambda text: text.replace("03 nội dung, 05 chỉ tiêu", "03 nội dung, 07 chỉ tiêu"),
        3,
        "1 plan with extraction errors (see extraction_issues)",
    ),
]


@pytest.mark.parametrize(("environ", "expected"), SETTINGS)
def test_configuration_comes_from_the_environment_at_the_edge(
    environ: dict[str, str], expected: tuple[object, ...]
) -> None:
    from parplan.cli import settings_from

    s = settings_from(environ)
    assert (s.db, s.reference, s.pdf.memory_bytes, s.pdf.seconds, s.dagster_home) == expected


def test_review_uses_the_reference_folder_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["review", str(SEED)])
    assert "review queue empty" in capsys.readouterr().out  # the bundled data resolves all
    ref = (
        tmp_path / "ref"
    )  # a deployment's folder that does not know the Department of Home Affairs
    ref.mkdir()
    (ref / "indicators.csv").write_bytes((REFERENCE / "indicators.csv").read_bytes())
    lines = (REFERENCE / "agencies.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (ref / "agencies.csv").write_text(
        "".join(ln for ln in lines if not ln.startswith("so_noi_vu,")), encoding="utf-8"
    )
    monkeypatch.setenv("PARPLAN_REFERENCE", str(ref))
    main(["review", str(SEED)])
    out = capsys.readouterr().out
    assert "agency     Sở Nội vụ" in out and f"add aliases to {ref}/agencies.csv" in out


@pytest.mark.parametrize(("case", "edit", "exit_code", "expected"), INGEST_EXIT)
def test_ingest_exit_code_for_plans_with_extraction_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    edit: object,
    exit_code: int,
    expected: str,
) -> None:
    from tests.conftest import FIXTURES

    source = (FIXTURES / "plans" / "haugiang_2023_par_plan.txt").read_text(encoding="utf-8")
    plan = tmp_path / f"ke_hoach_{case}.txt"
    plan.write_text(edit(source), encoding="utf-8")  # type: ignore[operator]
    assert main(["ingest", str(plan), "--db", str(tmp_path / "wh.duckdb")]) == exit_code
    out = capsys.readouterr().out
    assert expected in out, out
    assert ("extraction errors" in out) == (exit_code == 3), out
    assert "1 new" in out


# what `parplan ingest` has no use for: the report's charts and page (altair, vl-convert,
# jinja2), the exports' workbook writer and Vietnamese titles (xlsxwriter, yaml)
NOT_FOR_INGEST = ["altair", "vl_convert", "jinja2", "xlsxwriter", "yaml"]


@pytest.mark.parametrize("package", NOT_FOR_INGEST)
def test_ingest_from_the_command_line_does_not_import_what_only_other_commands_use(
    tmp_path: Path, package: str
) -> None:
    """Every `parplan ingest` pays for what its process imports before the first file is
    read, on one core: the libraries of the report and the exports are imported by those
    commands only."""
    csv = tmp_path / "a.csv"
    csv.write_text(
        "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Giá trị\nLong An;Sở Tư pháp;sipas;2024;70\n",
        encoding="utf-8",
    )
    script = (
        "import sys\n"
        "from parplan.cli import main\n"
        f"code = main(['ingest', {str(csv)!r}, '--db', {str(tmp_path / 'wh.duckdb')!r}])\n"
        f"print(code, {package!r} in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "0 False"
