"""Several plans in force for one province and year: the annual PAR plan, a digital-
transformation plan of the same year and a five-year phase plan ending that year. Each keeps
its own targets and tasks in the marts (the phase plan's at its end year), and their shared
numbers (target 1, task 1.1) do not collide in the grain tests, so `parplan build` passes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main

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


def _plan(title: str, target_words: str) -> str:
    """A plan in the text rendering: header, one target table, one task table."""
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LONG AN",
            "",
            "Số: 10/QĐ-UBND",
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
        (inbox / name).write_text(_plan(title, name), encoding="utf-8")
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
