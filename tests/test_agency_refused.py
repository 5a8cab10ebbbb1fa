"""Files agencies send that were refused, or whose rows were rejected, where the agency
expects them to load (issue 14, "loud but wrong"): each file as an agency writes it,
through ``parplan ingest``; what loads (period, kind, value), what is rejected and why, and
the exit code. Whatever stays ambiguous is still a reject naming the value."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest

from parplan.cli import main
from tests.helpers import csv_bytes

LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"]
SHARE = "dossier_online_share"  # a percent indicator of the catalog


def _long(periods: list[str], header: list[str] = LONG) -> bytes:
    """A long report of Long An's Sở Nội vụ: one row per period, 50, 51 ... in order."""
    rows = [["Long An", "Sở Nội vụ", SHARE, p, str(50 + i)] for i, p in enumerate(periods)]
    return csv_bytes([header, *rows])


def _parquet(periods: list[int]) -> bytes:
    """A database export: the period an integer YYYYMM."""
    buf = io.BytesIO()
    pl.DataFrame(
        {
            "Tỉnh": ["Long An"] * len(periods),
            "Cơ quan": ["Sở Nội vụ"] * len(periods),
            "Chỉ tiêu": [SHARE] * len(periods),
            "Kỳ báo cáo": periods,
            "Tỷ lệ (%)": [50.0 + i for i in range(len(periods))],
        }
    ).write_parquet(buf)
    return buf.getvalue()


# (case, file name, bytes, exit code, loaded as (period as written, kind, first day, value),
#  reasons rejected)
PERIODS: list[tuple[str, str, bytes, int, list[tuple[str, str, str, float]], list[str]]] = [
    # Roman quarters written alone: the III and IV say the column holds quarters
    (
        "roman quarters",
        "bao_cao_quy.csv",
        _long(["I/2024", "II/2024", "III/2024", "IV/2024"]),
        0,
        [
            ("I/2024", "quarter", "2024-01-01", 50.0),
            ("II/2024", "quarter", "2024-04-01", 51.0),
            ("III/2024", "quarter", "2024-07-01", 52.0),
            ("IV/2024", "quarter", "2024-10-01", 53.0),
        ],
        [],
    ),
    # only I and II under a neutral header: quarters or halves? Both rejected, named
    (
        "roman I and II alone",
        "bao_cao_ky.csv",
        _long(["I/2024", "II/2024"]),
        3,
        [],
        ["period 'I/2024': 'I' alone may be quarter I or half I", "'6 tháng cuối năm 2024'"],
    ),
    # the same under a header naming halves: the first and second half
    (
        "roman halves under a 6 tháng header",
        "bao_cao_6_thang.csv",
        _long(
            ["I/2024", "II/2024"],
            ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo (6 tháng)", "Tỷ lệ (%)"],
        ),
        0,
        [("I/2024", "half", "2024-01-01", 50.0), ("II/2024", "half", "2024-07-01", 51.0)],
        [],
    ),
    # months as statistics offices code them
    (
        "2024M03",
        "thang.csv",
        _long(["2024M01", "2024M02", "2024M03"]),
        0,
        [
            ("2024M01", "month", "2024-01-01", 50.0),
            ("2024M02", "month", "2024-02-01", 51.0),
            ("2024M03", "month", "2024-03-01", 52.0),
        ],
        [],
    ),
    # "6T", "9T": six and nine months
    (
        "6T and 9T",
        "luy_ke.csv",
        _long(["6T/2024", "9T/2024", "6T đầu năm 2023"]),
        0,
        [
            ("6T đầu năm 2023", "half", "2023-01-01", 52.0),
            ("6T/2024", "half", "2024-01-01", 50.0),
            ("9T/2024", "nine_months", "2024-01-01", 51.0),
        ],
        [],
    ),
    # "12T" may be the year or December: rejected, named
    (
        "12T",
        "ca_nam.csv",
        _long(["12T/2024"]),
        3,
        [],
        ["period '12T/2024': '12T' may be 12 months or month 12 (T12): write 'Năm 2024'"],
    ),
    # YYYYMM as text in a CSV, and as an integer in a Parquet export
    (
        "YYYYMM in a CSV",
        "xuat.csv",
        _long(["202401", "202412", "202413"]),
        3,
        [("202401", "month", "2024-01-01", 50.0), ("202412", "month", "2024-12-01", 51.0)],
        ["period '202413': month 13 is not 1-12"],
    ),
    (
        "YYYYMM integers in a Parquet file",
        "xuat.parquet",
        _parquet([202402, 202403]),
        0,
        [("202402", "month", "2024-02-01", 50.0), ("202403", "month", "2024-03-01", 51.0)],
        [],
    ),
    # quarters with "Q" and a dash
    (
        "Q1/2024 and Quý I-2024",
        "quy.csv",
        _long(["Q1/2024", "Quý II-2024"]),
        0,
        [
            ("Q1/2024", "quarter", "2024-01-01", 50.0),
            ("Quý II-2024", "quarter", "2024-04-01", 51.0),
        ],
        [],
    ),
]


