"""What a person sees in a sheet beyond its values, read from the workbook's XML: merged
ranges, hidden columns and rows, yes/no and error cells - wherever the chunks the XML is
read in happen to cut it."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.byte_search import held
from extractors.metrics.xlsx import read_sheet_guarded
from extractors.xlsx_view import SheetView, sheet_view
from extractors.xlsx_workbook import FACT_NEEDLES, mentioned, sheet_facts

SHEET1 = "xl/worksheets/sheet1.xml"


def _book(build: object) -> bytes:
    wb = openpyxl.Workbook()
    build(wb.active)  # type: ignore[operator]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _merges(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    for r in range(1, 7):
        ws.append(["Long An" if r == 1 else None, f"Sở {r}", r])
    ws.merge_cells("A1:A6")
    ws.merge_cells("B7:D7")


def _hidden(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    for r in range(1, 5):
        ws.append([r, r, r, r, r])
    ws.column_dimensions.group("B", "C", hidden=True)  # one <col min="2" max="3" hidden>
    ws.column_dimensions["E"].hidden = True
    ws.row_dimensions[3].hidden = True


def _odd(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws.append(["Tử số", "Mẫu số", "Tỷ lệ"])
    ws.append([True, False, 30])
    for ref, error in (("C3", "#DIV/0!"), ("A4", "#REF!"), ("B4", "#N/A")):
        ws[ref].value, ws[ref].data_type = error, "e"


CASES = [
    # a range merged down the rows, and one across a row
    ("merges", _book(_merges), SheetView(merged=((1, 0, 6, 0), (7, 1, 7, 3)))),
    # columns B-C hidden as one span, E on its own; row 3 hidden (an autofilter's, say)
    ("hidden", _book(_hidden), SheetView(hidden_columns=frozenset({1, 2, 4}), hidden_rows=(3,))),
    # TRUE/FALSE and errors, each with its place
    (
        "odd cells",
        _book(_odd),
        SheetView(
            odd_cells=(
                (2, 0, "TRUE"),
                (2, 1, "FALSE"),
                (3, 2, "#DIV/0!"),
                (4, 0, "#REF!"),
                (4, 1, "#N/A"),
            )
        ),
    ),
    # a plain sheet: nothing
    ("plain", _book(lambda ws: ws.append(["Cơ quan", 1])), SheetView()),
]


@pytest.mark.parametrize("chunk", [1 << 22, 7, 64], ids=["whole", "7 bytes", "64 bytes"])
@pytest.mark.parametrize(("data", "view"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sheet_view(data: bytes, view: SheetView, chunk: int) -> None:
    found = sheet_view(data, SHEET1, slice_bytes=chunk)
    assert sorted(found.merged) == sorted(view.merged)
    assert found.hidden_columns == view.hidden_columns
    assert found.hidden_rows == view.hidden_rows
    assert found.odd_cells == view.odd_cells


def test_an_error_cell_with_its_formula() -> None:
    """As a spreadsheet saves a formula that failed: the formula, then its error value."""
    xml = (
        b'<worksheet><sheetData><row r="2"><c r="G2" t="e"><f>E2/F2</f><v>#DIV/0!</v></c>'
        b'<c r="H2" s="1" t="e"><f t="shared" si="0"/><v>#VALUE!</v></c></row></sheetData>'
        b"</worksheet>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(SHEET1, xml)
    assert sheet_view(buf.getvalue(), SHEET1).odd_cells == ((2, 6, "#DIV/0!"), (2, 7, "#VALUE!"))


@pytest.mark.parametrize(("data", "view"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_sheet_read_in_its_child_carries_its_view(data: bytes, view: SheetView) -> None:
    """The view is read in the reading child, beside calamine's parse, and comes back with
    the sheet (the caller does not read the sheet's XML again)."""
    found = read_sheet_guarded(data, "report.xlsx").view
    assert found is not None
    assert sorted(found.merged) == sorted(view.merged)
    assert (found.hidden_columns, found.hidden_rows) == (view.hidden_columns, view.hidden_rows)
    assert found.odd_cells == view.odd_cells


def _formula(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws.append(["Tử số", "Mẫu số", "Tỷ lệ"])
    ws.append([40, 80, "=A2/B2*100"])


@pytest.mark.parametrize("chunk", [1 << 22, 7, 64], ids=["whole", "7 bytes", "64 bytes"])
@pytest.mark.parametrize(
    "data", [c[1] for c in CASES] + [_book(_formula)], ids=[c[0] for c in CASES] + ["formula"]
)
def test_the_view_finds_what_the_sheet_facts_look_for(data: bytes, chunk: int) -> None:
    """One reading of the sheet's XML gives the view and the facts' needles: the same ones
    the facts' own reading finds, wherever the chunks cut them."""
    found = sheet_view(data, SHEET1, FACT_NEEDLES, slice_bytes=chunk).mentioned
    assert found == mentioned(zipfile.ZipFile(io.BytesIO(data)), SHEET1, FACT_NEEDLES)
    assert sheet_facts(data, SHEET1, found) == sheet_facts(data, SHEET1)


# bytes over a small alphabet of XML's own characters, so that needles are often found, with
# a regular expression's own characters and bytes past ASCII (the any-needle pass is RE2's)
XMLISH = st.lists(st.sampled_from(b'<c t="b>/.|*\\\x00\xc3\xa1'), max_size=300).map(bytes)


@given(buf=XMLISH, needles=st.lists(XMLISH.map(lambda b: b[:4]), max_size=6))
@settings(max_examples=500, deadline=None)
def test_the_needles_found_at_once_are_the_ones_in_the_buffer(
    buf: bytes, needles: list[bytes]
) -> None:
    """The views' search (RE2 for any needle at once, then polars for which) against Python's
    ``in``."""
    assert held(buf, needles) == {n for n in needles if n in buf}


@given(case=st.sampled_from(CASES), chunk=st.integers(1, 400))
@settings(max_examples=60, deadline=None)
def test_the_view_is_the_same_wherever_the_slices_cut_the_xml(
    case: tuple[str, bytes, SheetView], chunk: int
) -> None:
    """Slices passed over without a look (none of the view's tags in them) and slices
    looked at give together the view of the XML read whole."""
    _, data, view = case
    found = sheet_view(data, SHEET1, FACT_NEEDLES, slice_bytes=chunk)
    assert sorted(found.merged) == sorted(view.merged)
    assert (found.hidden_columns, found.hidden_rows) == (view.hidden_columns, view.hidden_rows)
    assert found.odd_cells == view.odd_cells
    assert found.mentioned == sheet_view(data, SHEET1, FACT_NEEDLES).mentioned
