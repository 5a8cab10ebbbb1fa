"""Several plans in force for one province and year: the annual PAR plan, a digital-
transformation plan of the same year and a five-year phase plan ending that year. Each keeps
its own targets and tasks in the marts (the phase plan's at its end year), and their shared
numbers (target 1, task 1.1) do not collide in the grain tests, so `parplan build` passes -
with a metric file and a progress report ingested beside them, task progress and plan
completion are counted per plan, and `parplan report` reports each plan on its own.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.helpers import csv_bytes

Y = 2025

# (file, title as printed, topic the extractor gives it); every plan numbers its targets
# 1, 2 and its tasks 1.1, 1.2 - the collision the marts must survive
PLANS = [
    ("kh_cchc.txt", f"Kế hoạch cải cách hành chính năm {Y} của tỉnh Long An", "par"),
    ("kh_cds.txt", f"Kế hoạch chuyển đổi số năm {Y} của tỉnh Long An", "digital"),
    (
        "kh_giai_doan.txt",
        f"Kế hoạch cải cách hành chính giai đoạn {Y - 4}-{Y} của tỉnh Long An",
        "par",
    ),
]
NUMBERS = {
    "kh_cchc.txt": "10/QĐ-UBND",
    "kh_cds.txt": "11/QĐ-UBND",
    "kh_giai_doan.txt": "12/QĐ-UBND",
}

# the year-end progress report on the annual PAR plan (a PAR progress report is read against
# the annual PAR plan): 1.1 done before its deadline (Quý II), 1.2 still in progress
PROGRESS = [
    ["UBND TỈNH LONG AN"],
    ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"],
    ["1.1", "", "Sở Nội vụ", "Đã hoàn thành", f"20/06/{Y}", f"Năm {Y}"],
    ["1.2", "", "Sở Tư pháp", "Đang thực hiện", "", f"Năm {Y}"],
]
# the online-dossier share of the year: 40/50 = 80%, above every plan's 50% target
METRICS = [
    ["UBND TỈNH LONG AN"],
    ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
    ["Sở Nội vụ", "dossier_online_share", f"Năm {Y}", "40", "50"],
]


def _plan(title: str, target_words: str, number: str = "10/QĐ-UBND") -> str:
    """A plan in the text rendering: header, one target table, one task table."""
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LONG AN",
            "",
            f"Số: {number}",
            "",
            f"Long An, ngày 05 tháng 01 năm {Y}",
            "",
            "**QUYẾT ĐỊNH**",
            "",
            f"**Về việc ban hành {title}**",
            "",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "",
            "## PHỤ LỤC 1",
            "",
            "STT\tMục tiêu, chỉ tiêu\tCơ quan chủ trì\tCơ quan phối hợp\tGhi chú",
            "<b>I. Cải cách TTHC</b>\t\t\t\t",
            f"1\tTỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50% ({target_words}).\t"
            "Sở Nội vụ\tUBND cấp huyện\t",
            f"2\tHoàn thiện thể chế ({target_words}).\tSở Tư pháp\tSở Nội vụ\t",
            "",
            "## PHỤ LỤC 2",
            "",
            "TT\tNội dung\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\t"
            "Kinh phí (triệu đồng)",
            f"1\tCải cách TTHC\t1.1. Kiểm tra {target_words}.\tBáo cáo\tSở Nội vụ\tSở Tư pháp\t"
            f"Quý II/{Y}\t40",
            f"\t\t1.2. Tập huấn {target_words}.\tLớp học\tSở Tư pháp\tSở Nội vụ\tTrong năm\t15",
            "",
        ]
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grain")
    inbox = root / "inbox"
    inbox.mkdir()
    for name, title, _ in PLANS:
        (inbox / name).write_text(_plan(title, name, NUMBERS[name]), encoding="utf-8")
    (inbox / "bao_cao_tien_do.csv").write_bytes(csv_bytes(PROGRESS))
    (inbox / "so_lieu.csv").write_bytes(csv_bytes(METRICS))
    path = root / "parplan.duckdb"
    assert main(["ingest", str(inbox), "--db", str(path)]) == 0
    assert main(["build", "--db", str(path)]) == 0  # every grain test passes
    return path


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_each_plan_keeps_its_targets(db: Path) -> None:
    got = _rows(
        db,
        """select plan_year, plan_topic, target_no, target_text from target_attainment
        where province = 'Long An' order by all""",
    )
    want = sorted(
        (Y, topic, no, text)
        for name, _, topic in PLANS
        for no, text in [
            (1, f"Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50% ({name})."),
            (2, f"Hoàn thiện thể chế ({name})."),
        ]
    )
    assert got == want


def test_each_plan_keeps_its_tasks(db: Path) -> None:
    got = _rows(
        db,
        """select plan_year, plan_topic, code, description from task_schedule
        where province = 'Long An' order by all""",
    )
    want = sorted(
        (Y, topic, code, f"{text} {name}.")
        for name, _, topic in PLANS
        for code, text in [("1.1", "Kiểm tra"), ("1.2", "Tập huấn")]
    )
    assert got == want


def test_the_phase_plan_is_judged_at_its_end_year(db: Path) -> None:
    got = _rows(
        db,
        """select plan_year, plan_topic, period_start, period_end from stg_plans
        where province = 'Long An' order by period_start, plan_topic""",
    )
    # the phase plan (2021-2025) is judged at its end year, beside the two annual plans
    assert got == [(Y, "par", Y - 4, Y), (Y, "digital", Y, Y), (Y, "par", Y, Y)]


# (topic, first year, code, status, timeliness), hand-computed: only the annual PAR plan has a
# report; the same codes of the other two plans stay not_reported
TASK_PROGRESS = [
    ("digital", Y, "1.1", "not_reported", None),
    ("digital", Y, "1.2", "not_reported", None),
    ("par", Y - 4, "1.1", "not_reported", None),
    ("par", Y - 4, "1.2", "not_reported", None),
    ("par", Y, "1.1", "done", "on_time"),
    ("par", Y, "1.2", "in_progress", None),
]


def test_task_progress_is_per_plan(db: Path) -> None:
    got = _rows(
        db,
        """select p.plan_topic, p.period_start, t.code, t.status, t.timeliness
        from task_progress t join stg_plans p using (source_sha256) order by all""",
    )
    assert got == TASK_PROGRESS


def test_plan_completion_is_per_plan(db: Path) -> None:
    # as of the build date (after every deadline of Y): both tasks of each plan are due
    got = _rows(
        db,
        """select c.plan_topic, p.period_start, c.due, c.done_on_time, c.in_progress,
                  c.not_reported, c.completion_rate
        from plan_completion c join stg_plans p using (source_sha256)
        where c.grouping = 'province' order by all""",
    )
    assert got == [
        ("digital", Y, 2, 0, 0, 2, 0.0),
        ("par", Y - 4, 2, 0, 0, 2, 0.0),
        ("par", Y, 2, 1, 1, 0, 0.5),
    ]


def test_each_plan_judges_its_own_target_on_the_shared_figures(db: Path) -> None:
    got = _rows(
        db,
        """select plan_topic, target_no, measure_no, status, actual_value from target_attainment
        where indicator_code = 'dossier_online_share' order by all""",
    )
    # one row per plan (the annual and the phase PAR plan both judged in Y), never merged
    assert got == [
        ("digital", 1, 1, "met", 80.0),
        ("par", 1, 1, "met", 80.0),
        ("par", 1, 1, "met", 80.0),
    ]


def _articles(html: str) -> list[str]:
    """The report's block of each plan, in order."""
    return html.split('<article class="plan"')[1:]


