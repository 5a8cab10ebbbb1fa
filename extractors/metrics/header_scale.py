"""A column of figures whose header gives them in thousands or millions (``Tử số (nghìn hồ
sơ)``, ``Giá trị (triệu)``, ``Số đơn vị (ĐVT: nghìn)``, or a row of units under the
header that says ``nghìn hồ sơ``): its cells are not the counts the
warehouse keeps (1,2 there is 1.200 dossiers), and a ratio of sums over agencies that write
their counts whole would mix the two scales. The file is refused naming the column, as a
``Đơn vị tính`` of ``nghìn đơn vị`` refuses its row (``catalog_checks``).

>>> scale_of("Tử số (nghìn hồ sơ)"), scale_of("Giá trị (Triệu)"), scale_of("Tỷ lệ (%)")
('thousands', 'millions', None)
>>> scale_of("Số hồ sơ trên nghìn dân"), scale_of("Kinh phí (tỷ đồng)")
(None, 'billions')
>>> scale_of("Tử số (1.000 hồ sơ)"), scale_of("Tỷ lệ (trên 1.000 dân)"), scale_of("Số (1000)")
('thousands', None, 'thousands')
"""

from __future__ import annotations

import re

from extractors.normalize import fold
from extractors.parse_numbers import NULL_TOKENS

# the unit part of a header: in brackets, or after "ĐVT:" / "Đơn vị tính:" / "Đơn vị:"
_UNIT_PART = re.compile(
    r"""\( (?P<bracketed> [^)]* ) \)                       # "(nghìn hồ sơ)"
      | (?:ĐVT|Đơn\svị\stính|Đơn\svị) \s* : (?P<after> .*)  # "ĐVT: nghìn"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# a scale word, folded, as a word of the unit part ("tỷ lệ" is a share, not billions)
_SCALE = re.compile(r"\b(?P<word>nghin|ngan|trieu|ty)\b(?!\sle\b)")
_SCALES = {"nghin": "thousands", "ngan": "thousands", "trieu": "millions", "ty": "billions"}
# a scale written as a figure at the start of a unit part, folded ("ĐVT: 1.000 hồ sơ" is
# "1 000 ho so"; "(1.000.000 đồng)"); one later in it is a rate's base ("trên 1.000 dân")
_FIGURE_SCALE = re.compile(r"1(?P<zeros>(?:\s?000){1,3})\b")
_BY_ZEROS = {1: "thousands", 2: "millions", 3: "billions"}


def _scale_at_start(unit: str) -> str | None:
    """The scale a unit part opens with, a word or a figure (folded; None: none)."""
    if word := _SCALE.match(unit):
        return _SCALES[word["word"]]
    if figure := _FIGURE_SCALE.match(unit):
        return _BY_ZEROS[figure["zeros"].replace(" ", "").count("000")]
    return None


def scale_of(header: str) -> str | None:
    """The scale a header's unit part gives its figures in (None: the figures themselves)."""
    for unit in _UNIT_PART.finditer(header):
        part = fold(unit["bracketed"] or unit["after"] or "")
        found = _SCALE.search(part)
        if found:
            return _SCALES[found["word"]]
        if scale := _scale_at_start(part):
            return scale
    return None


def _unit_scale(cell: str) -> str | None:
    """The scale a cell of a units row names ("nghìn hồ sơ"; None: no scale, or a figure)."""
    found = None if any(ch.isdigit() for ch in cell) else _SCALE.search(fold(cell))
    return _SCALES[found["word"]] if found else None


def scaled_columns(header: list[str], columns: list[int], under: list[str], row: int) -> list[str]:
    """Why each of ``columns`` (the columns of figures) cannot be loaded as it is written:
    its header, or its cell in ``under`` (the row under the header, file row ``row``: a
    row of units), names a scale."""
    out = []
    for i in columns:
        unit = under[i].strip() if i < len(under) else ""
        if scale := scale_of(header[i]):
            out.append(f"'{header[i]}' (column {i + 1}) gives its figures in {scale}")
        elif scale := _unit_scale(unit):
            out.append(
                f"'{header[i]}' (column {i + 1}) gives its figures in {scale} (row {row}: '{unit}')"
            )
    return [
        f"{why}: write the counts themselves (1.200, not 1,2 nghìn), so they add up with "
        "other agencies'"
        for why in out
    ]


def title_scaled(rows: list[list[str]]) -> list[str]:
    """Why the figures cannot be loaded as written, for each row above the header (``rows``,
    file row 1 on) whose unit line names a scale: "Đơn vị tính: nghìn hồ sơ", "ĐVT: triệu"
    (the report's unit line, under its title) gives every count of the table in it.

    >>> title_scaled([["BÁO CÁO NĂM 2023", ""], ["", "Đơn vị tính: nghìn hồ sơ"]])[0][:69]
    "'Đơn vị tính: nghìn hồ sơ' (row 2) gives the figures in thousands: wr"
    >>> title_scaled([["Báo cáo (trích) năm 2023"], ["ĐVT: %"], ["Đơn vị: Công ty Xổ số"]])
    []
    """
    out = []
    for no, row in enumerate(rows, 1):
        for cell in filter(None, (c.strip() for c in row)):
            unit = _UNIT_PART.search(cell)
            # (the scale first: "Đơn vị: Công ty ..." names the reporting unit, not a scale)
            scale = unit and unit["after"] is not None and _scale_at_start(fold(unit["after"]))
            if scale:
                out.append(
                    f"'{cell}' (row {no}) gives the figures in {scale}: write "
                    "the counts themselves (1.200, not 1,2 nghìn), so they add up with other "
                    "agencies'"
                )
    return out


def units_row(row: list[str], figures: list[int]) -> bool:
    """Whether a row (the one under the header) gives the columns' units: text in the
    columns of figures only (``hồ sơ``, ``%``, ``điểm``), no number, no blank mark.

    >>> units_row(["", "", "hồ sơ", "hồ sơ", "%"], [2, 3, 4])
    True
    >>> units_row(["Sở Y tế", "", "hồ sơ", "", ""], [2, 3, 4]), units_row(["", "", "x"], [2])
    (False, False)
    """
    filled = {i: c.strip() for i, c in enumerate(row) if c and c.strip()}
    return bool(filled) and all(
        i in figures
        and not any(ch.isdigit() for ch in cell)
        and cell.lower() not in NULL_TOKENS
        and len(cell.split()) <= 4
        for i, cell in filled.items()
    )
