"""A workbook's sheet is parsed by calamine once when its first rows say which columns are
numbers, and reads the same as when every cell is read both as text and as a number: the
numbers exactly as written, the text cells as written, whichever way it was read."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import fastexcel
import polars as pl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.metrics.xlsx import read_sheet, read_sheet_guarded, sheet_marks
from extractors.metrics.xlsx_frames import shown_numbers

HEADER = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Giá trị"]


def _book(rows: list[list[object]], title: list[str] = []) -> bytes:  # noqa: B006 - read only
    """One sheet: ``title`` rows, then ``rows`` (numbers as number cells, dates as dates)."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        day = wb.add_format({"num_format": "dd/mm/yyyy"})
        for r, line in enumerate([[t] for t in title] + rows):
            for c, value in enumerate(line):
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, day)
                elif value is not None:
                    ws.write(r, c, value)
    return buf.getvalue()


def _rows(n: int, value: Any = 88.456) -> list[list[object]]:
    return [["Sở Y tế", "Tỷ lệ", f"Quý {1 + i % 4}/2023", 100 + i, value] for i in range(n)]


def _error_book() -> bytes:
    """A long sheet whose value column holds a formula's error (#DIV/0!) under its head."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet("Báo cáo")
        for r, row in enumerate([HEADER, *_rows(300)]):
            ws.write_row(r, 0, row)
        ws.write_row(301, 0, ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", 5])
        ws.write_formula(301, 4, "=1/0", None, "#DIV/0!")
    return buf.getvalue()


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    load = fastexcel.ExcelReader.load_sheet

    def counted(self: Any, *a: Any, **kw: Any) -> Any:
        calls.append(1)
        return load(self, *a, **kw)

    monkeypatch.setattr(fastexcel.ExcelReader, "load_sheet", counted)
    return calls


# (workbook, calamine parses, cells: (sheet row, column) -> (text, number) as written)
CASES = [
    # a long sheet of names and numbers, the header in row 1: one parse
    (_book([HEADER, *_rows(300)]), 1,
     {(1, 3): ("Tử số", None), (2, 3): ("100", 100.0), (2, 4): (None, 88.456),
      (301, 2): ("Quý 4/2023", None), (301, 3): ("399", 399.0)}),
    # title rows above the header: their text is kept, still one parse
    (_book([HEADER, *_rows(300)], title=["UBND TỈNH LONG AN", "Báo cáo năm 2023"]), 1,
     {(1, 0): ("UBND TỈNH LONG AN", None), (3, 4): ("Giá trị", None),
      (4, 4): (None, 88.456)}),
    # a value no 15-digit text holds: exact, from the one parse
    (_book([HEADER, *_rows(300, 0.1234567890123456)]), 1,
     {(2, 4): (None, 0.1234567890123456), (301, 4): (None, 0.1234567890123456)}),
    # a text cell far under a number column's head: its text is the one calamine says it
    # could not read as a number, still one parse
    (_book([HEADER, *_rows(300), ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", "n/a", 5]]), 1,
     {(302, 3): ("n/a", None), (2, 3): ("100", 100.0), (302, 4): ("5", 5.0)}),
    (_book([HEADER, *_rows(300), *([["Sở Y tế", "Tỷ lệ", "Quý 1/2024", "-", "-"]] * 3)]), 1,
     {(302, 3): ("-", None), (304, 4): ("-", None), (301, 3): ("399", 399.0)}),
    # such text as calamine quotes it escaped: quotes, a backslash, tabs and line ends,
    # combining accents (a name typed decomposed), a control character, an emoji
    (_book([HEADER, *_rows(300), ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", 'a "b" \\ c\td\ne', 7],
            ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", "Ti\u0309nh Long An", 8],
            ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", "x\x7fy 😀 'q'", 9]]), 1,
     {(302, 3): ('a "b" \\ c\td\ne', None), (303, 3): ("Ti\u0309nh Long An", None),
      (304, 3): ("x\x7fy 😀 'q'", None), (304, 4): ("9", 9.0)}),
    # a spreadsheet error under a number column's head: read again, every cell both ways
    (_error_book(), 2, {(302, 4): (None, None), (2, 3): ("100", 100.0)}),
    # a count written as text '1.500' (Vietnamese 1500): its text is kept (read twice)
    (_book([HEADER, *_rows(300), ["Sở Y tế", "Tỷ lệ", "Quý 1/2024", "1.500", 5]]), 2,
     {(302, 3): ("1.500", 1.5)}),
    # dates in the period column: read as calamine writes a date, one parse
    (_book([HEADER, *([["Sở Y tế", "Tỷ lệ", date(2023, 12, 1), 5, 6]] * 300)]), 1,
     {(2, 2): ("2023-12-01 00:00:00", None), (2, 3): ("5", 5.0)}),
    # a short sheet (no rows under the head to tell): numbers with a fraction read twice
    (_book([HEADER, *_rows(3)]), 2, {(2, 4): (None, 88.456), (2, 3): ("100", 100.0)}),
]  # fmt: skip


@pytest.mark.parametrize(("data", "parses", "cells"), CASES)
def test_a_sheet_reads_as_written_with_as_few_parses_as_it_allows(
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    parses: int,
    cells: dict[tuple[int, int], tuple[str | None, float | None]],
) -> None:
    calls = _counting(monkeypatch)
    sheet = read_sheet(data, "bao_cao.xlsx")
    assert len(calls) == parses
    for (row, col), (text, number) in cells.items():
        got_number = sheet.numbers[f"c{col}"][row - 1]
        assert got_number == number, (row, col)
        if text is not None:
            assert sheet.text[f"c{col}"][row - 1] == text, (row, col)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(  # as a cell holds them: 15 significant digits (a spreadsheet keeps no more)
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12).map(
            lambda v: float(f"{v:.15g}")
        ),
        min_size=20,
        max_size=60,
    )
)
def test_any_number_in_a_cell_reads_back_as_the_same_number(values: list[float]) -> None:
    rows = [["Sở Y tế", "Tỷ lệ", "Năm 2023", 1, v] for v in values]
    sheet = read_sheet(_book([HEADER, *rows]), "bao_cao.xlsx")
    assert sheet.numbers["c4"].to_list()[1:] == values


def _not_a_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return True
    return False


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8).filter(
            _not_a_number
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_text_under_a_number_columns_head_reads_as_its_text(texts: list[str]) -> None:
    """Text cells in a column of numbers (the sheet read once) read as calamine reads them
    as text (the way a sheet read twice has them), their numbers as it reads them as numbers."""
    data = _book([HEADER, *_rows(300), *(["Sở Y tế", "Tỷ lệ", "Năm 2024", t, 5] for t in texts)])
    sheet = read_sheet(data, "bao_cao.xlsx")
    book = fastexcel.read_excel(data)
    as_text = book.load_sheet(0, header_row=None, skip_rows=0, dtypes="string").to_arrow()
    as_number = book.load_sheet(0, header_row=None, skip_rows=0, dtypes="float").to_arrow()
    for row in range(301, 301 + len(texts)):
        assert sheet.text["c3"][row] == as_text.column(3)[row].as_py()
        assert sheet.numbers["c3"][row] == as_number.column(3)[row].as_py()


def _shown_numbers_plainly(number: pl.Series) -> pl.Series:
    """The reference: every number written both ways, one of the two kept per cell."""
    whole = number.is_finite() & (number == number.round(0)) & (number.abs() < 1e15)
    return pl.select(
        pl.when(whole)
        .then(number.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(number.cast(pl.String))
        .alias(number.name)
    ).to_series()


NUMBER_CELLS = st.one_of(
    st.none(),
    st.integers(-(10**16), 10**16).map(float),
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(cells=st.lists(NUMBER_CELLS, max_size=40))
@settings(max_examples=400, deadline=None)
def test_a_number_columns_text_as_the_plain_reading_writes_it(cells: list[float | None]) -> None:
    column = pl.Series("c4", cells, dtype=pl.Float64)
    assert shown_numbers(column).equals(_shown_numbers_plainly(column), null_equal=True)
    assert shown_numbers(column).name == "c4"


def _percent_book(sheets: int) -> bytes:
    """``sheets`` visible sheets of shares, the value column shown as percents."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        share = wb.add_format({"num_format": "0.0%"})
        for s in range(sheets):
            ws = wb.add_worksheet(f"Quý {s + 1}")
            ws.write_row(0, 0, HEADER)
            for r, row in enumerate(_rows(30, 0.553), start=1):
                ws.write_row(r, 0, row[:4])
                ws.write_number(r, 4, row[4], share)
    return buf.getvalue()


