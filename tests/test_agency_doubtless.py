"""Metric files a reader takes without doubt that the tool refused or rejected (issue 14's
loud leftovers, loud39): a year reported up to a day ("Năm 2024 (đến 30/11)": 1 January to
that day, as "Lũy kế đến 30/11/2024" is); "-" or "x" in a wide file's indicator cell (no
data for that indicator on that row, as in a long file, not a reject of the row); counts
headed "Số phiếu hài lòng" and "Tổng số phiếu khảo sát" (the satisfied and the surveyed: a
part and its total, the numerator and the denominator); a share written as a formula with
no cached value beside its counts (the share is the counts': computed from them, said); a
year merged over a "Tử số | Mẫu số" pair (the counts' period). One ``parplan ingest`` of
every case's file, each in its own folder; per case what loads (source row, period kind,
first and last day, numerator, denominator, value), the rows rejected and what the file is
told.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from tests.helpers import FileCase as Case
from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes, xlsx_bytes

LA, NV, TP, YT = "Long An", "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
SAT, DOS = "sat_tthc", "dossier_online_share"
VALUES = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
JAN = date(2024, 1, 1)
DEC = date(2024, 12, 31)
WIDE = ["Tỉnh", "Cơ quan", "Kỳ báo cáo", SAT, DOS]


def _formula_shares(rows: list[tuple[str, int, int, str | None]]) -> bytes:
    """A workbook of counts whose share column is a formula saved without its value (as a
    script or a web export writes it): (agency, Tử số, Mẫu số, the formula, None: a value)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số",
                            "Tỷ lệ (%)"])  # fmt: skip
        for r, (agency, num, den, formula) in enumerate(rows, start=1):
            ws.write_row(r, 0, [LA, agency, DOS, "Năm 2024", num, den])
            if formula is None:
                ws.write_number(r, 6, 100 * num / den)
            else:
                ws.write_formula(r, 6, formula.format(r=r + 1), None, "")  # no cached value
    return buf.getvalue()


