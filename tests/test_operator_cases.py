"""Metric files and commands the way agencies and operators use them, through the command
line: the exit code a scheduled job reads, the summary an operator reads, and why each
rejected row was rejected (``metric_rejects``). Every number loaded is the number the
agency meant, or the row is rejected loudly; a typo in an option is a usage error (exit 2),
never a second warehouse or figures filed under a province no mart knows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import xlsxwriter

from parplan.cli import main
from tests.helpers import csv_bytes

PCT = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"]
LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
SHARE = "dossier_online_share"  # a percent indicator of the catalog
AGENCIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Y tế"]


def _rows(header: list[str], *cells: list[str], period: str = "Năm 2023") -> bytes:
    """A long report of Long An: one row per agency, the indicator and period shared."""
    lines = [header]
    for agency, tail in zip(AGENCIES, cells, strict=False):
        lines.append(["Long An", agency, SHARE, period, *tail])
    return csv_bytes(lines)


def _percent_workbook(values: list[float]) -> bytes:
    """A long report whose value cells are numbers shown as percents (0.005 shown 0.5%)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws, pct = wb.add_worksheet(), wb.add_format({"num_format": "0.0%"})
        ws.write_row(0, 0, LONG)
        for r, (agency, v) in enumerate(zip(AGENCIES, values, strict=False), start=1):
            ws.write_row(r, 0, ["Long An", agency, SHARE, "Năm 2023"])
            ws.write_number(r, 4, v, pct)
    return buf.getvalue()