def test_the_styles_are_read_once_for_the_sheet_and_its_marks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A workbook's cell styles (which show percents, which dates) are read once, in the
    child, for every sheet's head and for the percent cells the caller marks later."""
    data = _percent_book(3)
    sheet = read_sheet_guarded(data, "bao_cao.xlsx")  # (the child's reading, not counted)
    calls: list[int] = []
    read = zipfile.ZipFile.read

    def counted(self: zipfile.ZipFile, name: str, *a: Any) -> bytes:
        calls.extend([1] if name == "xl/styles.xml" else [])
        return read(self, name, *a)

    monkeypatch.setattr(zipfile.ZipFile, "read", counted)
    marks = sheet_marks(data, sheet, [4])
    assert marks.percent == [(r, 4) for r in range(2, 32)]
    assert calls == []  # the sheet came with its styles
    read_sheet(data, "bao_cao.xlsx")  # three sheets' heads (one read, two looked at)
    assert calls == [1]


# The reading child starts calamine's parse of the sheet (which lets go of the GIL) before
# it imports polars, so the import runs beside the parse on the other core; run in a fresh
# interpreter, as the child is.
_ORDER = """
import sys
import fastexcel
from extractors.metrics.xlsx import read_sheet
imported = []
load = fastexcel.ExcelReader.load_sheet
def watched(self, *a, **kw):
    imported.append("polars" in sys.modules)
    return load(self, *a, **kw)
fastexcel.ExcelReader.load_sheet = watched
sheet = read_sheet(sys.stdin.buffer.read(), "bao_cao.xlsx")
print(imported[0], sheet.numbers["c4"][1], sheet.text["c3"][1])
"""


