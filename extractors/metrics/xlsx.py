"""XLSX workbooks: refused before they exhaust memory, then read with calamine in a child
process (a workbook that kills its parser - a cell at XFD1048576 without a dimension record
makes calamine abort - is refused and the caller survives).

calamine gives one type per column: read as text, a number cell is rounded text; read as
numbers, a text cell is lost. A sheet is read once, each column as the type its first rows
show (``xlsx_head``: the columns of plain numbers under the header read as numbers, the
header's text taken from the XML, a text cell further down from calamine's error about
it); a sheet those rows do not describe (an error cell under a number column's head, text
a float reading would take for a fraction) is read twice, every cell
as text and every cell as a number where it is one, so a number cell is never re-read as
text (88.456 stays 88.456). The workbook's XML adds what calamine does not say
(``xlsx_workbook``): the sheet a person sees, each cell's number format, formulas without
a cached value.
"""

from __future__ import annotations

import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import fastexcel

from extractors.errors import ExtractionError
from extractors.limited import Limited, start_limited
from extractors.xlsx_head import HEAD_ROWS, SheetHead, as_headed, sheet_head
from extractors.xlsx_view import SheetView, sheet_view
from extractors.xlsx_workbook import (
    FACT_NEEDLES,
    CellMarks,
    Sheet,
    cell_marks,
    cell_position,
    choose_sheet,
    percent_styles,
    sheet_facts,
    sheets,
    style_kinds,
    uncached_formulas,
    year_styles,
)

if TYPE_CHECKING:  # (the reading child imports polars once calamine's parse is started)
    import polars as pl

MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200


@dataclass(frozen=True)
class XlsxLimits:
    """What reading one workbook may take."""

    memory_bytes: int = 4096 * 1024 * 1024
    seconds: float = 600.0


@dataclass(frozen=True)
class XlsxSheet:
    """One sheet as read: text and numbers cell by cell (columns c0.., rows from sheet row
    1), plus what the workbook says of them."""

    name: str
    skipped: tuple[str, ...]  # hidden sheets passed over for this one
    others: tuple[str, ...]  # the workbook's other visible sheets (a --sheet hint)
    text: pl.DataFrame
    numbers: pl.DataFrame
    part: str  # the sheet's XML inside the workbook
    first_col: int  # the sheet column of the frames' first column (c0)
    uncached: tuple[tuple[int, int], ...]  # (sheet row, column) of formulas without a value
    # whether the sheet may hold text a float reading takes for a fraction ('1.500')
    number_text: bool = True
    # the other visible sheets' first rows (their text cells): which of them hold figures
    other_heads: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    default: str = ""  # the sheet read when none is named
    # merges, hidden columns and rows, odd cells (None: not looked at; the caller reads it)
    view: SheetView | None = None
    # the workbook's cell styles that show a percent (None: not read; the caller reads them)
    percent_styles: frozenset[int] | None = None


def check_xlsx(data: bytes, path: str) -> None:
    """Refuse workbooks that would exhaust memory before any parser sees them."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    total = sum(i.file_size for i in zf.infolist())
    packed = sum(i.compress_size for i in zf.infolist()) or 1
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
        raise ExtractionError(
            path, f"XLSX inflates to {total:,} bytes from {packed:,} (a compression bomb?); refused"
        )
    for name in zf.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with zf.open(name) as f:
                head = f.read(4096).decode("utf-8", "replace")
            m = re.search(r'<dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
            if m and m.group(2):
                cols, rows = _col_number(m.group(2)), int(m.group(3))
                if rows * cols > MAX_XLSX_CELLS:
                    raise ExtractionError(
                        path,
                        f"sheet {name} claims {rows:,} rows x {cols:,} "
                        f"columns ({m.group(0)[16:-1]}); refused",
                    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def read_sheet(data: bytes, path: str, sheet: str | None = None) -> XlsxSheet:
    """The named sheet, else the visible active one, read in this process."""
    check_xlsx(data, path)
    try:
        found = sheets(data)
        chosen = choose_sheet(found, sheet)
    except KeyError as exc:
        raise ExtractionError(path, str(exc.args[0])) from exc
    except Exception as exc:  # a workbook without its parts
        raise ExtractionError(path, f"unreadable XLSX: {str(exc)[:200]}") from exc
    first_col = _first_column(data, chosen)
    # calamine's parse (which lets go of the GIL) starts first; polars is imported and the
    # sheet's XML scanned beside it
    with ThreadPoolExecutor(2) as pool:
        try:
            book = fastexcel.read_excel(data)
            index = [s.name for s in found].index(chosen.name)
            kinds = style_kinds(data)  # (read once: for every sheet's head, and the marks)
            head = sheet_head(data, chosen.part, kinds)
            parsed = pool.submit(first_parse, book, index, head, first_col)
        except Exception as exc:  # calamine raises its own error types
            raise _unreadable(path, exc) from exc
        view = pool.submit(sheet_view, data, chosen.part, FACT_NEEDLES)  # one reading for both
        facts = pool.submit(lambda: sheet_facts(data, chosen.part, view.result().mentioned))
        from extractors.metrics.xlsx_frames import read_once, read_twice  # (imports polars)

        try:
            text, numbers = (
                read_once(book, index, head, first_col, lambda: facts.result()[1], parsed.result())
                if head
                else read_twice(book, index, parsed.result())
            )
        except Exception as exc:
            raise _unreadable(path, exc) from exc
        formulas, number_text = facts.result()
    if text.height == 0:
        raise ExtractionError(path, f"sheet {chosen.name!r} is empty")
    uncached = tuple((r, c - first_col) for r, c in uncached_formulas(data, chosen.part, formulas))
    return XlsxSheet(
        chosen.name,
        tuple(s.name for s in found[: found.index(chosen)] if s.hidden),
        tuple(s.name for s in found if not s.hidden and s != chosen),
        text,
        numbers,
        chosen.part,
        first_col,
        uncached,
        number_text,
        tuple(
            (s.name, _head_rows(data, s.part, kinds)) for s in found if not s.hidden and s != chosen
        ),
        choose_sheet(found).name if any(not s.hidden for s in found) else "",
        view.result(),
        frozenset(i for i, kind in enumerate(kinds) if kind == "percent"),
    )


def first_parse(
    book: fastexcel.ExcelReader, index: int, head: SheetHead | None, first_col: int
) -> Any:
    """calamine's first reading of the sheet, into Arrow (no polars): as its ``head`` says
    (with the cells it could not read so), else every cell as text."""
    if head is None:
        return book.load_sheet(index, header_row=None, skip_rows=0, dtypes="string").to_arrow()
    return as_headed(book, index, head, first_col)


def _unreadable(path: str, exc: Exception) -> ExtractionError:
    """calamine's error (it raises its own types) as a refusal of the file."""
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return ExtractionError(path, f"unreadable XLSX: {reason}")


