"""What an XLSX says beyond its cell values: which sheet a person sees, how a column's
cells are stored and shown, and which formulas carry no computed value.

calamine (through fastexcel) gives values; these facts live in the workbook's XML and are
read here, from the bytes, without a spreadsheet library:

* ``sheets`` / ``choose_sheet``: the sheets in order, hidden or not, and the active one
  (a hidden first sheet is skipped for the visible, active one);
* ``cell_marks``: over the whole sheet, in the columns asked for, the cells stored as text
  (calamine reads a text '1.500' as the float 1.5: such a cell is text, for its column's
  convention) and the cells shown as a percent (0.553 shown as 55.3% means 55.3 on the
  warehouse's 0-100 scale; a percent format is the cell's, whatever the
  other cells of its column show); found with one pattern over the sheet's XML, and only
  when the workbook has such cells at all;
* ``year_styles``: the styles that show a date by its year alone (a period typed as a date
  and shown as ``2023`` is the year the agency sees, not the January the date falls in);
* ``uncached_formulas``: formula cells without a cached value (written by a program and
  never opened in a spreadsheet; a workbook marked ``fullCalcOnLoad`` has no trustworthy
  cached values at all): their cells are refused, never read as 0.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from extractors.byte_search import held

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# built-in number formats (ECMA-376 18.8.30) that show a percent or a date
BUILTIN_PERCENT = {9, 10}
BUILTIN_DATE = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# a format code's literal parts ("...", \x, [colour]) say nothing of its kind
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass(frozen=True)
class Sheet:
    name: str
    part: str  # its XML inside the ZIP ("xl/worksheets/sheet1.xml")
    hidden: bool
    active: bool


def sheets(data: bytes) -> list[Sheet]:
    """The workbook's sheets in order."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels}
    view = book.find(f"{NS}bookViews/{NS}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    out = []
    for i, s in enumerate(book.iter(f"{NS}sheet")):
        t = target.get(s.get(REL), "")
        part = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
        out.append(
            Sheet(s.get("name", ""), part, s.get("state", "visible") != "visible", i == active)
        )
    return out


def choose_sheet(found: list[Sheet], wanted: str | None = None) -> Sheet:
    """The named sheet; else the active one if visible; else the first visible one.

    >>> s = [Sheet("Data", "a", True, False), Sheet("Báo cáo", "b", False, True)]
    >>> choose_sheet(s).name, choose_sheet(s, "Data").name
    ('Báo cáo', 'Data')
    """
    if wanted is not None:
        for s in found:
            if s.name == wanted:
                return s
        raise KeyError(
            f"no sheet named {wanted!r}; the workbook has: " + ", ".join(s.name for s in found)
        )
    visible = [s for s in found if not s.hidden]
    if not visible:
        raise KeyError("every sheet of the workbook is hidden")
    return next((s for s in visible if s.active), visible[0])


def _style_formats(data: bytes) -> tuple[list[int], dict[int, str]]:
    """Per cell style (``s="n"``), its number format's id; and the workbook's own format
    codes by id."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    if "xl/styles.xml" not in zf.namelist():
        return [], {}
    styles = ET.fromstring(zf.read("xl/styles.xml"))
    codes = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{NS}numFmt")
    }
    xfs = styles.find(f"{NS}cellXfs")
    return [int(xf.get("numFmtId", "0")) for xf in (xfs if xfs is not None else [])], codes


def style_kinds(data: bytes) -> list[str]:
    """Per cell style (``s="n"``), what its number format shows: percent, date or number."""
    ids, codes = _style_formats(data)
    return [format_kind(i, codes) for i in ids]


def year_styles(data: bytes) -> set[int]:
    """The cell styles whose number format shows a date by its year alone (``yyyy``,
    ``"Năm "yyyy``): such a cell is seen as the year, whatever day it holds."""
    ids, codes = _style_formats(data)
    return {s for s, i in enumerate(ids) if shows_year_only(i, codes)}


def shows_year_only(fmt_id: int, codes: dict[int, str]) -> bool:
    """Whether a number format shows a date by its year and nothing else.

    >>> shows_year_only(164, {164: 'yyyy'}), shows_year_only(165, {165: '"Năm "yyyy'})
    (True, True)
    >>> shows_year_only(166, {166: 'mm/yyyy'}), shows_year_only(14, {})
    (False, False)
    """
    code = _LITERALS.sub("", codes.get(fmt_id, "")).lower().split(";")[0]
    return set(re.findall(r"[a-z]", code)) == {"y"}


def format_kind(fmt_id: int, codes: dict[int, str]) -> str:
    """'percent', 'date' or 'number' for a number format.

    >>> format_kind(10, {}), format_kind(164, {164: '0.0%'}), format_kind(165, {165: 'dd/mm/yyyy'})
    ('percent', 'percent', 'date')
    >>> format_kind(166, {166: '#,##0" %"'})  # a literal "%" in quotes is text, not a percent
    'number'
    """
    if fmt_id in BUILTIN_PERCENT:
        return "percent"
    if fmt_id in BUILTIN_DATE:
        return "date"
    code = _LITERALS.sub("", codes.get(fmt_id, "")).lower()
    if "%" in code:
        return "percent"
    if re.search(r"[dmyhs]", code.split(";")[0]) and "0" not in code.split(";")[0]:
        return "date"
    return "number"


def _cells(zf: zipfile.ZipFile, part: str) -> Iterator[ET.Element]:
    with zf.open(part) as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag == f"{NS}c":
                yield el
            elif el.tag == f"{NS}row":
                el.clear()


def cell_position(ref: str) -> tuple[int, int]:
    """(row, column), the row 1-based as in the sheet, the column 0-based.

    >>> cell_position("C12"), cell_position("AA1")
    ((12, 2), (1, 26))
    """
    m = _CELL_REF.fullmatch(ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


def full_calc_on_load(data: bytes) -> bool:
    """True when the workbook asks to be recomputed on opening (its cached values are not
    to be trusted: programs that write formulas often store 0 for every one)."""
    book = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    return re.search(rb'fullCalcOnLoad="(?:1|true)"', book) is not None


def uncached_formulas(
    data: bytes, part: str, formulas: bool | None = None
) -> list[tuple[int, int]]:
    """(row, column) of the formula cells without a value to trust, in sheet order
    (``formulas``: whether the sheet has any, when the caller has looked already)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    if not (_mentions(zf, part, FORMULA) if formulas is None else formulas):
        return []  # no formula at all: the usual case, found without parsing the XML
    distrust = full_calc_on_load(data)
    out = []
    for c in _cells(zf, part):
        if c.find(f"{NS}f") is None:
            continue
        v = c.find(f"{NS}v")
        if distrust or v is None or not (v.text or "").strip():
            out.append(cell_position(c.get("r", "A1")))
    return out


def _mentions(zf: zipfile.ZipFile, part: str, *needles: bytes) -> bool:
    """Whether the part's bytes contain any of the ``needles``, read in chunks (never whole)."""
    return bool(mentioned(zf, part, needles, stop_at_first=True))


def mentioned(
    zf: zipfile.ZipFile, part: str, needles: tuple[bytes, ...], stop_at_first: bool = False
) -> set[bytes]:
    """Which of the ``needles`` the part's bytes contain, read once in chunks (never whole)."""
    found: set[bytes] = set()
    tail = b""
    with zf.open(part) as f:
        while chunk := f.read(1 << 20):
            found.update(held(tail + chunk, (n for n in needles if n not in found)))
            if len(found) == len(needles) or (found and stop_at_first):
                break
            tail = chunk[-max(len(n) for n in needles) :]
    return found


# a shared string a float reading accepts that is not a plain whole number ("1.500", "2.468",
# "1e3"): calamine turns it into a number that the text's own convention may contradict
_NUMBER_TEXT = re.compile(
    rb"""<t(?:\s[^>]*)?>\s*[+-]?
        (?: \d*\.\d* | \d+[eE][+-]?\d+ | inf(?:inity)? | nan )   # a dot, an exponent, inf, nan
        (?:[eE][+-]?\d+)?\s*</t>""",
    re.VERBOSE | re.IGNORECASE,
)
# text cells that are not shared strings: inline strings and formulas' text results
_OTHER_TEXT = (b'"inlineStr"', b't="str"')
FORMULA = b"<f"  # a formula cell's formula
# both of _OTHER_TEXT in one needle ('t="inlineStr"', 't="str"'); text that happens to
# hold it too costs a closer look, never a cell missed
_ANY_OTHER_TEXT = b'tr"'


@dataclass(frozen=True)
class CellMarks:
    """(row, column) of cells, rows 1-based as in the sheet, columns 0-based."""

    text: list[tuple[int, int]]  # stored as text (a shared or inline string, a text result)
    percent: list[tuple[int, int]]  # shown with a percent number format


def percent_styles(data: bytes) -> set[int]:
    """The cell styles whose number format shows a percent."""
    return {i for i, kind in enumerate(style_kinds(data)) if kind == "percent"}


def numbers_as_text(data: bytes, part: str, other_text: bool | None = None) -> bool:
    """Whether the sheet may hold text that a float reading turns into a number other
    than a plain whole one: such a shared string, or any inline string or text result
    (``other_text``: whether the sheet has those, when the caller has looked already)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    shared = "xl/sharedStrings.xml"
    if shared in zf.namelist() and _NUMBER_TEXT.search(zf.read(shared)):
        return True
    return _mentions(zf, part, *_OTHER_TEXT) if other_text is None else other_text


# what ``sheet_facts`` looks for in the sheet's XML
FACT_NEEDLES = (FORMULA, _ANY_OTHER_TEXT)


def sheet_facts(data: bytes, part: str, found: frozenset[bytes] | None = None) -> tuple[bool, bool]:
    """(whether the sheet has formulas, whether it may hold text a float reading turns
    into a number other than a plain whole one), from one reading of its XML (``found``:
    which of ``FACT_NEEDLES`` it holds, when a reading of the caller's looked already)."""
    if found is None:
        found = frozenset(mentioned(zipfile.ZipFile(io.BytesIO(data)), part, FACT_NEEDLES))
    other = _ANY_OTHER_TEXT in found and _mentions(
        zipfile.ZipFile(io.BytesIO(data)), part, *_OTHER_TEXT
    )
    return FORMULA in found, numbers_as_text(data, part, other)


def cell_marks(
    data: bytes, part: str, columns: list[int], text: bool, percent: set[int]
) -> CellMarks:
    """The text cells (if ``text``) and the cells styled with one of the ``percent`` styles,
    in ``columns`` (0-based), over the whole sheet: a pattern each over its XML, read in
    chunks, that stops only at such cells."""
    marks = CellMarks([], [])
    if not columns or not (text or percent):
        return marks
    column_of = {column_letters(c).encode(): c for c in columns}
    cell = rb'<c\s+r="(' + b"|".join(sorted(column_of)) + rb')(\d+)"(?=[^>]*?\b'
    wanted = []
    if text:
        wanted.append((re.compile(cell + rb't="(?:s|str|inlineStr)")'), marks.text))
    if percent:
        styles = b"|".join(str(s).encode() for s in sorted(percent))
        wanted.append((re.compile(cell + rb's="(?:' + styles + rb')")'), marks.percent))
    zf = zipfile.ZipFile(io.BytesIO(data))
    tail = b""
    with zf.open(part) as f:
        while True:
            chunk = f.read(1 << 22)
            buf = tail + chunk
            cut = buf.rfind(b"<c") if chunk else -1  # a cell cut by the chunk waits
            end = cut if cut > 0 else len(buf)
            for pattern, found in wanted:
                found.extend(
                    (int(row), column_of[col]) for col, row in pattern.findall(buf, 0, end)
                )
            if not chunk:
                return marks
            tail = buf[end:]


def column_letters(column: int) -> str:
    """A 0-based column's letters (the inverse of ``cell_position``'s column).

    >>> column_letters(0), column_letters(26)
    ('A', 'AA')
    """
    out = ""
    n = column + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