@pytest.mark.parametrize(
    "rows",
    [
        [HEADER, *_rows(300)],  # its head says which columns are numbers: one parse
        [HEADER, *_rows(3)],  # too short to tell: read twice, the first parse as early
    ],
)
def test_calamine_parses_the_sheet_before_polars_is_imported(rows: list[list[object]]) -> None:
    import subprocess
    import sys
    from pathlib import Path

    out = subprocess.run(
        [sys.executable, "-c", _ORDER],
        input=_book(rows),
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.decode().split() == ["False", "88.456", "100"]


def _whole_numbers_plainly(text: pl.Series) -> pl.Series:
    """The reference: every cell looked at, a plain whole number read as a number."""
    whole = text.str.contains(r"^-?\d+$")
    return pl.select(
        pl.when(whole).then(text.cast(pl.Float64, strict=False)).alias(text.name)
    ).to_series()


TEXT_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["Sở Y tế", "Quý 1/2023", "1.500", "2,5", "-", "", " 7", "1e3", "-0"]),
    st.integers(-(10**18), 10**18).map(str),
    st.text(alphabet="0123456789-.,e ", max_size=6),
)


@given(cells=st.lists(TEXT_CELLS, max_size=40), told=st.booleans())
@settings(max_examples=400, deadline=None)
def test_a_text_columns_whole_numbers_as_the_plain_reading_finds_them(
    cells: list[str | None], told: bool
) -> None:
    from extractors.metrics.xlsx_frames import whole_numbers

    column = pl.Series("c2", cells, dtype=pl.String)
    got = whole_numbers(column, column.unique() if told else None)
    assert got.equals(_whole_numbers_plainly(column), null_equal=True)
    assert got.name == "c2" and got.dtype == pl.Float64
