"""The version a metric file states: a version column (``Phiên bản``, ``Lần gửi``,
``version``) or its title ("Báo cáo ... (bản sửa đổi lần 2)", "Lần gửi: 3"). A stated
version orders the submissions of one figure before their arrival (the warehouse's
submission order); the file's name never does.

>>> title_version(["BÁO CÁO SỐ LIỆU NĂM 2022 (bản sửa đổi lần 2)"])
2
>>> title_version(["UBND TỈNH LONG AN", "Lần gửi: 3"]), title_version(["Báo cáo năm 2022"])
(3, None)
>>> title_version(["BÁO CÁO NĂM 2023 (LẦN 2)"]), title_version(["Báo cáo năm 2023 - Lần thứ 3"])
(2, 3)
>>> title_version(["Báo cáo lần 2 năm 2023"]), title_version(["Kiểm tra (lần 2) năm 2023 tại Sở"])
(None, None)
>>> cell_version("Lần 10"), cell_version("10.0"), cell_version("v9"), cell_version("mới")
(10, 10, 9, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from extractors.normalize import fold

# A version stated in a title row, read on the folded text (lower case, no marks,
# punctuation as spaces): "(bản sửa đổi lần 2)", "bổ sung lần thứ 3", "Lần gửi: 2",
# "Phiên bản số 4", "version 5".
_TITLE_VERSION = re.compile(
    r"""\b(?:
        (?:ban\s)?(?:sua\sdoi|dieu\schinh|bo\ssung|cap\snhat|chinh\ssua)\slan\s  # a re-send
      | lan\sgui\s                                         # "Lần gửi" (sending number)
      | phien\sban\s(?:so\s)?                              # "Phiên bản (số)"
      | version\s
    )(?:thu\s)?(?P<n>\d{1,4})\b""",
    re.VERBOSE,
)

# A re-send marked by "lần" alone, on the original text: in brackets closing the title line
# - "(LẦN 2)", "(Lần thứ 2)" - or after a dash ending it: "... - Lần 2". "Lần" inside the
# title ("báo cáo lần 2 năm 2023", a second periodic report) states no version.
_MARKED_RESEND = re.compile(
    r"""(?: \(\s* | [-–]\s* )             # an opening bracket, or a dash
        lần\s+(?:thứ\s+)?(?P<n>\d{1,4})   # "lần (thứ) 2"
        \s*\)?\s*[.:]?\s*$                # the bracket's close, at the line's end""",
    re.VERBOSE | re.IGNORECASE,
)

# A version column's cell, folded: "2", "2.0" (a spreadsheet number, folded to "2 0"),
# "Lần 2", "bản 2", "v2", "version 2".
_CELL_VERSION = re.compile(
    r"""^(?:lan\s|ban\s|phien\sban\s|version\s|v)?  # an optional word before the number
        (?P<n>\d{1,6})
        (?:\s0+)?$                                   # a whole number's decimal zeros""",
    re.VERBOSE,
)


def title_version(title: list[str]) -> int | None:
    """The version the first title row that states one states (None: none does)."""
    for row in title:
        m = _TITLE_VERSION.search(fold(row)) or _MARKED_RESEND.search(row.strip())
        if m:
            return int(m["n"])
    return None


def cell_version(cell: str) -> int | None:
    """A version column's cell as a number (None: not a version number)."""
    m = _CELL_VERSION.match(fold(cell))
    return int(m["n"]) if m else None


@dataclass(frozen=True)
class FileVersion:
    number: int | None
    warnings: tuple[str, ...] = ()  # a version cell that is not a number, several versions


def file_version(column: pl.Series | None, header: str, title: list[str]) -> FileVersion:
    """The file's version: its version column's (``column``: the cells, ``header`` its
    name), else its title's. A file is one submission: a column holding several versions
    gives the highest, with a warning; a cell that is no number is reported and ignored."""
    if column is None:
        return FileVersion(title_version(title))
    cells = sorted({str(c).strip() for c in column.unique().to_list() if c is not None} - {""})
    numbers = {c: cell_version(c) for c in cells}
    warnings = [
        f"column '{header}': {c!r} is not a version number; ignored"
        for c, n in numbers.items()
        if n is None
    ]
    found = sorted({n for n in numbers.values() if n is not None})
    if len(found) > 1:
        warnings.append(
            f"column '{header}' holds several versions ({', '.join(map(str, found))}): "
            f"the file counts as version {found[-1]}"
        )
    number = found[-1] if found else title_version(title)
    return FileVersion(number, tuple(warnings))
