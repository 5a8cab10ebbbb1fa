"""The command line's errors: DuckDB's whole message, no traceback for an empty query or
a closed pipe, one statement at a time, a broken reference CSV named with its line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parplan.cli import main
from tests.conftest import ROOT, SEED


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("", "the query is empty"),  # nothing given
        ("   \n ", "the query is empty"),  # blanks only
        (";", "the query is empty"),  # a lone separator
        ("-- just a comment", "the query is empty"),
        ("select 1; select 2", "holds 2 statements: give one"),  # used to run the first only
        ("select 1; drop table tasks", "holds 2 statements"),
    ],
)
def test_query_refuses_empty_and_several_statements(
    sample_db: Path, capsys: pytest.CaptureFixture[str], sql: str, message: str
) -> None:
    assert main(["query", "--db", str(sample_db), sql]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # the catalog's suggestion (second line of DuckDB's message) is kept
        (
            "select * from target_atainment",
            ["Table with name target_atainment does not exist", 'Did you mean "target_attainment"'],
        ),
        # the caret under the place of a syntax error is kept
        ("select 1 from", ['syntax error at or near "from"', "LINE 1: select 1 from", "^^^^"]),
        ("select nope from tasks", ['Referenced column "nope" not found', "LINE 1:", "^"]),
    ],
)
def test_duckdb_errors_in_full(
    sample_db: Path, capsys: pytest.CaptureFixture[str], sql: str, expected: list[str]
) -> None:
    assert main(["query", "--db", str(sample_db), sql]) == 2
    err = capsys.readouterr().err
    for part in expected:
        assert part in err


def test_closed_pipe_is_not_an_error(sample_db: Path) -> None:
    """`parplan query ... | head -1`: the reader goes away; no traceback, exit 0."""
    cmd = [
        sys.executable,
        "-m",
        "parplan.cli",
        "query",
        "--db",
        str(sample_db),
        "select * from range(300000)",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"range"
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


def test_closed_pipe_through_the_shell(sample_db: Path) -> None:
    parplan = Path(sys.executable).with_name("parplan")
    script = (
        f'"{parplan}" query --db "{sample_db}" --format csv "select * from range(300000)" | head -1'
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "range\n", "")


# Broken reference files, written by hand: (file, text, the message expected)
AGENCY_HEADER = "code,name,kind,level,province,aliases\n"
BROKEN_REFERENCE = [
    # a row with a field too many (an unquoted comma in a name), line 3
    (
        "agencies.csv",
        AGENCY_HEADER + "so_noi_vu,Sở Nội vụ,department,tinh,,\nso_x,Sở A, B,department,tinh,,\n",
        "agencies.csv, line 3: 7 fields, the header has 6",
    ),
    # a quote opened and never closed, from line 2 to the end
    (
        "agencies.csv",
        AGENCY_HEADER + 'so_noi_vu,"Sở Nội vụ,department,tinh,,\n',
        "agencies.csv, line 2",
    ),
    # a row without a code, line 2
    (
        "agencies.csv",
        AGENCY_HEADER + ",Sở Nội vụ,department,tinh,,\n",
        "agencies.csv, line 2: no code",
    ),
    # a header without the column the loader needs
    (
        "indicators.csv",
        "kode,name_vi,unit,direction,aggregation,aliases\nx,Tỷ lệ,%,up,mean,\n",
        "indicators.csv, line 1: no column 'code'",
    ),
    # a file with time, read as a table like the others: a succession without its predecessor
    (
        "agency_successors.csv",
        "predecessor,successor,province,main,functions,source\n,so_noi_vu_2025,,yes,,NĐ 45\n",
        "agency_successors.csv, line 2: no predecessor",
    ),
    # a table that reads, with rows that contradict the others: a successor nobody defines
    (
        "agency_successors.csv",
        "predecessor,successor,province,main,functions,source\nso_noi_vu,so_zz,,yes,,NĐ 45\n",
        "agency_successors.csv, line 2: so_noi_vu -> so_zz: no unit has the code so_zz",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BROKEN_REFERENCE)
def test_broken_reference_csv_named_with_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    message: str,
) -> None:
    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "reference", folder)
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("PARPLAN_REFERENCE", str(folder))
    for args in (["extract", str(SEED)], ["ingest", "--db", str(tmp_path / "w.duckdb"), str(SEED)]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
    assert not (tmp_path / "w.duckdb").exists()  # nothing loaded, nothing quarantined


def test_reference_shipped_reads_clean() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARPLAN_REFERENCE"}
    done = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "summary", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
