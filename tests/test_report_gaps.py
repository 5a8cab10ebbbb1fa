"""The report when the warehouse has holes: a metric name that does not resolve, and plan
years nobody reported for. Built through `parplan ingest` of files written here by hand;
the report must say, in plain Vietnamese, which figures were left out and which years have
no data, and its trend chart must not draw a line across a missing year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parplan.cli import main
from tests.helpers import csv_bytes, plan_text

D = "dossier_online_share"
UNKNOWN = "Số sáng kiến cải tiến được công nhận"  # no indicator of the catalog
GOALS = {2021: 40, 2022: 50, 2023: 60, 2024: 70}  # one share target a year
METRICS = [  # agency, indicator, period, numerator, denominator
    ("Sở Nội vụ", D, "Năm 2021", 20, 50),
    ("Sở Tư pháp", D, "Năm 2021", 25, 50),
    # nothing at all for 2022
    ("Sở Nội vụ", D, "Năm 2023", 35, 50),
    ("Sở Tư pháp", D, "Năm 2023", 30, 50),
    # the name that does not resolve: kept out of every result, and said so
    ("Sở Nội vụ", UNKNOWN, "Năm 2023", 4, 9),
    ("Sở Tư pháp", UNKNOWN, "Năm 2023", 2, 9),
    # nothing at all for 2024 either: the plan's last year
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gaps")
    inbox = root / "inbox"
    inbox.mkdir()
    for year, goal in GOALS.items():
        target = f"Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu {goal}%."
        areas = [("I. Cải cách TTHC", [(1, target)])]
        (inbox / f"ke_hoach_{year}.txt").write_text(plan_text(year, areas), encoding="utf-8")
    header = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
    (inbox / "so_lieu.csv").write_bytes(csv_bytes([header, *METRICS]))
    db = root / "parplan.duckdb"
    args = ["ingest", str(inbox), "--db", str(db), "--province", "Long An", "--build"]
    assert main(args) == 3  # loaded, but figures are kept out by a name that does not resolve
    return db


def _report(db: Path, year: int) -> str:
    out = db.parent / f"report-{year}.html"
    args = ["report", "--db", str(db), "--province", "Long An", "--year", str(year)]
    assert main([*args, "--as-of", f"{year}-12-31", "--to", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """What a reader sees: tags dropped, white space squashed (charts left out)."""
    html = re.sub(r"<svg\b.*?</svg>|<style>.*?</style>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_year_without_figures_says_so(db: Path) -> None:
    text = _text(_report(db, 2022))
    assert "Chưa chỉ tiêu nào đo được; 1 chưa có số liệu." in text
    # not just a grey cell: a sentence says the whole year is missing
    assert "Năm 2022 chưa có số liệu nào: không cơ quan nào báo cáo số liệu của năm này" in text
    assert "chưa có số liệu nào" not in _text(_report(db, 2023))  # 2023 has figures


def test_the_trend_names_every_missing_year_and_does_not_bridge_them(db: Path) -> None:
    html = _report(db, 2023)
    # 2022 between two measured years, and 2024 after the last one (a plan year, no figures)
    assert "Thiếu số liệu năm 2022, 2024." in _text(html)
    (line,) = re.findall(r'aria-roledescription="line mark" d="([^"]*)"', html)
    # the actual of 2021 and of 2023 drawn as two lone points: no segment (L) joins them
    assert line.count("M") == 2 and "L" not in line, line


def test_figures_left_out_by_a_name_are_named(db: Path) -> None:
    text = _text(_report(db, 2023))
    # the target's actual says it is built on part of the figures ...
    assert "65 2 số liệu bị loại" in text
    # ... and the quality panel says which: the file, each agency, the name to add
    assert (
        "2 số liệu chưa được tính vào kết quả vì tên cơ quan hoặc chỉ số chưa nhận diện, hoặc "
        "chưa rõ tỉnh, năm (chi tiết dưới đây)." in text
    )
    for agency in ("Sở Nội vụ", "Sở Tư pháp"):
        assert f"so_lieu.csv {agency} 1 {UNKNOWN}" in text
