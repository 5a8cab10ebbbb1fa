"""The progress appendix of a report document: a "Báo cáo kết quả thực hiện Kế hoạch CCHC
năm 2022" whose appendix table lists the plan's tasks with their results is read with the
plans' table machinery (group rows, merged cells, a row cut in two) and loads, through
``parplan ingest``, the same task_progress rows as a CSV with the same content. A report
without a progress table stays refused, its kind named."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import duckdb
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extractors.errors import NotAPlan
from extractors.read_submission import read_submission
from parplan.cli import main
from tests.conftest import SEED
from tests.helpers import csv_bytes

HEADER = [
    "STT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Kết quả thực hiện",
    "Tình trạng",
    "Thời gian hoàn thành",
    "Văn bản/sản phẩm",
]
NV, TP, TC, TT = "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Thông tin và Truyền thông"
DONE, LATE = "Đã hoàn thành", "Hoàn thành trễ hạn"
# The appendix as the report prints it: group rows spanning the table, then the tasks with
# the plan's numbers. A blank agency or status is a cell merged with the one above; the
# row after 7.2 is the rest of 7.2, cut in two (its result goes on).
GROUP = "group"
APPENDIX: list[tuple[str, ...]] = [
    (GROUP, "I. Công tác chỉ đạo, điều hành CCHC"),
    (
        "1.1",
        "Kế hoạch kiểm tra CCHC",
        NV,
        "Đã kiểm tra 12 đơn vị",
        DONE,
        "30/09/2022",
        "KH 45/KH-SNV",
    ),
    ("1.3", "Tập huấn CCHC", "", "2 lớp", "", "15/11/2022", ""),
    ("1.4", "Xác định Chỉ số CCHC 2021", "", "Đã công bố", LATE, "10/04/2022", "QĐ 12/QĐ-UBND"),
    ("1.5", "Kế hoạch CCHC 2023", "", "Đã ban hành", DONE, "20/12/2022", ""),
    (GROUP, "II. Cải cách thể chế"),
    ("2.1", "Xây dựng VBQPPL", TP, "Đã ban hành 8 văn bản", DONE, "15/12/2022", ""),
    ("2.5", "Theo dõi thi hành pháp luật", TP, "", "Chưa thực hiện", "", ""),
    (GROUP, "III. Cải cách thủ tục hành chính"),
    ("3.1", "Công bố TTHC", "Văn phòng UBND tỉnh", "Đã công bố", DONE, "31/03/2022", ""),
    (GROUP, "V. Cải cách chế độ công vụ"),
    ("5.4", "Đánh giá CBCCVC", NV, "", "Đang thực hiện", "", ""),
    (GROUP, "VI. Cải cách tài chính công"),
    ("6.1", "Giao tự chủ tài chính", TC, "", DONE, "20/01/2022", ""),
    ("6.2", "Quản lý tài sản công", "", "", "", "25/06/2022", ""),
    ("6.3", "Khoán kinh phí", "", "", "Không thực hiện được: chưa có hướng dẫn", "", ""),
    (GROUP, "VII. Xây dựng chính quyền điện tử, chính quyền số"),
    ("7.1", "Nâng cấp Cổng dịch vụ công", TT, "Đã nâng cấp", DONE, "15/02/2022", ""),
    ("7.2", "Dịch vụ bưu chính công ích", TT, "Đã tiếp nhận", DONE, "30/11/2022", "BC 9"),
    ("", "", "", "1.200 hồ sơ qua bưu điện", "", "", ""),
]
# the same appendix as a flat CSV: every cell written out, the cut row joined, the period
CSV_HEADER = [*HEADER, "Kỳ báo cáo"]
CSV_ROWS = [
    [
        "1.1",
        "Kế hoạch kiểm tra CCHC",
        NV,
        "Đã kiểm tra 12 đơn vị",
        DONE,
        "30/09/2022",
        "KH 45/KH-SNV",
    ],
    ["1.3", "Tập huấn CCHC", NV, "2 lớp", DONE, "15/11/2022", ""],
    ["1.4", "Xác định Chỉ số CCHC 2021", NV, "Đã công bố", LATE, "10/04/2022", "QĐ 12/QĐ-UBND"],
    ["1.5", "Kế hoạch CCHC 2023", NV, "Đã ban hành", DONE, "20/12/2022", ""],
    ["2.1", "Xây dựng VBQPPL", TP, "Đã ban hành 8 văn bản", DONE, "15/12/2022", ""],
    ["2.5", "Theo dõi thi hành pháp luật", TP, "", "Chưa thực hiện", "", ""],
    ["3.1", "Công bố TTHC", "Văn phòng UBND tỉnh", "Đã công bố", DONE, "31/03/2022", ""],
    ["5.4", "Đánh giá CBCCVC", NV, "", "Đang thực hiện", "", ""],
    ["6.1", "Giao tự chủ tài chính", TC, "", DONE, "20/01/2022", ""],
    ["6.2", "Quản lý tài sản công", TC, "", DONE, "25/06/2022", ""],
    ["6.3", "Khoán kinh phí", TC, "", "Không thực hiện được: chưa có hướng dẫn", "", ""],
    ["7.1", "Nâng cấp Cổng dịch vụ công", TT, "Đã nâng cấp", DONE, "15/02/2022", ""],
    [
        "7.2",
        "Dịch vụ bưu chính công ích",
        TT,
        "Đã tiếp nhận 1.200 hồ sơ qua bưu điện",
        DONE,
        "30/11/2022",
        "BC 9",
    ],
]
CSV_ROWS = [[*r, "Năm 2022"] for r in CSV_ROWS]
# hand-read from the appendix: (code, status, completed_on, reason, evidence)
EXPECTED = [
    ("1.1", "done", "2022-09-30", None, "KH 45/KH-SNV"),
    ("1.3", "done", "2022-11-15", None, None),  # status merged with 1.1's
    ("1.4", "done_late", "2022-04-10", None, "QĐ 12/QĐ-UBND"),
    ("1.5", "done", "2022-12-20", None, None),
    ("2.1", "done", "2022-12-15", None, None),
    ("2.5", "not_started", None, None, None),
    ("3.1", "done", "2022-03-31", None, None),
    ("5.4", "in_progress", None, None, None),
    ("6.1", "done", "2022-01-20", None, None),
    ("6.2", "done", "2022-06-25", None, None),  # status and agency merged with 6.1's
    ("6.3", "cannot_do", None, "chưa có hướng dẫn", None),
    ("7.1", "done", "2022-02-15", None, None),
    ("7.2", "done", "2022-11-30", None, "BC 9"),
]
FRONT = [
    "ỦY BAN NHÂN DÂN TỈNH LONG AN",
    "Số: 350/BC-UBND",
    "Long An, ngày 20 tháng 12 năm 2022",
    "BÁO CÁO",
    "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2022",
    "Thực hiện Kế hoạch cải cách hành chính năm 2022, UBND tỉnh báo cáo như sau.",
]
APPENDIX_TITLE = "Phụ lục: Kết quả thực hiện các nhiệm vụ"


def _merges(col: int) -> list[tuple[int, int]]:
    """(first, last) body rows a blank cell of ``col`` merges with the cell above (in a
    group, never across one; never under a cut row)."""
    runs: list[tuple[int, int]] = []
    for i, row in enumerate(APPENDIX):
        if row[0] not in (GROUP, "") and not row[col] and i and APPENDIX[i - 1][0] != GROUP:
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i - 1, i))
    return runs


def write_docx(path: Path, with_table: bool = True) -> Path:
    """The report as Word writes it: the appendix table with its group rows merged across
    the table and the agency and status cells merged down (python-docx; same bytes' content
    every run)."""
    doc = docx.Document()
    for text in FRONT:
        para = doc.add_paragraph()
        para.add_run(text).bold = text.isupper()
    if not with_table:
        doc.save(str(path))
        return path
    doc.add_paragraph(APPENDIX_TITLE)
    table = doc.add_table(rows=1 + len(APPENDIX), cols=len(HEADER))
    table.style = "Table Grid"
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for c, h in enumerate(HEADER):
        table.cell(0, c).paragraphs[0].add_run(h).bold = True
    for r, row in enumerate(APPENDIX, start=1):
        if row[0] == GROUP:
            first = table.cell(r, 0)
            first.merge(table.cell(r, len(HEADER) - 1))
            first.paragraphs[0].add_run(row[1]).bold = True
            continue
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text)
    for col in (2, 4):  # agency, status
        for top, bottom in _merges(col):
            table.cell(top + 1, col).merge(table.cell(bottom + 1, col))
    doc.save(str(path))
    return path


def write_html(path: Path) -> Path:
    """The report saved from a web page: rowspan for the merged cells, colspan for groups."""
    spans = {(top, col): bottom - top + 1 for col in (2, 4) for top, bottom in _merges(col)}
    covered = {(r, col) for (top, col), n in spans.items() for r in range(top + 1, top + n)}
    rows = ["<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in HEADER) + "</tr>"]
    for i, row in enumerate(APPENDIX):
        if row[0] == GROUP:
            rows.append(f'<tr><td colspan="{len(HEADER)}"><b>{html.escape(row[1])}</b></td></tr>')
            continue
        cells = []
        for c, text in enumerate(row):
            if (i, c) in covered:
                continue
            span = f' rowspan="{spans[(i, c)]}"' if (i, c) in spans else ""
            cells.append(f"<td{span}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    front = "".join(f"<p>{html.escape(t)}</p>" for t in [*FRONT, APPENDIX_TITLE])
    page = f"<html><body>{front}<table>{''.join(rows)}</table></body></html>"
    path.write_text(page, encoding="utf-8")
    return path


def _task_progress(db: Path) -> list[tuple[object, ...]]:
    """The mart's rows, but for the report file they came from (and its row in it)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """select * exclude (source_report, source_row) from task_progress
               order by province, plan_year, code"""
        ).fetchall()


def _ingest_and_build(tmp: Path, report: Path) -> Path:
    db = tmp / "wh.duckdb"
    assert main(["ingest", str(SEED), str(report), "--db", str(db)]) == 0
    assert main(["build", "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    tmp = tmp_path_factory.mktemp("csv")
    (tmp / "bc.csv").write_bytes(csv_bytes([["UBND TỈNH LONG AN"], CSV_HEADER, *CSV_ROWS]))
    return _task_progress(_ingest_and_build(tmp, tmp / "bc.csv"))


WRITERS = [
    # a Word report: group rows merged across, agency and status cells merged down
    ("bao_cao.docx", write_docx),
    # the same report saved as a web page: colspan and rowspan
    ("bao_cao.html", write_html),
]


@pytest.mark.parametrize(("name", "write"), WRITERS)
def test_a_report_documents_appendix_gives_the_csvs_task_progress(
    tmp_path: Path, from_csv: list[tuple[object, ...]], name: str, write: object
) -> None:
    report = write(tmp_path / name)  # type: ignore[operator]
    db = _ingest_and_build(tmp_path, report)
    with duckdb.connect(str(db), read_only=True) as con:
        kind = con.execute(
            "select kind from file_manifest where original_path like ?", [f"%{name}"]
        )
        assert kind.fetchall() == [("progress",)]
        reported = con.execute(
            """select code, status, cast(completed_on as varchar), reason, evidence
               from task_progress where status <> 'not_reported' order by code"""
        ).fetchall()
    assert reported == EXPECTED
    assert _task_progress(db) == from_csv


def test_the_appendix_rows_carry_their_qualified_codes_and_joined_text(tmp_path: Path) -> None:
    got = read_submission(write_docx(tmp_path / "bc.docx"))
    assert not isinstance(got, tuple)
    assert got.rejects == ()
    by_code = {r.code: r for r in got.rows}
    assert list(by_code) == [e[0] for e in EXPECTED]
    assert by_code["7.2"].result == "Đã tiếp nhận 1.200 hồ sơ qua bưu điện"  # the cut row
    assert by_code["6.2"].agency_raw == TC  # merged down
    assert (by_code["1.1"].province, by_code["1.1"].period_raw) == ("Long An", "Năm 2022")


def test_a_report_without_a_progress_table_is_refused_naming_its_kind(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bc.docx", with_table=False)
    with pytest.raises(NotAPlan) as err:
        read_submission(path)
    assert err.value.kind == "progress_report"
    db = tmp_path / "wh.duckdb"
    assert main(["ingest", str(path), "--db", str(db)]) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        (reason,) = con.execute("select reason from quarantine").fetchone() or ("",)
    assert "progress_report" in reason and "no progress table" in reason
