"""A progress report is read against the plan its title names: a province with two plans in
force for 2026 - its PAR plan and its digital-transformation plan (the test plan, issued
in Long An's name, resolves to Tây Ninh in 2026, as the 2025 merger made it) - gets a report "on the
Kế hoạch chuyển đổi số" (or on Đề án 06, or Chính phủ số) matched to the digital plan, and a
report naming no plan, or a plan of a topic the province has none of, matched to the PAR
plan as before. Through ``parplan ingest``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extractors.progress.topic import report_topic
from extractors.read_submission import read_submission
from parplan.cli import main
from tests.fixtures.progress_report import write_html
from tests.helpers import csv_bytes, plan_text

YEAR = 2026
PAR_TITLE = f"Kế hoạch cải cách hành chính năm {YEAR} của tỉnh Long An"

TOPIC_CASES = [
    # the plan a report's title names, by its topic
    ("Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm 2026", "digital"),
    ("Báo cáo kết quả triển khai Đề án 06 năm 2026", "digital"),
    ("Kết quả thực hiện Chương trình Chính phủ số 6 tháng đầu năm 2026", "digital"),
    ("Báo cáo kết quả thực hiện Kế hoạch CCHC năm 2026", "par"),
    # a plan of another subject: its own topic (read against the PAR plan if it has none)
    ("Kết quả thực hiện Kế hoạch phổ biến, giáo dục pháp luật năm 2026", "other"),
    # a title naming no plan (the issuer only, as a CSV's title row): nothing
    ("UBND TỈNH LONG AN", None),
    ("", None),
]


@pytest.mark.parametrize(("title", "topic"), TOPIC_CASES)
def test_report_topic(title: str, topic: str | None) -> None:
    assert report_topic(title) == topic


def _digital_plan() -> str:
    """The test plan as a digital-transformation plan of the same province and year: its
    own number, title and task texts."""
    text = plan_text(YEAR, [("I. Hạ tầng số", [(1, "Tỷ lệ hồ sơ trực tuyến đạt 80%.")])])
    return (
        text.replace("Số: 10/QĐ-UBND", "Số: 11/QĐ-UBND")
        .replace(PAR_TITLE, f"Kế hoạch chuyển đổi số năm {YEAR} của tỉnh Long An")
        .replace("Kiểm tra CCHC.", "Số hóa hồ sơ.")
    )


HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"]
REPORTS = [  # (file, title rows, the topic of the plan its rows must be matched to)
    # the title names the digital plan
    ("cds.csv", ["UBND TỈNH TÂY NINH", f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {YEAR}"], "digital"),
    # Đề án 06 is digital work
    ("da06.csv", ["UBND TỈNH TÂY NINH", f"Kết quả triển khai Đề án 06 năm {YEAR}"], "digital"),
    # the title names the PAR plan
    ("cchc.csv", ["UBND TỈNH TÂY NINH", f"Kết quả thực hiện Kế hoạch CCHC năm {YEAR}"], "par"),
    # no plan named: the PAR plan, as before
    ("bare.csv", ["UBND TỈNH TÂY NINH"], "par"),
    # a plan of a subject the province has no plan of: falls back to the PAR plan
    ("pbgdpl.csv", ["UBND TỈNH TÂY NINH", f"Kết quả thực hiện Kế hoạch phổ biến pháp luật năm {YEAR}"], "par"),
]  # fmt: skip


def test_each_report_is_matched_to_the_plan_its_title_names(tmp_path: Path) -> None:
    (tmp_path / "par.txt").write_text(plan_text(YEAR, []), encoding="utf-8")
    (tmp_path / "digital.txt").write_text(_digital_plan(), encoding="utf-8")
    for name, title, _ in REPORTS:
        row = ["1.1", "", "Sở Nội vụ", "Đã hoàn thành", f"Năm {YEAR}"]
        (tmp_path / name).write_bytes(csv_bytes([*([t] for t in title), HEADER, row]))
    db = tmp_path / "wh.duckdb"
    paths = [str(tmp_path / n) for n in ("par.txt", "digital.txt", *(r[0] for r in REPORTS))]
    assert main(["ingest", *paths, "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select topic from documents where is_current order by topic"
        ).fetchall() == [("digital",), ("par",)]  # two plans in force for the year
        got = con.execute(
            """select regexp_extract(m.original_path, '[^/]+$'), d.topic, p.task_code
               from progress_rows p
               join file_manifest m on m.sha256 = p.source_sha256
               join documents d on d.sha256 = p.plan_sha256
               order by 1"""
        ).fetchall()
    assert got == sorted((name, topic, "1.1") for name, _, topic in REPORTS)


def test_a_report_documents_title_names_its_plan(tmp_path: Path) -> None:
    # the same from a report document: its title, read from the document's header block
    page = write_html(tmp_path / "bc.html")
    page.write_text(
        page.read_text("utf-8").replace("cải cách hành chính năm 2022", "chuyển đổi số năm 2022"),
        "utf-8",
    )
    got = read_submission(page)
    assert not isinstance(got, tuple)
    assert {r.plan_topic for r in got.rows} == {"digital"}