def _head_rows(data: bytes, part: str, kinds: list[str]) -> tuple[tuple[str, ...], ...]:
    """A sheet's first rows as text (its text cells; a sheet whose XML does not say where
    its cells are gives none)."""
    try:
        head = sheet_head(data, part, kinds)
    except Exception:  # a sheet that does not parse: the chosen one is read all the same
        return ()
    if head is None or not head.text:
        return ()
    width = max(c for _, c in head.text) + 1
    return tuple(
        tuple(head.text.get((row, col), "") for col in range(width))
        for row in range(1, HEAD_ROWS + 1)
    )


def sheet_marks(data: bytes, sheet: XlsxSheet, columns: list[int]) -> CellMarks:
    """In the frames' ``columns``: the cells stored as text that calamine's float reading
    turned into numbers, and the cells shown as percents (rows as in the sheet, columns as
    in the frames). The sheet's XML is read only when the workbook has such cells at all."""
    numbers, text = sheet.numbers, sheet.text
    fractional = any(  # a number whose text is not a plain whole number: '2.5', '1.500'
        (numbers[f"c{i}"].is_not_null() & ~text[f"c{i}"].str.contains(r"^-?\d+$")).any()
        for i in columns
        if f"c{i}" in numbers.columns
    )
    percent = set(percent_styles(data) if sheet.percent_styles is None else sheet.percent_styles)
    text_too = fractional and sheet.number_text
    found = cell_marks(data, sheet.part, [c + sheet.first_col for c in columns], text_too, percent)
    return CellMarks(
        [(r, c - sheet.first_col) for r, c in found.text],
        [(r, c - sheet.first_col) for r, c in found.percent],
    )


def year_cells(data: bytes, sheet: XlsxSheet, column: int) -> list[int]:
    """The sheet rows whose cell in the frames' ``column`` is shown as a year alone (a date
    in a ``yyyy`` format). The sheet's XML is read only when the workbook has such a style."""
    styles = year_styles(data)
    if not styles:
        return []
    found = cell_marks(data, sheet.part, [column + sheet.first_col], False, styles)
    return [r for r, _ in found.percent]


def _first_column(data: bytes, chosen: Sheet) -> int:
    """The sheet's first used column (calamine's frames start there): the dimension
    record's, else the leftmost cell of the first rows."""
    with zipfile.ZipFile(io.BytesIO(data)).open(chosen.part) as f:
        head = f.read(4096).decode("utf-8", "replace")
    m = re.search(r'<dimension ref="([A-Z]+\d+)', head)
    if m:
        return cell_position(m.group(1))[1]
    cells = re.findall(r'<c r="([A-Z]+\d+)"', head)
    return min((cell_position(c)[1] for c in cells), default=0)


def read_sheet_guarded(
    data: bytes, path: str, sheet: str | None = None, limits: XlsxLimits = XlsxLimits()
) -> XlsxSheet:
    """``read_sheet`` in a child process that may use at most the ``limits``' memory and
    time; a child that dies (calamine aborts on some workbooks) is a refusal, not a crash."""
    with start_reading(data, path, sheet, limits) as child:
        return sheet_read(child)


def start_reading(data: bytes, path: str, sheet: str | None, limits: XlsxLimits) -> Limited:
    """``read_sheet_guarded``'s child, started: the caller works while it reads, then waits
    for its sheet (``sheet_read``), in a ``with`` that kills a child left at work."""
    target = "extractors.metrics.xlsx:read_sheet"
    return start_limited(target, path, data, limits, "XLSX", [sheet] if sheet else [])


def sheet_read(child: Limited) -> XlsxSheet:
    """The sheet a ``start_reading`` child read (or its refusal, an ExtractionError)."""
    result = child.result()
    assert isinstance(result, XlsxSheet)
    return result


def read_sheet_within(
    data: bytes, path: str, sheet: str | None, limits: XlsxLimits | None
) -> XlsxSheet:
    """The sheet, read in a child process held to ``limits`` (a workbook that kills calamine
    is a refusal), or in this one when there are none."""
    if limits is None:
        return read_sheet(data, path, sheet)
    return read_sheet_guarded(data, path, sheet, limits)
