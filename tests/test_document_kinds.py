"""Document kinds and header fields: plans of any topic are accepted, other kinds refused.

The documents in tests/fixtures/headers/ are synthetic (written for these tests) in the
shapes real ones take; golden.json beside them was written by hand. The Word-style seed
(tests/fixtures/generated/longan_2022_office.*) lays header and signature out as offices
do: borderless two-column tables, page numbers in the page header.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractors.classify_document import classify, topic
from extractors.errors import NotAPlan
from extractors.extract_plan import extract_plan
from extractors.parse_plan_period import PlanPeriod, parse_plan_period
from extractors.read_any import read_document
from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from warehouse.database import Warehouse
from warehouse.ingest import ingest

HERE = Path(__file__).parent / "fixtures"
HEADERS = HERE / "headers"
GOLDEN: dict[str, Any] = {
    k: v
    for k, v in json.loads((HEADERS / "golden.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")
}
PLANS = [name for name, want in GOLDEN.items() if "refused" not in want]
NON_PLANS = [name for name, want in GOLDEN.items() if "refused" in want]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parplan.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


FIELDS = (
    "kind",
    "issuer",
    "province",
    "topic",
    "plan_year",
    "plan_period",
    "doc_number",
    "issued_date",
    "signer",
    "signers",
    "title",
)


@pytest.mark.parametrize("name", PLANS)
def test_plan_header_fields(name: str) -> None:
    plan = extract_plan(read_document(HEADERS / name))
    got = plan.as_dict()["document"]
    want = GOLDEN[name]
    assert {f: got[f] for f in FIELDS} == {f: want[f] for f in FIELDS}
    assert [r.number for r in plan.references] == want["references"]
    codes = {(i.severity, i.code) for i in plan.issues}
    assert ("warning", "appendix_missing") in codes  # no appendix table: said, not fatal


@pytest.mark.parametrize("name", NON_PLANS)
def test_non_plan_refused_naming_its_kind(name: str) -> None:
    with pytest.raises(NotAPlan) as err:
        extract_plan(read_document(HEADERS / name))
    assert err.value.kind == GOLDEN[name]["refused"]
    assert str(HEADERS / name) in str(err.value)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("cantho_2024_ct_directive.txt", "directive"),  # a Chỉ thị naming a PAR plan
        ("binhdinh_2024_bc_progress.txt", "progress_report"),  # for the task-progress reader
        ("news_2024_hoinghi.txt", "unknown"),  # news text about a plan
    ],
)
def test_cli_refuses_with_exit_2_naming_the_kind(name: str, kind: str) -> None:
    proc = run_cli("extract", str(HEADERS / name))
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"({kind})" in proc.stderr and str(HEADERS / name) in proc.stderr


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_word_layout_seed_gives_header_and_signature(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(HERE / "generated" / f"longan_2022_office.{fmt}")]) == 0
    payload = json.loads(capsys.readouterr().out)
    doc = payload["document"]
    assert doc["signer"] == "Nguyễn Văn Út"  # no page number glued to it
    assert doc["signers"] == [{"name": "Nguyễn Văn Út", "role": "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"}]
    assert doc["title"] == (
        "Về việc ban hành Kế hoạch công tác cải cách hành chính năm 2022 trên địa bàn tỉnh Long An"
    )
    assert doc["issued_date"] == "2021-12"  # the draft leaves the day blank
    assert doc["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LONG AN"  # not "1 ỦY BAN ..." (page number)
    assert (doc["province"], doc["plan_year"], doc["kind"], doc["topic"]) == (
        "Long An",
        2022,
        "plan",
        "par",
    )
    assert len(payload["targets"]) == 26 and len(payload["tasks"]) == 45
    assert len(payload["body_targets"]) == 1  # the body is read past the header's layout table


PERIODS = [
    # an annual plan whose title does not say "cải cách hành chính ... năm" in that order
    ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH TUYÊN QUANG NĂM 2014", PlanPeriod(2014, 2014)),
    # a phase plan
    ("Kế hoạch chuyển đổi số giai đoạn 2021-2025", PlanPeriod(2021, 2025)),
    # "đến năm 2030" inside a quoted scheme name: the plan runs up to 2030
    ("BAN HÀNH KẾ HOẠCH TRIỂN KHAI ĐỀ ÁN “X, ĐẾN NĂM 2030”", PlanPeriod(None, 2030)),
    # an annual plan for a phase programme: the last period named wins
    ("Kế hoạch thực hiện Chương trình X giai đoạn 2021 - 2025 năm 2023", PlanPeriod(2023, 2023)),
    # a three-year budget plan
    ("KẾ HOẠCH TÀI CHÍNH 03 NĂM 2026 - 2028", PlanPeriod(2026, 2028)),
    # a phase with an orientation: the phase
    ("Đề án Y giai đoạn 2021-2025, định hướng đến năm 2030", PlanPeriod(2021, 2025)),
    # no year in the title: none taken from elsewhere
    ("VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ", None),
]


@pytest.mark.parametrize(("title", "want"), PERIODS)
def test_plan_period(title: str, want: PlanPeriod | None) -> None:
    assert parse_plan_period(title) == want


KINDS = [
    # a decision adopting a plan is the plan
    (("QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch CCHC năm 2022"), "plan"),
    # approving a programme or a scheme
    (("QUYẾT ĐỊNH", "PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ"), "programme"),
    (("QUYẾT ĐỊNH", "Phê duyệt Đề án chuyển đổi số"), "scheme"),
    # a decision publishing procedures adopts nothing
    (("QUYẾT ĐỊNH", "Về việc công bố danh mục thủ tục hành chính"), "decision"),
    # a decision assigning plan figures is no plan
    (("QUYẾT ĐỊNH", "Về việc giao chỉ tiêu kế hoạch năm 2024"), "decision"),
    # reports: progress on a plan, or other
    (("BÁO CÁO", "Tình hình thực hiện Kế hoạch CCHC 6 tháng đầu năm"), "progress_report"),
    (("BÁO CÁO", "Tổng kết công tác năm 2023"), "progress_report"),
    (("BÁO CÁO", "Về nhu cầu kinh phí"), "report"),
    (("NGHỊ QUYẾT", "Về kế hoạch phát triển kinh tế - xã hội năm 2024"), "resolution"),
    (("THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh"), "notice"),
]


@pytest.mark.parametrize(("heading_title", "kind"), KINDS)
def test_kind_from_heading_and_title(heading_title: tuple[str, str], kind: str) -> None:
    heading, title = heading_title
    assert classify(heading, title, True, False).kind == kind


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Kế hoạch cải cách hành chính năm 2023", "par"),  # the seed's topic
        ("Kế hoạch CCHC năm 2023", "par"),  # abbreviated
        ("Kế hoạch triển khai Đề án 06 năm 2025", "digital"),
        ("Chương trình phát triển Chính phủ số", "digital"),
        ("Kế hoạch giám sát chương trình giảm nghèo năm 2025", "other"),
        # a PAR plan named by one of its parts or by the index it is judged on
        ("Kế hoạch cải cách thủ tục hành chính năm 2026", "par"),
        ("Kế hoạch nâng cao Chỉ số PAR INDEX tỉnh Gia Lai năm 2026", "par"),
        ("Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR Index) năm 2026", "par"),
        ("Kế hoạch cải cách tổ chức bộ máy hành chính giai đoạn 2026-2030", "par"),
        ("Kế hoạch nâng cao chỉ số SIPAS năm 2026", "par"),
        # one part of the work, the reform unnamed: a plan of its own beside the PAR plan
        # (the topic is part of a plan's identity: it must not supersede the PAR plan)
        ("Kế hoạch kiểm soát thủ tục hành chính năm 2025", "other"),
        ("Kế hoạch thực hiện cơ chế một cửa, một cửa liên thông năm 2026", "other"),
        # digital work on procedures stays digital; "hành chính" alone is no reform
        ("Kế hoạch chuyển đổi số trong giải quyết thủ tục hành chính năm 2026", "digital"),
        ("Kế hoạch số hóa hồ sơ TTHC gắn với Đề án 06 năm 2026", "digital"),
        ("Kế hoạch xử lý vi phạm hành chính năm 2026", "other"),
        ("Kế hoạch phân bổ ngân sách sự nghiệp năm 2026", "other"),
    ],
)
def test_topic_labels(title: str, label: str) -> None:
    assert topic(title) == label


# --- the warehouse: kinds and periods stored, plan identity issuer x kind x topic x period ---


def _variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    path = tmp_path / name
    text = (HEADERS / "tuyenquang_2014_kh.txt").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_plan_identity_is_issuer_kind_topic_period(tmp_path: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    par = HEADERS / "tuyenquang_2014_kh.txt"
    title = "CẢI CÁCH HÀNH CHÍNH TỈNH TUYÊN QUANG NĂM 2014"
    digital = _variant(tmp_path, "cds.txt", title, "CHUYỂN ĐỔI SỐ TỈNH TUYÊN QUANG NĂM 2014")
    phase = _variant(tmp_path, "phase.txt", title, f"{title[:-9]}GIAI ĐOẠN 2014 - 2016")
    revised = _variant(tmp_path, "v2.txt", "Số: 12/KH-UBND", "Số: 15/KH-UBND")
    for path in (par, digital, phase):
        assert ingest([path], wh).count("new") == 1
    report = ingest([revised], wh)  # a new version of the PAR plan of 2014
    assert report.superseded == 1
    with wh.analyst() as con:
        rows = con.execute("""select doc_number, kind, topic, plan_year, period_start,
            period_end, issuer, is_current from documents order by loaded_at""").fetchall()
    issuer = "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"
    assert rows == [
        ("12/KH-UBND", "plan", "par", 2014, 2014, 2014, issuer, False),  # superseded
        ("12/KH-UBND", "plan", "digital", 2014, 2014, 2014, issuer, True),  # another topic
        ("12/KH-UBND", "plan", "par", None, 2014, 2016, issuer, True),  # another period
        ("15/KH-UBND", "plan", "par", 2014, 2014, 2014, issuer, True),
    ]


def test_phase_plan_targets_are_judged_at_the_end_year(tmp_path: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    title = "CẢI CÁCH HÀNH CHÍNH TỈNH TUYÊN QUANG NĂM 2014"
    phase = _variant(tmp_path, "phase.txt", title, "CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2014 - 2016")
    ingest([phase], wh)
    with wh.analyst() as con:
        years = con.execute("select distinct plan_year from target_measures").fetchall()
    assert years == [(2016,)]  # the body target "100% thủ tục ... công khai"


def test_migration_0005_labels_plans_loaded_before_it(tmp_path: Path) -> None:
    import duckdb

    from warehouse.database import MIGRATIONS, migrate, now

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "create table schema_migrations (version integer primary key, "
            "name varchar not null, applied_at timestamp not null)"
        )
        for path in sorted(MIGRATIONS.glob("000[1-4]_*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values (?, ?, ?)",
                [int(path.name[:4]), path.stem, now()],
            )
        con.execute("""insert into documents (sha256, format, province, plan_year, is_current,
            loaded_at) values ('a', 'text', 'Long An', 2022, true, now())""")
        assert "0005_document_kinds" in migrate(con)
        got = con.execute("""select kind, topic, issuer, period_start, period_end
            from documents""").fetchall()
    assert got == [("plan", "par", None, 2022, 2022)]


def _doc(*lines: str) -> bytes:
    return "\n\n".join(lines).encode()


_BODY = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Nội dung.")
HEADER_CASES = [
    # a Party committee's plan: number NN-KH/TU
    (
        _doc(
            "TỈNH ỦY NGHỆ AN",
            "Số 07-KH/TU",
            "Vinh, ngày 02 tháng 3 năm 2023",
            "KẾ HOẠCH",
            "Thực hiện chuyển đổi số năm 2023",
            *_BODY,
        ),
        {"doc_number": "07-KH/TU", "issuer": "TỈNH ỦY NGHỆ AN", "issued_date": "2023-03-02"},
    ),
    # a page saved from the web: site text above the header is no part of the issuer
    (
        _doc(
            "Trang chủ > Văn bản > Kế hoạch",
            "ỦY BAN NHÂN DÂN",
            "TỈNH GIA LAI",
            "Số: 88/KH-UBND",
            "Gia Lai, ngày 10 tháng 02 năm 2024",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2024",
            *_BODY,
        ),
        {"issuer": "ỦY BAN NHÂN DÂN TỈNH GIA LAI", "province": "Gia Lai", "plan_year": 2024},
    ),
    # no "Căn cứ": the title stops at the first section heading
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "TỈNH AN GIANG",
            "Số: 5/KH-UBND",
            "An Giang, ngày 05 tháng 01 năm 2024",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2024",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Nội dung.",
        ),
        {"title": "Kế hoạch Cải cách hành chính năm 2024", "topic": "par"},
    ),
    # a law's date in "Căn cứ" is never the issue date; a missing date is null
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "TỈNH BẾN TRE",
            "Số: 9/KH-UBND",
            "KẾ HOẠCH",
            "Chuyển đổi số năm 2024",
            *_BODY,
        ),
        {"issued_date": None, "doc_number": "9/KH-UBND", "topic": "digital"},
    ),
    # a PDF reading the two header columns line by line: the motto lines are skipped
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
            "TỈNH KIÊN GIANG",
            "NAM",
            "Số: 21/KH-UBND",
            "Kiên Giang, ngày 11 tháng 3 năm 2024",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2024",
            *_BODY,
        ),
        {"issuer": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "province": "Kiên Giang"},
    ),
    # the plan's own number, cited by its appendix, is no reference
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "TỈNH SÓC TRĂNG",
            "Số: 5/KH-UBND",
            "Sóc Trăng, ngày 05 tháng 01 năm 2024",
            "KẾ HOẠCH",
            "Chuyển đổi số năm 2024",
            *_BODY,
            "PHỤ LỤC",
            "(Kèm theo Kế hoạch số 5/KH-UBND ngày 05/01/2024)",
        ),
        {"doc_number": "5/KH-UBND", "references": []},
    ),
    # a title opening "Thực hiện ..." is the title; the opening "Thực hiện ..., như sau:" is body
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "TỈNH PHÚ YÊN",
            "Số: 40/KH-UBND",
            "Phú Yên, ngày 01 tháng 3 năm 2024",
            "KẾ HOẠCH",
            "Thực hiện Nghị quyết số 76/NQ-CP của Chính phủ năm 2024",
            "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, Ủy ban nhân dân "
            "tỉnh ban hành Kế hoạch như sau:",
            "I. MỤC ĐÍCH",
        ),
        {
            "title": "Kế hoạch Thực hiện Nghị quyết số 76/NQ-CP của Chính phủ năm 2024",
            "plan_year": 2024,
            "references": ["76/NQ-CP"],
        },
    ),
    # a capitals title on a city: the province comes from the issuer, not the title
    (
        _doc(
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ ĐÀ NẴNG",
            "Số: 3/KH-UBND",
            "Đà Nẵng, ngày 03 tháng 01 năm 2025",
            "KẾ HOẠCH",
            "TRIỂN KHAI ĐỀ ÁN 06 TRÊN ĐỊA BÀN THÀNH PHỐ NĂM 2025",
            *_BODY,
        ),
        {"province": "Đà Nẵng", "plan_year": 2025},
    ),
]


@pytest.mark.parametrize(("data", "want"), HEADER_CASES)
def test_header_field(data: bytes, want: dict[str, object]) -> None:
    from extractors.read_text import read_text

    plan = extract_plan(read_text(data, "case.txt")).as_dict()
    got = {**plan["document"], "references": [r["number"] for r in plan["references"]]}
    assert {k: got[k] for k in want} == want


def _word_signature_in_two_rows() -> bytes:
    """A DOCX whose signature table has two rows (Nơi nhận | role; the list | the name) and
    a recipients list longer than the role block."""
    import io

    from docx import Document as new_docx

    doc = new_docx()
    head = doc.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU",
        (0, 1): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        (1, 0): "Số: 77/KH-UBND",
        (1, 1): "Cà Mau, ngày 04 tháng 4 năm 2024",
    }.items():
        head.cell(r, c).text = text
    for text in ("KẾ HOẠCH", "Chuyển đổi số năm 2024", *_BODY):
        doc.add_paragraph(text)
    sign = doc.add_table(rows=2, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:"
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    sign.cell(1, 0).text = "\n".join(f"- Sở số {i};" for i in range(1, 13)) + "\n- Lưu: VT."
    sign.cell(1, 1).text = "(Đã ký)\n\nLê Văn Sử"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_signer_after_a_long_recipients_list_in_a_two_row_table() -> None:
    from extractors.read_docx import read_docx

    got = extract_plan(read_docx(_word_signature_in_two_rows(), "two_rows.docx")).document
    assert (got.signer, got.issuer, got.doc_number) == (
        "Lê Văn Sử",
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
        "77/KH-UBND",
    )


def test_ingest_quarantines_other_kinds_naming_them(tmp_path: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", REFERENCE)
    files = [HEADERS / "binhdinh_2024_bc_progress.txt", HEADERS / "cantho_2024_ct_directive.txt"]
    report = ingest(files, wh)
    assert report.count("quarantined") == 2
    errors = {Path(r.path).name: r.error or "" for r in report.results}
    assert "(progress_report)" in errors["binhdinh_2024_bc_progress.txt"]
    assert "(directive)" in errors["cantho_2024_ct_directive.txt"]
    with wh.analyst() as con:
        assert con.execute("select count(*) from documents").fetchone() == (0,)
        reasons = [r for (r,) in con.execute("select reason from quarantine").fetchall()]
    assert ["(progress_report)" in r or "(directive)" in r for r in reasons] == [True, True]


def _line(text: str, x0: float, top: float, size: float = 12.0) -> dict[str, Any]:
    """A pdfplumber text line: one character box per character, 0.5 size wide; a run of
    spaces of 4 or more stands for a column gutter."""
    chars, x = [], x0
    for ch in text:
        if ch != " ":
            chars.append({"text": ch, "x0": x, "x1": x + size / 2, "size": size})
        x += size / 2 if ch != " " else size / 3
    return {
        "text": " ".join(text.split()),
        "x0": x0,
        "x1": x,
        "top": top,
        "bottom": top + size,
        "chars": chars,
    }


PAGE_NUMBERS = [
    (_line("2", 300, 30), True),  # top centre of an A4 page (842 pt)
    (_line("- 3 -", 290, 800), True),  # footer, dashed
    (_line("Trang 4", 290, 805), True),
    (_line("2", 300, 400), False),  # a "2" in the body is text
    (_line("Điều 2", 90, 30), False),  # words in the top band are text
]


@pytest.mark.parametrize(("line", "furniture"), PAGE_NUMBERS)
def test_page_numbers_are_page_furniture(line: dict[str, Any], furniture: bool) -> None:
    from extractors.pdf_layout import page_number

    assert page_number(line, 842.0) is furniture


def test_two_column_signature_lines_become_one_layout_row() -> None:
    from extractors.pdf_layout import layout_table, layout_zones

    gap = " " * 40
    lines = [
        _line("quy định./.", 90, 600),  # the body's last line: no column
        _line(f"Nơi nhận:{gap}TM. ỦY BAN NHÂN DÂN", 90, 620),
        _line(f"- Như Điều 3;{gap}CHỦ TỊCH", 90, 634),
        _line("- Lưu: VT.", 90, 648),
        _line("Nguyễn Văn Út", 330, 662),  # the right column alone
    ]
    zones, rest = layout_zones(lines)
    assert [ln["text"] for ln in rest] == ["quy định./."]
    cells = [c.text for c in layout_table(zones[0], 2).rows[0].cells]
    assert cells == [
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Út",
    ]


def test_a_wide_gap_in_prose_stays_prose() -> None:
    from extractors.pdf_layout import layout_zones

    lines = [_line("Tổng cộng" + " " * 40 + "120 triệu đồng", 90, 300)]
    assert layout_zones(lines) == ([], lines)


def test_the_document_heading_under_the_issuer_column_ends_the_header_block() -> None:
    """ "KẾ HOẠCH" set flush left right under the issuer's column was read as a line of that
    column: the PDF's plan lost its title, plan year and topic (warnings only)."""
    from extractors.pdf_layout import layout_table, layout_zones

    gap = " " * 40
    lines = [
        _line(f"ỦY BAN NHÂN DÂN{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 90, 60),
        _line(f"TỈNH HÀ TĨNH{gap}Độc lập - Tự do - Hạnh phúc", 90, 74),
        _line(f"Số: 40/KH-UBND{gap}Hà Tĩnh, ngày 18 tháng 01 năm 2025", 90, 88),
        _line("KẾ HOẠCH", 90, 102),
        _line("Cải cách hành chính năm 2025 của tỉnh Hà Tĩnh", 90, 116),
    ]
    zones, rest = layout_zones(lines)
    assert [ln["text"] for ln in rest] == [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025 của tỉnh Hà Tĩnh",
    ]
    left = layout_table(zones[0], 1).rows[0].cells[0].text
    assert left == "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 40/KH-UBND"