def _ingest(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(data)
    return main(["ingest", str(inbox), "--db", str(tmp_path / "w.duckdb")]), str(
        tmp_path / "w.duckdb"
    )


def _query(db: str, sql: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["query", "--db", db, "--format", "json", sql]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


@pytest.mark.parametrize(
    ("case", "name", "data", "code", "loaded", "reasons"), PERIODS, ids=[c[0] for c in PERIODS]
)
def test_periods_agencies_write_load_or_are_rejected_by_name(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    name: str,
    data: bytes,
    code: int,
    loaded: list[tuple[str, str, str, float]],
    reasons: list[str],
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    got, db = _ingest(tmp_path, name, data)
    out = capsys.readouterr().out
    assert got == code, out
    rows = _query(
        db,
        "select period_raw, period_kind, period_start::varchar s, value from metric_observations "
        "order by period_raw",
        capsys,
    )
    assert [(r["period_raw"], r["period_kind"], r["s"], r["value"]) for r in rows] == loaded
    rejected = " | ".join(
        str(r["reason"]) for r in _query(db, "select reason from metric_rejects", capsys)
    )
    for reason in reasons:
        assert reason in rejected
    assert bool(reasons) == bool(rejected)


def _wide(header: list[str], rows: list[list[str]]) -> bytes:
    """A wide report of Long An 2024 as agencies lay it out: a title, STT, Cơ quan."""
    return csv_bytes([["BÁO CÁO KẾT QUẢ CCHC TỈNH LONG AN NĂM 2024"], header, *rows])


ONLINE = "Tỷ lệ hồ sơ giải quyết trực tuyến (%)"
# (case, bytes, exit code, values loaded (sorted), the warning said)
WIDE: list[tuple[str, bytes, int, list[float], str]] = [
    # a plan column beside the actual one: never loaded as a reported figure
    (
        "Kế hoạch (%) beside the actual",
        _wide(
            ["STT", "Cơ quan", ONLINE, "Kế hoạch (%)"],
            [["1", "Sở Nội vụ", "80", "90"], ["2", "Sở Tư pháp", "50", "95"]],
        ),
        0,
        [50.0, 80.0],
        "column 'Kế hoạch (%)' (column 4) is a planned figure (kế hoạch, chỉ tiêu), not a reported one",
    ),
    # "Chỉ tiêu (%)" is the target's figure, not an indicator column (was: the file taken
    # for a long one and quarantined "without a value column")
    (
        "Chỉ tiêu (%) beside the actual",
        _wide(
            ["STT", "Cơ quan", ONLINE, "Chỉ tiêu (%)"],
            [["1", "Sở Nội vụ", "81", "90"], ["2", "Sở Tư pháp", "51", "95"]],
        ),
        0,
        [51.0, 81.0],
        "column 'Chỉ tiêu (%)' (column 4) is a planned figure",
    ),
    # a bare count column names no indicator: not loaded as one (was: its 1200 loaded)
    (
        "Số hồ sơ beside a share",
        _wide(
            ["STT", "Cơ quan", "Số hồ sơ", ONLINE],
            [["1", "Sở Nội vụ", "1200", "82"], ["2", "Sở Tư pháp", "300", "52"]],
        ),
        0,
        [52.0, 82.0],
        "column 'Số hồ sơ' (column 3) is a count that names no indicator",
    ),
    (
        "Tổng số beside a share",
        _wide(
            ["STT", "Cơ quan", "Tổng số", ONLINE],
            [["1", "Sở Nội vụ", "1200", "83"], ["2", "Sở Tư pháp", "300", "53"]],
        ),
        0,
        [53.0, 83.0],
        "column 'Tổng số' (column 3) is a count that names no indicator",
    ),
]


@pytest.mark.parametrize(
    ("case", "data", "code", "loaded", "warned"), WIDE, ids=[c[0] for c in WIDE]
)
def test_a_wide_files_plan_and_count_columns_are_not_figures(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    data: bytes,
    code: int,
    loaded: list[float],
    warned: str,
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    got, db = _ingest(tmp_path, "bao_cao.csv", data)
    out = capsys.readouterr().out
    assert got == code, out
    assert warned in out
    rows = _query(db, "select value from metric_observations order by value", capsys)
    assert [r["value"] for r in rows] == loaded


TITLE = ["KẾ HOẠCH CCHC NĂM 2024 TỈNH LONG AN - CHỈ TIÊU"]
# (case, rows, said): the plan's own targets dropped in the inbox, read as a progress report
# whose every row was rejected (exit 3); now the file is refused naming what it looks like
TARGET_TABLES: list[tuple[str, list[list[str]], str]] = [
    (
        "targets with a blank result column",
        [
            TITLE,
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Chỉ tiêu", "Kế hoạch", "Kết quả thực hiện"],
            ["1", "Tỷ lệ hồ sơ giải quyết trực tuyến", "Sở Nội vụ", "80%", "Năm 2024", ""],
            ["2", "Số hóa kết quả giải quyết TTHC", "Sở Tư pháp", "100%", "Năm 2024", ""],
        ],
        "looks like a table of the plan's targets ('Chỉ tiêu', 'Kế hoạch'), not a "
        "task-progress report: no row states a status in 'Kết quả thực hiện'",
    ),
    (
        "targets with their percent under Mức độ hoàn thành",
        [
            TITLE,
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Chỉ tiêu (%)", "Mức độ hoàn thành"],
            ["1", "Tỷ lệ hồ sơ giải quyết trực tuyến", "Sở Nội vụ", "80", "100%"],
            ["2", "Số hóa kết quả giải quyết TTHC", "Sở Tư pháp", "100", "100%"],
        ],
        "looks like a table of the plan's targets ('Chỉ tiêu (%)')",
    ),
]


@pytest.mark.parametrize(("case", "rows", "said"), TARGET_TABLES, ids=[c[0] for c in TARGET_TABLES])
def test_a_target_table_is_refused_as_a_progress_report(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    rows: list[list[str]],
    said: str,
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    got, _ = _ingest(tmp_path, "chi_tieu_2024.csv", csv_bytes(rows))
    out = capsys.readouterr().out
    assert got == 1, out
    assert f"quarantined: {tmp_path / 'inbox' / 'chi_tieu_2024.csv'}: {said}" in out