def _year_over_counts(year: str, rows: list[tuple[str, int, int]]) -> bytes:
    """A workbook whose two-row header merges a year over its Tử số and Mẫu số, the other
    columns merged down over both rows: (agency, Tử số, Mẫu số)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet()
        for c, name in enumerate(["Tỉnh", "Cơ quan", "Chỉ tiêu"]):
            ws.merge_range(0, c, 1, c, name)
        ws.merge_range(0, 3, 0, 4, year)
        ws.write_row(1, 3, ["Tử số", "Mẫu số"])
        for r, (agency, num, den) in enumerate(rows, start=2):
            ws.write_row(r, 0, [LA, agency, DOS, num, den])
    return buf.getvalue()


# a case's loads: (source row, period kind, start, end, numerator, denominator, value)


CASES = [
    # --- a year reported up to a day ---------------------------------------------------------
    # was: "period 'Năm 2024 (đến 30/11)': not a period"; the year's figures to 30 November
    # are the cumulative period 1/1-30/11, as "Lũy kế đến 30/11/2024"
    Case("a year up to a day",
         csv_bytes([VALUES, [LA, NV, SAT, "Năm 2024 (đến 30/11)", "90"],
                    [LA, TP, SAT, "Năm 2024 (tính đến ngày 30/11/2024)", "91"],
                    [LA, YT, SAT, "Năm 2024 đến hết tháng 10", "92"],
                    [LA, "Sở Tài chính", SAT, "Năm 2024 (số liệu đến 15/11/2024)", "93"]]),
         loads=[(2, "cumulative", JAN, date(2024, 11, 30), None, None, 90.0),
                (3, "cumulative", JAN, date(2024, 11, 30), None, None, 91.0),
                (4, "cumulative", JAN, date(2024, 10, 31), None, None, 92.0),
                (5, "cumulative", JAN, date(2024, 11, 15), None, None, 93.0)]),
    # a year "up to" its last day, or a day after it (the day the figures were taken): the year
    Case("a year up to its end",
         csv_bytes([VALUES, [LA, NV, DOS, "Năm 2024 (đến 31/12/2024)", "80"],
                    [LA, TP, DOS, "Năm 2024 (tính đến ngày 15/01/2025)", "81"]]),
         loads=[(2, "year", JAN, date(2024, 12, 31), None, None, 80.0),
                (3, "year", JAN, date(2024, 12, 31), None, None, 81.0)]),
    # a quarter or a month cut short is no reporting period: rejected, saying so
    Case("a quarter cut short",
         csv_bytes([VALUES, [LA, NV, DOS, "Quý IV/2024 (đến 30/11)", "82"],
                    [LA, TP, DOS, "Năm 2024 (đến 31/11)", "83"],
                    [LA, YT, DOS, "Năm 2024", "84"]]),
         loads=[(4, "year", JAN, date(2024, 12, 31), None, None, 84.0)],
         rejects=[(2, "period 'Quý IV/2024 (đến 30/11)': figures cut off on 30/11/2024, "
                      "before the period ends"),
                  (3, "period 'Năm 2024 (đến 31/11)': figures cut off at a day that is not "
                      "a date")]),
    # --- "-" and "x" in a wide file -------------------------------------------------------
    # was: "no value: Giá trị/Tỷ lệ and Tử số are blank" for the "x" cell (and the dash left
    # out unsaid); each is the agency's "no data" for that indicator on that row, as in a
    # long file: the row's other figures load, the marks are said
    Case("'-' and 'x' in a wide file",
         csv_bytes([WIDE, [LA, NV, "Năm 2024", "90", "-"], [LA, TP, "Năm 2024", "x", "80"],
                    [LA, YT, "Năm 2024", "91", "81"],
                    [LA, "UBND huyện Cần Đước", "Năm 2024", "—", "x"]]),
         loads=[(2, "year", JAN, DEC, None, None, 90.0), (3, "year", JAN, DEC, None, None, 80.0),
                (4, "year", JAN, DEC, None, None, 81.0), (4, "year", JAN, DEC, None, None, 91.0)],
         told=["rows 2, 3, 5: no data ('-', 'x', '—') in columns 'sat_tthc', "
               "'dossier_online_share'"]),
    # a workbook's number cells beside "x": the same
    Case("'x' in a wide workbook",
         xlsx_bytes([WIDE, [LA, NV, "Năm 2024", 90.5, "x"], [LA, TP, "Năm 2024", "X", 80]],
                    title=["BÁO CÁO KẾT QUẢ CCHC NĂM 2024"]),
         name="bao_cao.xlsx",
         loads=[(3, "year", JAN, DEC, None, None, 90.5), (4, "year", JAN, DEC, None, None, 80.0)],
         told=["rows 3, 4: no data ('x', 'X') in columns 'sat_tthc', 'dossier_online_share'"]),
    # a mark beside text that is no figure stays a reject naming the cell
    Case("a word in a wide file",
         csv_bytes([WIDE, [LA, NV, "Năm 2024", "92", "chưa có"]]),
         loads=[(2, "year", JAN, DEC, None, None, 92.0)],
         rejects=[(2, "'chưa có'")]),
    # --- satisfied and surveyed votes ------------------------------------------------------
    # was: quarantined, "long layout without a value column"; the votes found satisfied of
    # the votes surveyed are the share's numerator and denominator, as "Số hồ sơ trực tuyến"
    # of "Tổng số hồ sơ" are
    Case("satisfied of surveyed votes",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Số phiếu hài lòng",
                     "Tổng số phiếu khảo sát"],
                    [LA, NV, SAT, "Năm 2024", "450", "500"], [LA, TP, SAT, "Năm 2024", "180", "200"]]),
         loads=[(2, "year", JAN, DEC, 450.0, 500.0, 90.0), (3, "year", JAN, DEC, 180.0, 200.0, 90.0)],
         told=["'Số phiếu hài lòng' (column 5) and 'Tổng số phiếu khảo sát' (column 6) taken for "
               "the numerator and the denominator (Tử số, Mẫu số): a part and its total"]),
    # --- a share formula saved without its value, beside its counts --------------------
    # was: "value '(formula without a cached value)': ..." for every row; the counts beside
    # it are the share's: loaded from them, the formula's cells named
    Case("a share formula without its value",
         _formula_shares([(NV, 45, 50, "=E{r}/F{r}*100"), (TP, 80, 100, "=E{r}/F{r}*100"),
                          (YT, 30, 40, None)]),
         name="bao_cao.xlsx",
         loads=[(2, "year", JAN, DEC, 45.0, 50.0, 90.0), (3, "year", JAN, DEC, 80.0, 100.0, 80.0),
                (4, "year", JAN, DEC, 30.0, 40.0, 75.0)],
         told=["rows 2, 3: 'Tỷ lệ (%)' is a formula saved without its value: the share is "
               "computed from the counts beside it (Tử số, Mẫu số)"]),
    # --- a year merged over the counts -------------------------------------------------------
    # was: quarantined, "no period: no period column, and neither a title row nor the file
    # name names a period"; the year over Tử số and Mẫu số is their period
    Case("a year merged over the counts",
         _year_over_counts("Năm 2024", [(NV, 45, 50), (TP, 80, 100)]),
         name="bao_cao.xlsx",
         loads=[(3, "year", JAN, DEC, 45.0, 50.0, 90.0), (4, "year", JAN, DEC, 80.0, 100.0, 80.0)]),
]  # fmt: skip


warehouse = case_table("agency_doubtless", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_a_reader_takes_without_doubt(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, period_kind, period_start, period_end, numerator, denominator, value",
        "1, 3, 7",
    )
    assert_loaded_as(
        got,
        [(r, k, s, e, n, d, pytest.approx(v)) for r, k, s, e, n, d, v in case.loads],
        case.rejects,
        case.told,
    )
