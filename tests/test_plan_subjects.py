"""A province issues its annual PAR plan and, the same year, a plan on improving the index
the reform is judged on (PAR INDEX, SIPAS) or on one part of the reform: each stands on
its own in the marts. Only a re-issue of the same plan - the same title sent again with a
new number and date, or one saying it replaces the earlier plan - supersedes it. A task
progress report is read against the whole plan, whichever was issued or loaded later.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from extractors.plan_subject import plan_subject
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import MIGRATIONS, migrate

Y = 2025
ANNUAL = f"Kế hoạch cải cách hành chính năm {Y} của tỉnh Long An"
INDEX = f"Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR INDEX) năm {Y} của tỉnh Long An"
# plans named only by the index they improve: PAR plans too (topic par), of their own
PAR_INDEX = f"Kế hoạch nâng cao Chỉ số PAR INDEX tỉnh Long An năm {Y}"
SIPAS = f"Kế hoạch nâng cao Chỉ số SIPAS năm {Y} của tỉnh Long An"


def _plan(number: str, day: str, title: str, words: str) -> str:
    """A plan as a Kế hoạch in the text rendering: header, a target and a task table; its
    targets and tasks carry ``words`` so that a test can tell whose they are."""
    rest = title.removeprefix("Kế hoạch ")
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LONG AN",
            "",
            f"Số: {number}",
            "",
            f"Long An, ngày {day} tháng 02 năm {Y}",
            "",
            "**KẾ HOẠCH**",
            "",
            f"**{rest[0].upper()}{rest[1:]}**",
            "",
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
            "",
            "## PHỤ LỤC 1",
            "",
            "STT\tMục tiêu, chỉ tiêu\tCơ quan chủ trì\tCơ quan phối hợp\tGhi chú",
            "<b>I. Cải cách TTHC</b>\t\t\t\t",
            f"1\tTỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50% ({words}).\t"
            "Sở Nội vụ\tUBND cấp huyện\t",
            f"2\tHoàn thiện thể chế ({words}).\tSở Tư pháp\tSở Nội vụ\t",
            "",
            "## PHỤ LỤC 2",
            "",
            "TT\tNội dung\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\t"
            "Kinh phí (triệu đồng)",
            f"1\tCải cách TTHC\t1.1. Kiểm tra ({words}).\tBáo cáo\tSở Nội vụ\tSở Tư pháp\t"
            f"Quý II/{Y}\t40",
            f"\t\t1.2. Tập huấn ({words}).\tLớp học\tSở Tư pháp\tSở Nội vụ\tTrong năm\t15",
            "",
        ]
    )


# (what the case is, the plans in load order as (number, day, title, words), the words of
# the plans in force after the last)
CASES = [
    (
        "the index plan after the annual plan: both stand",
        [("10/KH-UBND", "05", ANNUAL, "annual"), ("45/KH-UBND", "20", INDEX, "index")],
        ["annual", "index"],
    ),
    (
        "the annual plan after the index plan: both stand",
        [("45/KH-UBND", "05", INDEX, "index"), ("50/KH-UBND", "20", ANNUAL, "annual")],
        ["annual", "index"],
    ),
    (
        "the annual plan re-sent with a new number and date: the re-issue replaces it",
        [("10/KH-UBND", "05", ANNUAL, "first"), ("52/KH-UBND", "20", ANNUAL, "resent")],
        ["resent"],
    ),
    (
        "a re-issue saying it replaces the annual plan; the index plan stands beside it",
        [
            ("10/KH-UBND", "05", ANNUAL, "first"),
            ("45/KH-UBND", "10", INDEX, "index"),
            (
                "60/KH-UBND",
                "20",
                f"{ANNUAL} (thay thế Kế hoạch số 10/KH-UBND ngày 05/02/{Y})",
                "replacing",
            ),
        ],
        ["index", "replacing"],
    ),
    (
        "the index plan corrected and re-sent: it replaces the index plan only",
        [
            ("10/KH-UBND", "05", ANNUAL, "annual"),
            ("45/KH-UBND", "10", INDEX, "index"),
            ("61/KH-UBND", "20", INDEX, "index corrected"),
        ],
        ["annual", "index corrected"],
    ),
]


def _ingest(folder: Path, plans: list[tuple[str, str, str, str]]) -> Path:
    """``parplan ingest`` of each plan in turn, in load order; the warehouse."""
    db = folder / "parplan.duckdb"
    for i, (number, day, title, words) in enumerate(plans):
        path = folder / f"kh_{i}.txt"
        path.write_text(_plan(number, day, title, words), encoding="utf-8")
        assert main(["ingest", str(path), "--db", str(db)]) == 0
    return db


def _words(db: Path, sql: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [w for (w,) in con.execute(sql).fetchall()]


# the words a target's or a task's text ends with, "(annual)."
WORDS = "regexp_extract({}, '\\(([^)]*)\\)\\.$', 1)"


@pytest.mark.parametrize(("case", "plans", "current"), CASES, ids=[c[0] for c in CASES])
def test_each_plan_stands_unless_reissued(
    tmp_path: Path, case: str, plans: list[tuple[str, str, str, str]], current: list[str]
) -> None:
    db = _ingest(tmp_path, plans)
    # the plans in force (what the marts list: stg_plans), told by their targets' words
    in_force = _words(
        db,
        f"select distinct {WORDS.format('t.text')} from targets t join documents d "
        "on d.sha256 = t.source_sha256 where d.is_current order by 1",
    )
    assert in_force == current, case


# the annual plan, then plans on improving the indexes, named by acronym only
BESIDE = [
    ("10/KH-UBND", "05", ANNUAL, "annual"),
    ("45/KH-UBND", "10", PAR_INDEX, "par index"),
    ("46/KH-UBND", "20", SIPAS, "sipas"),
]


def test_index_plans_named_by_acronym_are_par_plans_of_their_own(tmp_path: Path) -> None:
    db = _ingest(tmp_path, BESIDE)
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "select doc_number, topic, subject, is_current from documents order by doc_number"
        ).fetchall()
    assert got == [
        ("10/KH-UBND", "par", "whole", True),
        ("45/KH-UBND", "par", "index:par", True),
        ("46/KH-UBND", "par", "index:sipas", True),
    ]


def test_the_annual_plan_and_the_index_plans_all_reach_the_marts(tmp_path: Path) -> None:
    db = _ingest(tmp_path, BESIDE)
    assert main(["build", "--db", str(db)]) == 0
    targets = (
        f"select distinct plan_topic, {WORDS.format('target_text')} from target_attainment "
        "order by all"
    )
    tasks = f"select distinct plan_topic, {WORDS.format('description')} from task_schedule "
    with duckdb.connect(str(db), read_only=True) as con:
        in_targets = con.execute(targets).fetchall()
        in_tasks = con.execute(tasks + "order by all").fetchall()
    expected = [("par", w) for w in ("annual", "par index", "sipas")]
    assert in_targets == in_tasks == expected


TITLES = [
    # the annual or phase plan of the whole reform, however it is named
    ("Kế hoạch cải cách hành chính năm 2025 của tỉnh Long An", "whole"),
    ("Kế hoạch CCHC tỉnh Gia Lai năm 2026", "whole"),
    ("Kế hoạch cải cách hành chính nhà nước giai đoạn 2021-2025", "whole"),
    ("Kế hoạch thực hiện công tác cải cách hành chính năm 2024", "whole"),
    # the reform named beside an index: still the whole plan
    ("Kế hoạch cải cách hành chính, nâng cao Chỉ số SIPAS năm 2025", "whole"),
    # a re-issue naming what it replaces is about what its plan is about
    ("Kế hoạch CCHC năm 2025 (thay thế Kế hoạch số 12/KH-UBND về Chỉ số PAPI)", "whole"),
    # improving an index: the reform's name inside the index's is not the reform
    ("Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR INDEX) năm 2025", "index:par"),
    ("Kế hoạch nâng cao Chỉ số CCHC của tỉnh năm 2023", "index:par"),
    ("Kế hoạch cải thiện, nâng cao chỉ số PAR Index tỉnh Gia Lai năm 2026", "index:par"),
    ("Kế hoạch nâng cao Chỉ số hài lòng của người dân (SIPAS) năm 2025", "index:sipas"),
    ("Kế hoạch đo lường sự hài lòng của người dân năm 2025", "index:sipas"),
    ("Kế hoạch khắc phục hạn chế, nâng cao Chỉ số SIPAS, PAPI năm 2025", "index:papi+sipas"),
    ("Kế hoạch cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2025", "index:pci"),
    ("Kế hoạch nâng cao Chỉ số chuyển đổi số (DTI) năm 2025", "index:dti"),
    # one part of the reform, or one activity on it
    ("Kế hoạch cải cách thủ tục hành chính năm 2026", "part:procedures"),
    ("Kế hoạch cải cách tổ chức bộ máy hành chính giai đoạn 2026-2030", "part:apparatus"),
    ("Kế hoạch kiểm soát thủ tục hành chính năm 2025", "part:procedure_control"),
    ("Kế hoạch thực hiện cơ chế một cửa, một cửa liên thông năm 2026", "part:one_stop"),
    ("Kế hoạch tuyên truyền cải cách hành chính năm 2025", "activity:communication"),
    ("Kế hoạch kiểm tra công tác CCHC năm 2025", "activity:inspection"),
    # other topics: the whole plan unless an index is named
    ("Kế hoạch chuyển đổi số năm 2025 của tỉnh Long An", "whole"),
    ("Kế hoạch số hóa hồ sơ TTHC gắn với Đề án 06 năm 2026", "whole"),
    ("Kế hoạch giám sát chương trình giảm nghèo năm 2025", "whole"),
    (None, "whole"),
]


@pytest.mark.parametrize(("title", "subject"), TITLES)
def test_plan_subject_from_title(title: str | None, subject: str) -> None:
    assert plan_subject(title) == subject


def _before_0030(folder: Path) -> duckdb.DuckDBPyConnection:
    """A warehouse an earlier parplan made: every migration up to 0029."""
    older = folder / "migrations"
    older.mkdir()
    for path in MIGRATIONS.glob("*.sql"):
        if int(path.name.split("_", 1)[0]) < 30:
            shutil.copy(path, older)
    con = duckdb.connect(str(folder / "old.duckdb"))
    migrate(con, older)
    return con


def _document(
    con: duckdb.DuckDBPyConnection,
    sha: str,
    title: str | None,
    number: str = "1/KH-UBND",
    issued: str = "2025-01-05",
    current: bool = True,
    superseded_by: str | None = None,
    province: str = "Long An",
) -> None:
    con.execute(
        "insert into documents (sha256, format, province, plan_year, kind, topic, issuer, "
        "period_start, period_end, doc_number, issued_date, title, is_current, superseded_by, "
        "loaded_at, complete, arrived_at) values (?, 'text', ?, 2025, 'plan', 'par', ?, 2025, "
        "2025, ?, ?, ?, ?, ?, ?, true, ?)",
        [
            sha,
            province,
            f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}",
            number,
            issued,
            title,
            current,
            superseded_by,
            datetime(2025, 3, 1),
            datetime(2025, 3, 1),
        ],
    )
    con.execute(
        "insert into file_manifest (sha256, original_path, kind, size_bytes, status, "
        "first_seen_at, updated_at) values (?, ?, 'plan', 1, ?, ?, ?)",
        [
            sha,
            f"{sha}.txt",
            "loaded" if current else "superseded",
            datetime(2025, 3, 1),
            datetime(2025, 3, 1),
        ],
    )


def test_migration_0030_reads_each_title_as_plan_subject_does(tmp_path: Path) -> None:
    con = _before_0030(tmp_path)
    for i, (title, _) in enumerate(TITLES):
        _document(con, f"{i:03d}", title, province=f"P{i}")
    assert migrate(con) == ["0030_plan_subject"]
    got = con.execute("select subject from documents order by sha256").fetchall()
    assert [s for (s,) in got] == [subject for _, subject in TITLES]


def test_migration_0030_puts_plans_superseded_by_another_plan_back_in_force(
    tmp_path: Path,
) -> None:
    con = _before_0030(tmp_path)
    annual, index = ANNUAL, INDEX
    # Long An: the index plan superseded the annual plan, which had superseded its draft
    _document(con, "la_annual_v1", annual, "5/KH-UBND", "2025-01-10", False, "la_annual_v2")
    _document(con, "la_annual_v2", annual, "10/KH-UBND", "2025-02-05", False, "la_index")
    _document(con, "la_index", index, "45/KH-UBND", "2025-02-20")
    # Tây Ninh: the index plan superseded the annual plan, then a re-issue of the annual
    # plan superseded the index plan
    tn = {"province": "Tây Ninh"}
    _document(con, "tn_annual_v1", annual, "10/KH-UBND", "2025-02-05", False, "tn_index", **tn)
    _document(con, "tn_index", index, "45/KH-UBND", "2025-02-20", False, "tn_annual_v2", **tn)
    _document(con, "tn_annual_v2", annual, "60/KH-UBND", "2025-03-01", **tn)
    migrate(con)
    got = con.execute(
        "select d.sha256, d.subject, d.is_current, d.superseded_by, m.status from documents d "
        "join file_manifest m using (sha256) order by d.sha256"
    ).fetchall()
    assert got == [
        ("la_annual_v1", "whole", False, "la_annual_v2", "superseded"),
        ("la_annual_v2", "whole", True, None, "loaded"),
        ("la_index", "index:par", True, None, "loaded"),
        ("tn_annual_v1", "whole", False, "tn_annual_v2", "superseded"),
        ("tn_annual_v2", "whole", True, None, "loaded"),
        ("tn_index", "index:par", True, None, "loaded"),
    ]


# A task-progress report on the annual plan, by task code and by task text only, as an
# agency sends it (its title names the PAR plan, not which of the province's PAR plans).
REPORT = [
    ["UBND TỈNH LONG AN"],
    [f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM {Y}"],
    ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"],
    ["1.1", "Kiểm tra (annual).", "Sở Nội vụ", "Đã hoàn thành", f"Năm {Y}"],
    ["", "Tập huấn (annual).", "Sở Tư pháp", "Đang thực hiện", f"Năm {Y}"],
]
# read against the annual plan (10/KH-UBND): 1.1 by its code, 1.2 by its text
ON_THE_ANNUAL_PLAN = [("1.1", "code", "10/KH-UBND"), ("1.2", "text", "10/KH-UBND")]
IN_FORCE_ON_SIGNING = "Kế hoạch này có hiệu lực kể từ ngày ký."

# (the files in load order: A the annual plan of 05/02, I the index plan of 20/02, R the
# report; whether each plan says it is in force from signing, which dates it)
READ_AGAINST = [(order, dated) for dated in (True, False) for order in ("AIR", "IAR", "ARI", "IRA")]


@pytest.mark.parametrize(("order", "dated"), READ_AGAINST)
def test_a_report_on_the_annual_plan_is_read_against_it_not_the_index_plan(
    tmp_path: Path, order: str, dated: bool
) -> None:
    db = tmp_path / "parplan.duckdb"
    plans = {"A": ("10/KH-UBND", "05", ANNUAL, "annual"), "I": ("45/KH-UBND", "20", INDEX, "index")}
    for name in order:
        if name == "R":
            path = tmp_path / "bao_cao.csv"
            path.write_bytes(csv_bytes(REPORT))
        else:
            text = _plan(*plans[name])
            if dated:
                text = text.replace("như sau:", f"như sau:\n{IN_FORCE_ON_SIGNING}", 1)
            path = tmp_path / f"kh_{name}.txt"
            path.write_text(text, encoding="utf-8")
        assert main(["ingest", str(path), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        matched = con.execute(
            "select p.task_code, p.match_method, d.doc_number from progress_rows p "
            "left join documents d on d.sha256 = p.plan_sha256 order by all"
        ).fetchall()
        queued = con.execute("select raw from review_queue where kind = 'task' order by raw")
        assert (matched, queued.fetchall()) == (ON_THE_ANNUAL_PLAN, [])
