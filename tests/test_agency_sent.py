"""Metric files as provincial departments, districts and communes send them, in shapes a
tester (agency5) found loading a wrong figure with exit 0, or refusing a clean file (issue
14). One ``parplan ingest`` of every case's file, each in its own folder; per case what
loads (source row, agency as written, numerator, denominator, value), which rows are
rejected with a part of the reason, the notes the file gets, and that nothing waits in
the review queue for a name the agency wrote plainly.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from parplan.cli import main
from tests.helpers import (
    assert_rejected,
    assert_told,
    case_load,
    case_table,
    csv_bytes,
    file_load,
    xlsx_bytes,
)

LA = "Long An"
DOS = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4"  # as agencies write the catalog's names
SAT = "Mức độ hài lòng về giải quyết TTHC"
NV, TP, YT, TC, XD = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng"
COUNTS = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
SHARE = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"]
KEPT = "total row"  # part of the note on total or subtotal rows kept out (they agree)


def _styled_below(rows: list[list[object]], column: int, fmt: str, down_to: int) -> bytes:
    """A workbook whose ``column`` is formatted ``fmt`` from row 2 down to ``down_to``,
    past the table (as a department formats a range before filling it): empty cells
    with a style, and no value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for r in range(2, down_to + 1):
        ws.cell(r, column).number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[object, ...]] = field(default_factory=list)  # row, agency, num, den, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    notes: list[str] = field(default_factory=list)  # part of each warning or note on the file