# (case, files, exit code, said in the summary, values loaded (sorted), reasons rejected)
FILES: list[tuple[str, dict[str, bytes], int, list[str], list[float], list[str]]] = [
    # shares written as fractions of 1 in a percent column: 0,55 means 55%, never 0.55%;
    # every row is rejected, the reason naming the column and what to write instead
    (
        "fractions in a percent column",
        {"bao_cao.csv": _rows(PCT, ["0,55"], ["0,8"], ["0,925"])},
        3,
        ["0 rows loaded, 3 rows rejected (see metric_rejects)"],
        [],
        ["value 0,55 in column 'Tỷ lệ (%)' is a share written as a fraction of 1", "write 92,5"],
    ),
    # the same under a plain Giá trị column, for an indicator the catalog keeps in percent
    (
        "fractions for a percent indicator",
        {"bao_cao.csv": _rows(LONG, ["0.55"], ["0.8"])},
        3,
        ["0 rows loaded, 2 rows rejected"],
        [],
        ["column 'Giá trị'", "write 80"],
    ),
    # counts on the row decide: 55/100 with a value of 0,55 disagree, and the reason says
    # the value reads as a fraction of 1
    (
        "counts say 55%, the value 0,55",
        {"bao_cao.csv": _rows(COUNTS, ["55", "100", "0,55"], ["80", "100", "0,8"])},
        3,
        ["0 rows loaded, 2 rows rejected"],
        [],
        ["counts and value disagree: 55/100 is 55% but the value is 0.55 (a fraction of 1?"],
    ),
    # counts agreeing with a small share prove it: 1 of 200 is 0,5%
    (
        "counts prove a small share",
        {"bao_cao.csv": _rows(COUNTS, ["1", "200", "0,5"], ["3", "400", "0,75"])},
        0,
        ["2 rows loaded, 0 rows rejected"],
        [0.5, 0.75],
        [],
    ),
    # shares really under 1% written with their percent sign: the agency said percent
    (
        "small shares written with %",
        {"bao_cao.csv": _rows(PCT, ["0,5%"], ["0,8%"])},
        0,
        ["2 rows loaded, 0 rows rejected"],
        [0.5, 0.8],
        [],
    ),
    # a workbook's cells shown as percents are percents: 0.005 shown as 0.5% loads as 0.5
    (
        "percent-formatted cells under 1%",
        {"bao_cao.xlsx": _percent_workbook([0.005, 0.008])},
        0,
        ["2 rows loaded, 0 rows rejected"],
        [0.5, 0.8],
        [],
    ),
    # one value above 1 proves the column holds percents, but not what a share under 1
    # without its sign is: 0,5 may be a small share (0,5%) or 50% written as a fraction of 1
    # (tester trial3 c10: 0,553 and 0,9 beside 88,5 were the latter, and loaded as 0.553%).
    # Refused naming the value and what to write; was: loaded as 0.5% and 0.8%.
    (
        "a column of percents with small ones",
        {"bao_cao.csv": _rows(PCT, ["0,5"], ["55"], ["0,8"])},
        3,
        ["1 rows loaded, 2 rows rejected"],
        [55.0],
        ["value 0,5 in column 'Tỷ lệ (%)' has no '%'", "write it with its sign ('0,5%')"],
    ),
    # whole shares 0 and 1 prove nothing either way (no fraction): loaded as written
    (
        "zeros and ones",
        {"bao_cao.csv": _rows(PCT, ["0"], ["1"])},
        0,
        ["2 rows loaded, 0 rows rejected"],
        [0.0, 1.0],
        [],
    ),
    # a count indicator is no percent: 0,5 is not read as a fraction of 1 but, as a count
    # that is not whole, rejected (catalog_checks)
    (
        "a count indicator",
        {
            "bao_cao.csv": csv_bytes(
                [LONG, ["Long An", "Sở Nội vụ", "public_unit_count", "Năm 2023", "0,5"]]
            )
        },
        3,
        ["0 rows loaded, 1 rows rejected"],
        [],
        ["not a whole number"],
    ),
    # a wide report: each indicator column is judged alone, the reason naming it
    (
        "a wide column of fractions",
        {
            "bao_cao.csv": csv_bytes(
                [
                    ["Tỉnh", "Cơ quan", "Kỳ báo cáo", "Tỷ lệ hồ sơ trực tuyến (%)", "Số đơn vị"],
                    ["Long An", "Sở Nội vụ", "Năm 2023", "0,55", "12"],
                    ["Long An", "Sở Tư pháp", "Năm 2023", "0,9", "7"],
                ]
            )
        },
        3,
        ["2 rows loaded, 2 rows rejected"],
        [7.0, 12.0],
        ["in column 'Tỷ lệ hồ sơ trực tuyến (%)'"],
    ),
    # an estimate is not a reported figure: rejected as an estimate, both ways agencies write it
    (
        "estimates",
        {
            "bao_cao.csv": _rows(LONG, ["80"], period="Năm 2025 (ước)")
            + _rows(LONG, ["80"], period="Ước năm 2025").split(b"\n", 1)[1]
        },
        3,
        ["0 rows loaded, 2 rows rejected"],
        [],
        ["period 'Năm 2025 (ước)': an estimate (ước)", "period 'Ước năm 2025': an estimate"],
    ),
    # a date is not a period: the reason says what to write instead
    (
        "a date as the period",
        {"bao_cao.csv": _rows(LONG, ["80"], period="31/12/2024")},
        3,
        ["0 rows loaded, 1 rows rejected"],
        [],
        [
            "period '31/12/2024': a date, not a period: write the period it reports, e.g. "
            "'Năm 2024', 'Tháng 12/2024' or 'Lũy kế đến 31/12/2024'"
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "code", "said", "loaded", "reasons"), FILES, ids=[c[0] for c in FILES]
)
def test_what_a_file_loads_and_why_rows_are_rejected(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    files: dict[str, bytes],
    code: int,
    said: list[str],
    loaded: list[float],
    reasons: list[str],
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for file, data in files.items():
        (inbox / file).write_bytes(data)
    db = str(tmp_path / "w.duckdb")
    got = main(["ingest", str(inbox), "--db", db])
    out = capsys.readouterr().out
    assert got == code, out
    for part in said:
        assert part in out
    sql = "select value from metric_observations order by value"
    assert main(["query", "--db", db, "--format", "json", sql]) == 0
    values = [r["value"] for r in json.loads(capsys.readouterr().out)]
    assert values == pytest.approx(loaded)
    assert main(["query", "--db", db, "--format", "json", "select reason from metric_rejects"]) == 0
    rejected = " | ".join(r["reason"] for r in json.loads(capsys.readouterr().out))
    for reason in reasons:
        assert reason in rejected


ORIGINAL = [["48", "100", "48"], ["60", "100", "60"]]
CORRECTED = [["45", "100", "45"], ["60", "100", "60"]]  # one figure corrected, one re-sent

# (case, batches of files (each batch one `parplan ingest`), what the last summary says)
RESENDS: list[tuple[str, list[dict[str, bytes]], list[str]]] = [
    # a corrected re-send replaces both figures of the earlier file (the unchanged one too)
    (
        "corrected re-send",
        [{"bc_2023.csv": _rows(COUNTS, *ORIGINAL)}, {"bc_2023_dc.csv": _rows(COUNTS, *CORRECTED)}],
        ["1 new, 0 unchanged, 1 superseded", "2 figures of earlier files replaced"],
    ),
    # a supplement correcting one figure: the earlier file counts for the rest
    (
        "one figure corrected",
        [{"bc_2023.csv": _rows(COUNTS, *ORIGINAL)}, {"bo_sung.csv": _rows(COUNTS, CORRECTED[0])}],
        ["1 superseded", "1 figures of earlier files replaced"],
    ),
    # a report of another period replaces nothing
    (
        "another period",
        [
            {"bc_2023.csv": _rows(COUNTS, *ORIGINAL)},
            {"bc_2024.csv": _rows(COUNTS, *CORRECTED, period="Năm 2024")},
        ],
        ["0 superseded"],
    ),
    # the same file sent again: unchanged, nothing replaced
    (
        "the same file again",
        [{"bc_2023.csv": _rows(COUNTS, *ORIGINAL)}, {"bc_2023.csv": _rows(COUNTS, *ORIGINAL)}],
        ["0 new, 1 unchanged, 0 superseded"],
    ),
]


@pytest.mark.parametrize(("name", "batches", "said"), RESENDS, ids=[c[0] for c in RESENDS])
def test_the_summary_counts_what_corrections_replaced(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    batches: list[dict[str, bytes]],
    said: list[str],
) -> None:
    db = str(tmp_path / "w.duckdb")
    for n, batch in enumerate(batches):
        inbox = tmp_path / f"batch{n}"
        inbox.mkdir()
        for file, data in batch.items():
            (inbox / file).write_bytes(data)
        assert main(["ingest", str(inbox), "--db", db]) == 0
        out = capsys.readouterr().out
    for part in said:
        assert part in out, out
    if "figures of earlier files replaced" not in " ".join(said):
        assert "replaced" not in out


# (case, the command line, environment, exit code, said on stderr)
USAGE: list[tuple[str, list[str], dict[str, str], int, list[str]]] = [
    # a warehouse in a folder that is not there: a typo, never a second, empty warehouse
    (
        "--db in a missing folder",
        ["ingest", "--db", "{tmp}/no/such/dir/parplan.duckdb", "{file}"],
        {},
        2,
        ["{tmp}/no/such/dir/parplan.duckdb", "no folder {tmp}/no/such/dir"],
    ),
    (
        "$PARPLAN_DB in a missing folder",
        ["ingest", "{file}"],
        {"PARPLAN_DB": "{tmp}/typo/parplan.duckdb"},
        2,
        ["{tmp}/typo/parplan.duckdb", "$PARPLAN_DB"],
    ),
    # every command taking --db says the same
    ("query", ["query", "--db", "{tmp}/nope/w.duckdb", "select 1"], {}, 2, ["no folder"]),
    ("build", ["build", "--db", "{tmp}/nope/w.duckdb"], {}, 2, ["no folder"]),
    ("resolve", ["resolve", "--db", "{tmp}/nope/w.duckdb"], {}, 2, ["no folder"]),
    ("reprocess", ["reprocess", "--db", "{tmp}/nope/w.duckdb"], {}, 2, ["no folder"]),
    ("backfill", ["backfill", "--db", "{tmp}/nope/w.duckdb", "{file}"], {}, 2, ["no folder"]),
    (
        "run",
        ["run", "--workdir", "{tmp}/work", "--db", "{tmp}/nope/w.duckdb"],
        {},
        2,
        ["no folder"],
    ),
    # the default warehouse (./parplan.duckdb) is made on first use
    ("default warehouse", ["ingest", "{file}"], {"PARPLAN_PROVINCE": "Long An"}, 0, []),
    # a province the reference data does not know: named, with where to find the names
    (
        "--province typo",
        ["ingest", "--db", "{tmp}/w.duckdb", "--province", "Long Ann", "{file}"],
        {},
        2,
        ["'Long Ann'", "provinces.csv"],
    ),
    (
        "$PARPLAN_PROVINCE typo",
        ["ingest", "--db", "{tmp}/w.duckdb", "{file}"],
        {"PARPLAN_PROVINCE": "Sở Nội vụ"},
        2,
        ["'Sở Nội vụ'", "$PARPLAN_PROVINCE", "provinces.csv"],
    ),
    # spellings of a real province resolve
    (
        "--province without marks",
        ["ingest", "--db", "{tmp}/w.duckdb", "--province", "Tay Ninh", "{file}"],
        {},
        0,
        [],
    ),
    (
        "$PARPLAN_PROVINCE with its kind",
        ["ingest", "--db", "{tmp}/w.duckdb", "{file}"],
        {"PARPLAN_PROVINCE": "tỉnh Long An"},
        0,
        [],
    ),
]


@pytest.mark.parametrize(("name", "argv", "env", "code", "said"), USAGE, ids=[c[0] for c in USAGE])
def test_a_typo_in_an_option_is_a_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    argv: list[str],
    env: dict[str, str],
    code: int,
    said: list[str],
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    for var in ("PARPLAN_DB", "PARPLAN_PROVINCE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value.format(tmp=tmp_path))
    report = tmp_path / "bao_cao.csv"  # no province anywhere: the configured one places it
    report.write_bytes(csv_bytes([LONG[1:], ["Sở Nội vụ", SHARE, "Năm 2023", "80"]]))
    args = [a.format(tmp=tmp_path, file=report) for a in argv]
    got = main(args)
    err = capsys.readouterr().err
    assert got == code, err
    for part in said:
        assert part.format(tmp=tmp_path) in err
    if code == 2:  # nothing made: no folder, no warehouse
        assert not any(p.name.startswith(("no", "typo", "w.")) for p in tmp_path.iterdir())
        assert list(cwd.iterdir()) == []
    if name == "default warehouse":
        assert (cwd / "parplan.duckdb").is_file()
