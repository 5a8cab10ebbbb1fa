"""`parplan report`: one self-contained Vietnamese HTML file from the sample warehouse."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from warehouse.database import migrate
from warehouse.report import words
from warehouse.report.data import open_names, plan_issues


def _report(sample_db: Path, out: Path, *extra: str) -> str:
    args = ["report", "--db", str(sample_db), "--to", str(out), *extra]
    assert main(args) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    return _report(
        sample_db, out, "--province", "Long An", "--year", "2022", "--as-of", "2022-06-30"
    )


def test_headline_counts_measured_targets(html: str) -> None:
    # the sample's 2022 plan: 8 measures met and 7 not met (`parplan run` prints the counts),
    # 13 without data, 9 targets qualitative
    assert "Đạt 8/15 chỉ tiêu đo được (53%); 13 chưa có số liệu, 9 không đo được." in html


def test_self_contained_and_offline(html: str) -> None:
    assert '<html lang="vi">' in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)  # nothing to fetch, no script
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing
    assert html.count("<svg") >= 3  # areas, trends, budget: drawn at build time


def test_sections_in_vietnamese(html: str) -> None:
    for title in (
        "Các chỉ tiêu và mức độ đạt",
        "Mức độ đạt theo lĩnh vực",
        "Diễn biến qua các năm",
        "Nhiệm vụ đến hạn và quá hạn (tính đến 30/06/2022)",
        "Kinh phí theo cơ quan chủ trì",
        "Chất lượng dữ liệu",
    ):
        assert title in html
    # the bundled sample resolves every name (its district office is in the registry), so
    # the panel says so instead of listing names to add
    assert "Mọi tên cơ quan và chỉ số đều đã nhận diện." in html
    # every series of the sample now has all its years (its satisfaction name resolves since
    # the indicator matching on word sets), so no chart may claim a missing year
    assert "Thiếu số liệu năm" not in html
    assert "455 triệu đồng" in html  # the plan's budget (`parplan run` summary: 455)


def test_tasks_due_and_overdue_as_of_a_date(html: str, sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        overdue, soon = con.execute(
            "select count(*) filter (where end_date < date '2022-06-30'), "
            "count(*) filter (where end_date >= date '2022-06-30' "
            "and end_date < date '2022-06-30' + interval 90 day) from task_schedule"
        ).fetchone()
    assert overdue > 0 and soon > 0
    assert f"<strong>{overdue}</strong> đã quá hạn" in html
    assert f"<strong>{soon}</strong> đến hạn trong 90 ngày tới" in html


def test_unknown_plan_is_a_usage_error(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    args = ["report", "--db", str(sample_db), "--province", "Hà Nội", "--year", "2022"]
    assert main([*args, "--to", str(out)]) == 2
    assert (
        "no plan in force for Hà Nội 2022 (plans loaded: Long An 2022)" in capsys.readouterr().err
    )
    assert not out.exists()


def test_run_ends_by_writing_the_sample_report(sample_db: Path) -> None:
    report = sample_db.parent / "report.html"  # `parplan run --workdir` wrote it there
    assert "Đạt 8/15 chỉ tiêu đo được" in report.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The page's text: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_completion_section_from_the_sample_progress_report(html: str) -> None:
    # hand-counted in sample_data/progress.py: of 45 tasks, 37 due (the build is after 2022;
    # the 8 conditional tasks no report shows triggered are not due), 8 done on time, 2 late,
    # 1 in progress, 2 not done, 24 not reported; 10 / 37 = 27 %
    assert (
        "Hoàn thành 10/37 nhiệm vụ đến hạn (27%): 8 đúng hạn, 2 trễ hạn; 1 đang thực hiện, "
        "2 chưa thực hiện hoặc không thực hiện được, 24 chưa báo cáo."
    ) in html
    text = _text(html)
    section = text[text.index("5. Kết quả thực hiện nhiệm vụ theo báo cáo") :]
    # area 6 (6.1 and 6.2 on time, 6.3 cannot be done, 6.4 not reported): due, on time,
    # late, in progress, not done, not reported, rate
    assert re.search(r"6\. [^0-9]+ 4 2 0 0 1 1 50%", section)
    assert "Sở Tài chính 4 2 0 0 1 1 50%" in section  # the same four tasks, by their lead
    assert "Không thực hiện được: 6.3: chưa có hướng dẫn." in section
    assert "longan_bao_cao_ket_qua_cchc_2022.csv (Năm 2022, 13 nhiệm vụ)" in section
    completion = html[html.index('<section id="completion">') : html.index('<section id="budget">')]
    assert completion.count("<svg") == 1  # tasks by area and status, drawn at build time
    # and the tasks section no longer says no progress report is in the warehouse
    assert "chưa có báo cáo tiến độ" not in html


def test_no_completion_section_without_progress_reports(tmp_path: Path) -> None:
    from tests.conftest import SEED

    db = tmp_path / "wh.duckdb"
    assert main(["ingest", str(SEED), "--db", str(db), "--build"]) == 0
    html = _report(db, tmp_path / "r.html", "--province", "Long An", "--year", "2022")
    assert "Chưa có báo cáo kết quả thực hiện nhiệm vụ nào cho kế hoạch này." in html
    assert "Kho dữ liệu chưa có báo cáo tiến độ nhiệm vụ" in html


ISSUE_DATES = [
    # a full ISO date reads as a Vietnamese date
    ("2025-11-24", "ngày 24/11/2025"),
    # a draft that leaves the day blank is stored partial (documents.issued_date): its month
    ("2021-12", "tháng 12/2021"),
    # only the year known
    ("2022", "năm 2022"),
    # nothing known: nothing written
    (None, ""),
]


@pytest.mark.parametrize(("stored", "shown"), ISSUE_DATES)
def test_a_plans_issue_date_as_an_official_reads_it(stored: str | None, shown: str) -> None:
    assert words.issued_vi(stored) == shown


# A PDF plan's issues as its reader records them (no line: a page and a table row), stored
# out of their place in the document: (severity, code, message, line, page, row_no).
PDF_ISSUES = [
    ("warning", "row_realigned", "hàng lệch cột, trang 3", None, 3, 7),
    ("info", "row_continuation_merged", "hàng nối tiếp, trang 2", None, 2, 5),
    ("warning", "row_realigned", "hàng lệch cột, trang 2", None, 2, 4),
    ("warning", "field_not_found", "không thấy người ký", None, None, None),
    ("error", "totals_disagree", "tổng không khớp, trang 5", None, 5, 1),
    ("warning", "field_not_found", "không thấy ngày ban hành", None, None, None),
]


def test_a_plans_issues_come_in_the_documents_order() -> None:
    """The report's plan-reading issues: errors, then warnings, then repairs; within each,
    what names no place first, then by line, page and table row, then by kind and words.
    Two warnings of one kind on two pages of a PDF are never listed in the database's
    order (they tied when only the line and the kind ordered them)."""
    con = duckdb.connect()
    migrate(con)
    con.executemany("insert into extraction_issues values ('p', ?, ?, ?, ?, ?, ?)", PDF_ISSUES)
    got = [(i["code"], i["message"]) for i in plan_issues(con, "p")]
    assert got == [
        ("totals_disagree", "tổng không khớp, trang 5"),
        ("field_not_found", "không thấy ngày ban hành"),
        ("field_not_found", "không thấy người ký"),
        ("row_realigned", "hàng lệch cột, trang 2"),
        ("row_realigned", "hàng lệch cột, trang 3"),
        ("row_continuation_merged", "hàng nối tiếp, trang 2"),
    ]


# The review queue as a province's report reads it: (kind, raw, province, candidates,
# occurrences), stored in no order of the report's.
QUEUE = [
    ("indicator", "Tỷ lệ ký số", None, "signed_docs_share (88.0)", 4),
    ("agency", "Sở KH&CN", None, "so_khcn (80.0)", 4),
    ("agency", "Sở KH&CN", "Long An", "so_khcn (85.0)", 4),
    ("agency", "Phòng Nội vụ", "Long An", None, 9),
]


def test_the_names_to_add_come_in_a_total_order() -> None:
    """Most rows first, then by the name, its kind and its province (the report's own
    before one of no province): one name open for the province and for no province, or
    as an agency and an indicator, never comes in the database's order."""
    con = duckdb.connect()
    migrate(con)
    con.executemany("insert into review_queue values (?, ?, ?, ?, ?, 'open', now())", QUEUE)
    got = [(n["kind"], n["raw"], n["candidates"]) for n in open_names(con, "Long An")]
    assert got == [
        ("agency", "Phòng Nội vụ", None),
        ("agency", "Sở KH&CN", "so_khcn (85.0)"),
        ("agency", "Sở KH&CN", "so_khcn (80.0)"),
        ("indicator", "Tỷ lệ ký số", "signed_docs_share (88.0)"),
    ]