CASES = [
    # --- totals and subtotals, as districts and communes label them ------------------------
    # was: 'Cộng huyện Cần Giuộc' and 'Cộng huyện Bến Lức' loaded as agencies (the review
    # queue), their sums beside the communes' own rows
    Case("a subtotal per district after its communes, tab-separated",
         csv_bytes([["Tỉnh", "Đơn vị", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
                    [LA, "UBND huyện Cần Giuộc", DOS, "Năm 2023", "120", "200"],
                    [LA, "Cộng huyện Cần Giuộc", DOS, "Năm 2023", "120", "200"],
                    [LA, "UBND huyện Bến Lức", DOS, "Năm 2023", "50", "100"],
                    [LA, "Cộng huyện Bến Lức", DOS, "Năm 2023", "50", "100"],
                    [LA, "Tổng cộng", DOS, "Năm 2023", "170", "300"]], sep="\t"),
         loads=[(2, "UBND huyện Cần Giuộc", 120.0, 200.0, 60.0),
                (4, "UBND huyện Bến Lức", 50.0, 100.0, 50.0)],
         # each agrees with the rows it sums: kept out, no reject (loud36)
         notes=[f"rows 3, 5, 6: {KEPT}s ('Cộng huyện Cần Giuộc', 'Cộng huyện Bến Lức', "
                "'Tổng cộng')"]),
    # was: 'Toàn huyện', 'Cộng khối sở, ngành', 'Cộng (I)' loaded as unknown agencies
    Case("totals named by the whole district, by a block of departments, by a section",
         csv_bytes([COUNTS,
                    [LA, NV, DOS, "Năm 2023", "300", "400"],
                    [LA, TP, DOS, "Năm 2023", "100", "200"],
                    [LA, "Cộng khối sở, ngành", DOS, "Năm 2023", "400", "600"],
                    [LA, "Cộng (I)", DOS, "Năm 2023", "400", "600"],
                    [LA, "Toàn huyện", DOS, "Năm 2023", "400", "600"],
                    [LA, "Tổng cộng (I+II)", DOS, "Năm 2023", "400", "600"]]),
         loads=[(2, NV, 300.0, 400.0, 75.0), (3, TP, 100.0, 200.0, 50.0)],
         notes=[f"rows 4, 5, 6, 7: {KEPT}s ('Cộng khối sở, ngành', 'Cộng (I)', 'Toàn huyện', "
                "...)"]),
    # was: loaded as the office's own figure: the province's dossiers counted twice in the
    # marts' sum of the agencies' counts
    Case("the province-wide sum written against the office that compiles it",
         csv_bytes([COUNTS,
                    [LA, NV, DOS, "Năm 2023", "300", "400"],
                    [LA, TP, DOS, "Năm 2023", "100", "200"],
                    [LA, "Văn phòng UBND tỉnh (tổng hợp chung toàn tỉnh)", DOS, "Năm 2023",
                     "400", "600"]]),
         loads=[(2, NV, 300.0, 400.0, 75.0), (3, TP, 100.0, 200.0, 50.0)],
         notes=["row 4: a total row ('Văn phòng UBND tỉnh (tổng hợp chung toàn tỉnh)')"]),
    # --- names as agencies number and mark them ----------------------------------------------
    # was: '(1)' and '(2)' (marks of the footnotes under the table) kept the names from
    # resolving: the figures waited in the review queue
    Case("an indicator with its footnote's number",
         csv_bytes([SHARE,
                    [LA, NV, SAT + " (1)", "Năm 2023", "95"],
                    [LA, TP, DOS + " (2)", "Năm 2023", "45"],
                    [LA, YT, DOS + "(2)", "Năm 2023", "40"],
                    [LA, TC, SAT + "¹", "Năm 2023", "90"]]),
         loads=[(2, NV, None, None, 95.0), (3, TP, None, None, 45.0),
                (4, YT, None, None, 40.0), (5, TC, None, None, 90.0)]),
    # was: '1. Sở Y tế', '2) Sở Tài chính', 'a) Sở Xây dựng' waited in the review queue
    Case("agencies numbered in their own cell",
         csv_bytes([SHARE,
                    [LA, "1. Sở Y tế", SAT, "Năm 2023", "90"],
                    [LA, "2) Sở Tài chính", SAT, "Năm 2023", "91"],
                    [LA, "a) Sở Xây dựng", SAT, "Năm 2023", "93"],
                    [LA, "II. Sở Tư pháp", SAT, "Năm 2023", "94"]]),
         loads=[(2, "1. Sở Y tế", None, None, 90.0), (3, "2) Sở Tài chính", None, None, 91.0),
                (4, "a) Sở Xây dựng", None, None, 93.0), (5, "II. Sở Tư pháp", None, None, 94.0)]),
    # --- invisible characters pasted from a web page or Word --------------------------------
    # was: rejected, "'95\u200b,5' is not a number"
    Case("a zero-width space inside a number",
         csv_bytes([SHARE,
                    [LA, NV, SAT, "Năm 2023", "95\u200b,5"],
                    [LA, TP, SAT, "Năm 2023", "\ufeff92"],
                    [LA, YT, SAT, "Năm 2023", "90,5\u200b"]]),
         loads=[(2, NV, None, None, 95.5), (3, TP, None, None, 92.0),
                (4, YT, None, None, 90.5)]),
    # --- a workbook formatted past its table ----------------------------------------------------
    # was: the whole workbook quarantined, "unexpected OutOfBoundsError: gather indices are
    # out of bounds" (the empty cells formatted as percents under the table)
    Case("a percent column formatted down to row 40, filled to row 4",
         _styled_below([SHARE, [LA, NV, SAT, "Năm 2023", 0.955], [LA, TP, SAT, "Năm 2023", 0.92],
                        [LA, YT, SAT, "Năm 2023", 0.9]], 5, "0.0%", 40), "bao_cao.xlsx",
         loads=[(2, NV, None, None, 95.5), (3, TP, None, None, 92.0), (4, YT, None, None, 90.0)]),
    # --- a period above the table ------------------------------------------------------------
    # the dated line under the title names a day, not the period: the column's year stands
    Case("an annual report dated in January, over a Năm column",
         csv_bytes([["BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2023"],
                    ["Long An, ngày 20 tháng 01 năm 2024"],
                    ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm", "Tỷ lệ (%)"],
                    [LA, NV, SAT, "2023", "95"]]),
         loads=[(4, NV, None, None, 95.0)]),
    # was: rows 4 and 5 rejected, "agency is blank" (exit 3 for a clean file): the notes the
    # marks refer to, written in the STT column under the table
    Case("footnotes under the table, in its STT column",
         xlsx_bytes([["STT", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)"],
                     [1, NV + "(*)", SAT + " (1)", "Năm 2023", 95], [2, TP, SAT + " (1)", "Năm 2023", 92],
                     ["(*) Số liệu của Sở Nội vụ đã bao gồm Ban Tôn giáo"],
                     ["(1) Theo Hệ thống đánh giá của Bộ Nội vụ"]]),
         "Long_An_bao_cao.xlsx",
         loads=[(2, NV + "(*)", None, None, 95.0), (3, TP, None, None, 92.0)],
         notes=["rows 4, 5: no figure, no name, no period"]),
    # a note written under the table's label column, its text in the next one
    Case("'Ghi chú:' in the first column, the note beside it",
         xlsx_bytes([SHARE, [LA, NV, SAT, "Năm 2023", 95.5], [LA, TP, SAT, "Năm 2023", 92],
                     [None], ["Ghi chú:", "Số liệu tạm tính đến ngày 15/12/2023"]]),
         "bao_cao.xlsx",
         loads=[(2, NV, None, None, 95.5), (3, TP, None, None, 92.0)],
         notes=["the signature block under the table ('Ghi chú:'"]),
]  # fmt: skip


# Files refused whole, and the part of the reason that names what the agency wrote
REFUSED = [
    # was: 1.2/2.4 and 0.5/2 loaded beside Sở Y tế's 300/1000, exit 0: the unit line above
    # the table gave every count in thousands
    ("thousands in the unit line above the table",
     csv_bytes([["BÁO CÁO SỐ HỒ SƠ GIẢI QUYẾT TRỰC TUYẾN NĂM 2023"],
                ["Đơn vị tính: nghìn hồ sơ"], COUNTS,
                [LA, NV, DOS, "Năm 2023", "1,2", "2,4"], [LA, YT, DOS, "Năm 2023", "300", "1000"]]),
     "'Đơn vị tính: nghìn hồ sơ' (row 2) gives the figures in thousands"),
    ("ĐVT in a workbook's title, millions",
     xlsx_bytes([["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
                 [NV, "Số đơn vị sự nghiệp công lập", "Năm 2023", 1.5]],
                title=["BÁO CÁO TỈNH LONG AN", "ĐVT: triệu"]),
     "(row 2) gives the figures in millions"),
    # was: 1.2/2.4 loaded beside 300/1000: the scale written as a figure
    ("a scale written as a figure in the unit line",
     csv_bytes([["BÁO CÁO SỐ HỒ SƠ NĂM 2023"], ["ĐVT: 1.000 hồ sơ"], COUNTS,
                [LA, NV, DOS, "Năm 2023", "1,2", "2,4"], [LA, YT, DOS, "Năm 2023", "300", "1000"]]),
     "'ĐVT: 1.000 hồ sơ' (row 2) gives the figures in thousands"),
    ("a scale written as a figure in the count headers",
     csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số (1.000 hồ sơ)",
                 "Mẫu số (1.000 hồ sơ)"], [LA, NV, DOS, "Năm 2023", "1,2", "2,4"]]),
     "'Tử số (1.000 hồ sơ)' (column 5) gives its figures in thousands"),
    # was: the first half of 2024 loaded as the whole year 2024 (its Năm column), exit 0
    ("the title's half year over a column of years",
     csv_bytes([["BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024"],
                ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm", "Tỷ lệ (%)"],
                [LA, NV, SAT, "2024", "95"], [LA, TP, SAT, "2024", "92"]]),
     "the title names 6 tháng đầu năm 2024 ('BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024'), but column 'Năm' gives whole years (2024)"),
    ("the title's quarter over a column of years, in a workbook",
     xlsx_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Năm", "Tỷ lệ (%)"], [LA, NV, SAT, 2024, 95]],
                title=["KẾT QUẢ THỰC HIỆN QUÝ III NĂM 2024"]),
     "the title names quý 3/2024"),
]  # fmt: skip


warehouse = case_table("agency_sent", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_the_figure_an_agency_sent(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, numerator, denominator, value,"
        " agency_code is null or indicator_code is null",
        "source_row",
    )
    assert got.status == "loaded", got.error
    assert [r[:5] for r in got.rows] == [
        tuple(v if isinstance(v, str) or v is None else pytest.approx(v) for v in row)
        for row in case.loads
    ]
    assert [r[1] for r in got.rows if r[5]] == []  # every name resolved: nothing queued
    assert_rejected(got.rejects, case.rejects)
    assert_told([m for _, m in got.issues], case.notes)


@pytest.mark.parametrize(("why", "data", "part"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_cannot_say_its_figures_is_refused(
    tmp_path: Path, why: str, data: bytes, part: str
) -> None:
    """A file whose figures are not what its cells say (a scale or a period given above
    the table) is refused naming both (exit 1), and nothing of it loads."""
    name = "bao_cao.xlsx" if data.startswith(b"PK") else "bao_cao.csv"
    (tmp_path / name).write_bytes(data)
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(tmp_path / name)]) == 1
    got = file_load(db, f"%/{name}", "source_row")
    assert got.status == "quarantined"
    assert part in (got.error or ""), got.error
    assert got.rows == []