def test_report_reports_each_plan_on_its_own(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["report", "--db", str(db), "--province", "Long An", "--year", str(Y)]
    assert main([*args, "--as-of", f"{Y}-06-30", "--to", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    labels = [
        f"Kế hoạch cải cách hành chính năm {Y} (số 10/QĐ-UBND)",  # the annual PAR plan first
        f"Kế hoạch chuyển đổi số năm {Y} (số 11/QĐ-UBND)",  # then the others, by topic
        f"Kế hoạch cải cách hành chính giai đoạn {Y - 4}-{Y} (số 12/QĐ-UBND)",
    ]
    articles = _articles(html)
    assert len(articles) == 3
    for label, article, (name, _, _) in zip(
        labels, articles, [PLANS[0], PLANS[1], PLANS[2]], strict=True
    ):
        # every one of its six sections says which plan it is about (plan completion too)
        assert article.count(f'<p class="about">Kế hoạch: {label}</p>') == 6
        # its own targets and tasks only, and its own budget (40 + 15), never the three summed
        assert f"({name})" in article
        assert not [n for n, _, _ in PLANS if n != name and f"({n})" in article]
        assert "55 triệu đồng" in article
        # 1.1 (Quý II) falls due within 90 days of 30/06, in every plan
        assert f"Kiểm tra {name}." in article
    # the plans listed in that order in the header
    head = html.split('<article class="plan"')[0]
    assert [head.index(label) for label in labels] == sorted(head.index(lb) for lb in labels)
