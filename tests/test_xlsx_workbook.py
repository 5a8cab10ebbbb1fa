"""Workbook facts read from the XLSX's XML: the sheet a person sees, how numbers are shown,
formulas without a value."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import xlsxwriter

from extractors.xlsx_workbook import (
    choose_sheet,
    column_formats,
    sheets,
    uncached_formulas,
)


def _book(build) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    build(wb)
    wb.close()
    return buf.getvalue()


def _cached(data: bytes) -> bytes:
    """The workbook as a spreadsheet saves it: cached values trusted (no fullCalcOnLoad)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/workbook.xml":
                body = re.sub(rb'\s*fullCalcOnLoad="1"', b"", body)
            dst.writestr(item, body)
    return out.getvalue()


def test_a_hidden_first_sheet_is_skipped_for_the_visible_active_one() -> None:
    def build(wb):  # type: ignore[no-untyped-def]
        wb.add_worksheet("Dữ liệu gốc").hide()
        wb.add_worksheet("Hướng dẫn")
        wb.add_worksheet("Báo cáo").activate()

    found = sheets(_book(build))
    assert [(s.name, s.hidden, s.active) for s in found] == [
        ("Dữ liệu gốc", True, False),
        ("Hướng dẫn", False, False),
        ("Báo cáo", False, True),
    ]
    assert choose_sheet(found).name == "Báo cáo"
    assert choose_sheet(found, "Dữ liệu gốc").part == "xl/worksheets/sheet1.xml"
    with pytest.raises(KeyError, match="Hướng dẫn, Báo cáo"):
        choose_sheet(found, "Sheet1")


def test_column_formats_come_from_the_first_data_cells() -> None:
    def build(wb):  # type: ignore[no-untyped-def]
        ws = wb.add_worksheet()
        pct, date = (
            wb.add_format({"num_format": "0.0%"}),
            wb.add_format({"num_format": "dd/mm/yyyy"}),
        )
        ws.write_row(0, 0, ["Cơ quan", "Tỷ lệ", "Giá trị", "Ngày"])
        for r in (1, 2):
            ws.write(r, 0, "Sở Y tế")
            ws.write(r, 1, 0.553, pct)
            ws.write(r, 2, 88.456)
            ws.write(r, 3, 45047, date)

    assert column_formats(_book(build), "xl/worksheets/sheet1.xml", first_row=2) == {
        1: "percent",
        2: "number",
        3: "date",
    }


def test_formulas_without_a_cached_value_are_found() -> None:
    def build(wb):  # type: ignore[no-untyped-def]
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["Cơ quan", "Tử số", "Mẫu số", "Tỷ lệ"])
        ws.write_row(1, 0, ["Sở Y tế", 40, 80])
        ws.write_formula(1, 3, "=B2/C2*100", None, 50)  # computed and cached
        ws.write_row(2, 0, ["Sở Tư pháp", 10, 20])
        ws.write_formula(2, 3, "=B3/C3*100", None, "")  # no cached value

    data = _book(build)
    part = "xl/worksheets/sheet1.xml"
    assert uncached_formulas(_cached(data), part) == [(3, 3)]
    # written by a program that asks for a recalculation: no cached value is trusted
    assert uncached_formulas(data, part) == [(2, 3), (3, 3)]


def test_a_sheet_without_formulas_is_not_parsed_for_them() -> None:
    def build(wb):  # type: ignore[no-untyped-def]
        wb.add_worksheet().write_row(0, 0, ["Cơ quan", 1, 2])

    assert uncached_formulas(_book(build), "xl/worksheets/sheet1.xml") == []
