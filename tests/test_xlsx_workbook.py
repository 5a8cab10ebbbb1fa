"""Workbook facts read from the XLSX's XML: the sheet a person sees, how numbers are shown,
formulas without a value."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import xlsxwriter

from extractors.xlsx_workbook import (
    cell_marks,
    choose_sheet,
    numbers_as_text,
    percent_styles,
    sheets,
    uncached_formulas,
)

SHEET1 = "xl/worksheets/sheet1.xml"


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


def _rows(rows: list[list[object]], pct_cells: frozenset[tuple[int, int]] = frozenset()) -> bytes:
    """A sheet of ``rows``; the cells at ``pct_cells`` (0-based) shown as percents."""

    def build(wb):  # type: ignore[no-untyped-def]
        ws, pct = wb.add_worksheet(), wb.add_format({"num_format": "0.0%"})
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v, pct if (r, c) in pct_cells else None)

    return _book(build)


def _inline(data: bytes) -> bytes:
    """The workbook with its shared strings written inline, as some exporters write them."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    strings = re.findall(rb"<t[^>]*>([^<]*)</t>", zf.read("xl/sharedStrings.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in zf.infolist():
            body = zf.read(item)
            if item.filename == SHEET1:
                body = re.sub(
                    rb'(<c r="[A-Z]+\d+"[^>]*?) t="s"([^>]*)><v>(\d+)</v></c>',
                    lambda m: (
                        m[1]
                        + b' t="inlineStr"'
                        + m[2]
                        + b"><is><t>"
                        + strings[int(m[3])]
                        + b"</t></is></c>"
                    ),
                    body,
                )
            dst.writestr(item, body)
    return out.getvalue()


MANY = 150_000  # rows: the sheet's XML is read in 4 MB chunks; this one spans several

MARKS = [
    # a text '1.500' beside a number 1.5: only the text cells (the header's too)
    ("text and number", _rows([["Tử số"], ["1.500"], [1.5]]), [0], [(1, 0), (2, 0)], []),
    # a percent cell beside a plain one: only the percent cell
    ("percent and plain", _rows([["Giá trị"], [0.926], [91.2]], frozenset({(1, 0)})), [0],
     [(1, 0)], [(2, 0)]),
    # text in a column not asked for (the agency's name) is not looked at
    ("other columns", _rows([["Cơ quan", "Giá trị"], ["Sở Y tế", "2.468"]]), [1], [(1, 1), (2, 1)],
     []),
    # columns past Z are named by two letters
    ("column AB", _rows([[None] * 27 + ["Giá trị"], [None] * 27 + ["88.456"]]), [27],
     [(1, 27), (2, 27)], []),
    # inline strings are text as shared strings are
    ("inline strings", _inline(_rows([["Tử số"], ["1.500"], [1.5]])), [0], [(1, 0), (2, 0)],
     []),
    # a text and a percent cell far down a long sheet, past the first chunks
    ("a long sheet", _rows([["Giá trị"], *([7.5] for _ in range(MANY)), ["2.468"], [0.45]],
                           frozenset({(MANY + 2, 0)})), [0], [(1, 0), (MANY + 2, 0)],
     [(MANY + 3, 0)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "columns", "text", "percent"), [m[1:] for m in MARKS], ids=[m[0] for m in MARKS]
)
def test_cell_marks_find_text_and_percent_cells(
    data: bytes, columns: list[int], text: list[tuple[int, int]], percent: list[tuple[int, int]]
) -> None:
    marks = cell_marks(data, SHEET1, columns, True, percent_styles(data))
    assert (marks.text, marks.percent) == (text, percent)


NAMES_AND_YEARS = _rows([["Cơ quan", "Năm", "Giá trị"], ["Sở Y tế", "2023", 88.456]])
AS_TEXT = [
    # names and whole numbers as text read the same in any convention: no need to look
    ("names and years", NAMES_AND_YEARS, False),
    # a fraction written as text: calamine's float reading may contradict its convention
    ("a text 1.500", _rows([["Tử số"], ["1.500"]]), True),
    ("a text 1e3", _rows([["Tử số"], ["1e3"]]), True),
    # inline strings are not in the shared strings: the sheet is looked at
    ("inline strings", _inline(NAMES_AND_YEARS), True),
]


@pytest.mark.parametrize(("data", "found"), [a[1:] for a in AS_TEXT], ids=[a[0] for a in AS_TEXT])
def test_numbers_as_text_says_when_text_may_read_as_a_fraction(data: bytes, found: bool) -> None:
    assert numbers_as_text(data, SHEET1) is found
