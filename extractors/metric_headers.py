"""The header row of a metric file: every column understood, or reported.

Each header is, in this order of trust:

* a *role* written as the convention writes it (``Cơ quan``, ``Chỉ tiêu``, ``Kỳ báo cáo``,
  ``Tử số``, ``Mẫu số``, ``Giá trị``, ``Tỷ lệ (%)``; English ``agency``, ``value`` ...);
* a *close miss* of a role, matched and reported as a warning: written without its
  diacritics (``Co quan``), as a database identifier (``co_quan``, ``ky_bao_cao``,
  ``tu_so``), or one slip of the keyboard away (``Tửso``, ``Mã chỉ tiu``);
* a *known extra* column, ignored on purpose (``STT``, ``Ghi chú``, ``Nguồn số liệu``, and
  their identifiers ``stt``, ``ghi_chu``, ``nguon_so_lieu``), or the unit column
  (``Đơn vị tính``, ``don_vi_tinh``): known by name in any spelling, no warning;
* anything else: *other* (an indicator of a wide file, or a column the reader reports).

A role found in two columns (two value columns, two agency columns), and a numerator
without a denominator (or the reverse), are *problems*: the file is refused with the
columns named and what each was taken for, rather than the first used silently.

>>> h = read_header(["STT", "co_quan", "Chỉ tiêu", "Năm", "Tửso", "Mẫu số", "Ghi chú"])
>>> h.roles
{'agency': 1, 'indicator': 2, 'period': 3, 'numerator': 4, 'denominator': 5}
>>> for n in h.near:
...     print(n.why)
'co_quan' taken for the agency (an identifier for 'Cơ quan')
'Tửso' taken for the numerator (a close spelling of 'Tử số')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from extractors.normalize import fold, nfc

# role -> its names as written (the first is the one warnings quote); matched exactly
# after NFC, lower case, spaces squashed, separators (/ , ; " - ") and units dropped
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "agency": (
        "Cơ quan", "Cơ quan, đơn vị", "Đơn vị", "Tên đơn vị", "Tên cơ quan",
        "Tên cơ quan, đơn vị", "Cơ quan báo cáo", "Đơn vị báo cáo", "Cơ quan thực hiện",
        "Đơn vị thực hiện", "agency", "unit name",
        # a table of ministries, or of a province's departments and boards, heads its
        # agency column with what its rows are
        "Bộ, ngành", "Bộ, cơ quan ngang bộ", "Sở, ban, ngành", "Sở, ngành",
        "Sở, ban, ngành, địa phương", "Cơ quan, địa phương", "Đơn vị, địa phương",
    ),
    "indicator": (
        "Chỉ tiêu", "Mã chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu", "indicator",
        "indicator code", "indicator name",
    ),
    "period": (
        "Kỳ báo cáo", "Năm", "Kỳ", "Thời gian", "Năm báo cáo", "Thời kỳ", "Kỳ số liệu",
        "Thời gian báo cáo", "period", "year",
        "Năm học",  # a school year's figures ("2023-2024": ``roman_periods``)
    ),
    "numerator": ("Tử số", "numerator"),
    "denominator": ("Mẫu số", "denominator"),
    "value": (
        "Giá trị", "Tỷ lệ", "Kết quả", "Số liệu", "Kết quả thực hiện", "Giá trị thực hiện",
        # this period's figure beside the last one's ("Kỳ trước", reported as not
        # understood); a score ("Điểm") beside its rank ("Xếp hạng", the same)
        "Kỳ này", "Kết quả kỳ này", "Điểm", "Điểm số", "value",
        # the figures done, as a report beside its plan's column ("Kế hoạch giao") writes
        # them (the plan's column is a target: reported as not understood, never loaded)
        "Thực hiện",
    ),
    "unit": ("Đơn vị tính", "ĐVT", "unit"),
    "province": (
        "Tỉnh", "Tỉnh, thành phố", "Tỉnh thành", "Tỉnh, TP", "Tên tỉnh",
        "Tỉnh, thành phố trực thuộc trung ương", "Mã tỉnh", "province",
    ),
    # which submission of the report this is (orders corrections before their arrival)
    "version": ("Phiên bản", "Lần gửi", "version"),
    # the day the report was made (orders corrections before their arrival, too)
    "reported_on": ("Ngày báo cáo", "Ngày gửi báo cáo", "report date"),
}  # fmt: skip
# roles that are usual extra columns too (the unit: "Đơn vị tính"), known by name in any
# spelling, as STT and Ghi chú are: no warning for "don_vi_tinh" or "Don vi tinh"
QUIET_ROLES = ("unit",)
# columns agencies add that carry no figure: known, ignored without a warning
KNOWN_EXTRAS = (
    "STT", "TT", "Số TT", "Số thứ tự", "No", "#", "Ghi chú", "Nguồn số liệu", "Nguồn",
    "Ghi chú, giải trình", "Người báo cáo",
    # the kind of figure a row is (an estimate or the figure done: ``metrics.estimate_notes``)
    "Loại số liệu", "Tính chất số liệu",
)  # fmt: skip
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# what parts the words of a header without changing them: "Tỉnh/Thành phố" is "Tỉnh, thành
# phố"; a bare "%" is the unit, as "(%)" is
_SEPARATORS = re.compile(
    r"""[/,;:&%]      # a slash, comma ... between words, or a unit mark
      | \s[-–]\s      # a dash between spaces ("Cơ quan - đơn vị"), not a hyphenated word
    """,
    re.VERBOSE,
)


# A value column whose header carries the year of its figures ("Giá trị năm 2023", "Kết quả
# 2023", "Số liệu năm 2023", "Năm 2023", a bare "2023"), matched on the folded header
_YEARED_VALUE = re.compile(
    r"""(?: (?P<name> [a-z ]+? ) \s )?   # the value's name, folded: "gia tri", "ket qua"
        (?: nam \s )?                    # "năm"
        (?P<year> (?: 19 | 20 ) \d{2} )  # the year
    """,
    re.VERBOSE,
)
# the names a yeared value column is written with: the value's own (with "Thực hiện", the
# figures done that year, as a report beside its plan writes them)
YEARED_NAMES = ROLE_NAMES["value"]


@dataclass(frozen=True)
class NearMiss:
    column: int
    header: str
    role: str
    why: str  # the warning: what the header was taken for, and why


@dataclass(frozen=True)
class HeaderReading:
    roles: dict[str, int]  # role -> column
    near: tuple[NearMiss, ...]  # roles matched by a close miss (each a warning)
    extras: tuple[int, ...]  # known extra columns (STT, Ghi chú ...)
    others: tuple[int, ...]  # columns with a header that is none of these
    problems: tuple[str, ...]  # why the file cannot be read as it stands
    value_year: int | None = None  # the year the value column's header names
    # a long file's column per year (``Năm 2022 | Năm 2023`` beside Chỉ tiêu, no value,
    # count or period column): column -> the year its figures are of
    years: dict[int, int] = field(default_factory=dict)


def exact_header(header: str) -> str:
    """A header as written, but for case, spaces, separators and a unit in brackets."""
    return " ".join(_SEPARATORS.sub(" ", _BRACKETS.sub(" ", nfc(header))).lower().split())


def folded_header(header: str) -> str:
    """A header folded (no diacritics, no separators), an identifier's underscores as
    spaces."""
    return fold(_SEPARATORS.sub(" ", header.replace("_", " ")))


_EXACT = {exact_header(n): role for role, names in ROLE_NAMES.items() for n in names}
_EXTRAS = {exact_header(n) for n in KNOWN_EXTRAS}
_FOLDED = {fold(n): (role, n) for role, names in ROLE_NAMES.items() for n in names}
_EXTRAS_FOLDED = {folded_header(n) for n in KNOWN_EXTRAS}
_YEARED_FOLDED = {folded_header(n) for n in YEARED_NAMES}


def header_year(header: str) -> int | None:
    """The year a value column's header names (None: the header is no yeared value).

    >>> header_year("Giá trị năm 2023"), header_year("Kết quả 2022"), header_year("2024")
    (2023, 2022, 2024)
    >>> header_year("Năm 2023"), header_year("Kế hoạch 2024"), header_year("Giá trị")
    (2023, None, None)
    """
    m = _YEARED_VALUE.fullmatch(folded_header(_BRACKETS.sub(" ", header)))
    if m is None or m["name"] not in {None, "nam", *_YEARED_FOLDED}:
        return None
    return int(m["year"])


def role_of(header: str) -> tuple[str | None, str | None]:
    """(role, why) for one header: why is None for an exact name, the warning for a close
    miss; (None, None) when the header is no role.

    >>> role_of("Giá trị"), role_of("Gia tri")[1], role_of("Ghi chú")
    (('value', None), "written without diacritics for 'Giá trị'", (None, None))
    """
    exact = _EXACT.get(exact_header(header))
    if exact:
        return exact, None
    key = folded_header(_BRACKETS.sub(" ", header))
    if key in _EXTRAS_FOLDED or not key:
        return None, None
    if key in _FOLDED:
        role, name = _FOLDED[key]
        if role in QUIET_ROLES:
            return role, None
        how = "an identifier for" if "_" in header else "written without diacritics for"
        return role, f"{how} '{name}'"
    squeezed = key.replace(" ", "")
    for folded, (role, name) in _FOLDED.items():
        target = folded.replace(" ", "")
        if len(target) >= 4 and Levenshtein.distance(squeezed, target) <= _slips(target):
            return role, f"a close spelling of '{name}'"
    return None, None


def _slips(target: str) -> int:
    """Keyboard slips forgiven: none in a short name (``nam``/``tt``), one up to eight
    letters, two beyond."""
    return 0 if len(target) < 4 else 1 if len(target) <= 8 else 2


def read_header(header: list[str]) -> HeaderReading:
    """Every column of a header row: its role, a close miss, a known extra, or other."""
    found: dict[str, list[int]] = {}
    near: list[NearMiss] = []
    extras: list[int] = []
    others: list[int] = []
    years = {i: y for i, h in enumerate(header) if (y := header_year(h or ""))}
    for i, h in enumerate(header):
        text = (h or "").strip()
        role, why = column_role(text)
        if i in years:  # a value column of one year; several: a column per year (refused)
            role, why = ("value", None) if len(years) == 1 else (None, None)
        if role:
            found.setdefault(role, []).append(i)
            if why:
                near.append(NearMiss(i, text, role, f"'{text}' taken for the {role} ({why})"))
        elif text and (exact_header(text) in _EXTRAS or folded_header(text) in _EXTRAS_FOLDED):
            extras.append(i)
        elif text and i not in years:
            others.append(i)
    _codes_beside_names(header, found, extras)
    # a column per year is the figures of each year where nothing else holds a figure or
    # a period (as a column per quarter is: ``metrics.period_columns``)
    per_year = len(years) > 1 and "indicator" in found and not _FIGURE_ROLES & found.keys()
    problems = [_per_period(header, years)] if len(years) > 1 and not per_year else []
    problems += [
        "a role found twice: "
        + " and ".join(f"'{header[i].strip()}' (column {i + 1})" for i in cols)
        + f" were all taken for the {role}"
        for role, cols in found.items()
        if len(cols) > 1
    ]
    for has, lacks in (("numerator", "denominator"), ("denominator", "numerator")):
        if has in found and lacks not in found:
            i = found[has][0]
            problems.append(
                f"'{header[i].strip()}' (column {i + 1}) was taken for the {has}, "
                f"but no column is the {lacks}"
            )
    return HeaderReading(
        {role: cols[0] for role, cols in found.items()},
        tuple(near),
        tuple(extras),
        tuple(others),
        tuple(problems),
        next(iter(years.values())) if len(years) == 1 else group_year(header, found),
        years if per_year else {},
    )


def group_year(header: list[str], found: dict[str, list[int]]) -> int | None:
    """The year a group cell merged over every figure column names ("Năm 2024" over "Tử số |
    Mẫu số", combined as "Năm 2024 / Tử số"): the figures' year, as "Giá trị năm 2024" is
    (None: no figure column, or one not under that one year).

    >>> group_year(["Cơ quan", "Năm 2024 / Tử số", "Năm 2024 / Mẫu số"],
    ...            {"numerator": [1], "denominator": [2]})
    2024
    """
    figures = [i for role in sorted(_FIGURE_ROLES - {"period"}) for i in found.get(role, [])]
    groups = {header[i].rsplit(" / ", 1)[0] if " / " in header[i] else "" for i in figures}
    years = {header_year(g) for g in groups}
    return years.pop() if len(years) == 1 and figures else None


_FIGURE_ROLES = {"value", "numerator", "denominator", "period"}


# an indicator column of the report's own codes ("Mã chỉ tiêu": CT01, CT02 ...)
_CODE_HEADERS = {folded_header(n) for n in ("Mã chỉ tiêu", "Mã số chỉ tiêu", "indicator code")}


def _codes_beside_names(header: list[str], found: dict[str, list[int]], extras: list[int]) -> None:
    """Two indicator columns, one of codes and one of names ("Mã chỉ tiêu" | "Tên chỉ
    tiêu"): the names are the indicator (the catalog's names; the codes are the report's
    own, CT01), the codes a known extra column."""
    cols = found.get("indicator", [])
    codes = [i for i in cols if folded_header(header[i] or "") in _CODE_HEADERS]
    if len(cols) == 2 and len(codes) == 1:
        cols.remove(codes[0])
        extras.append(codes[0])


def _per_period(header: list[str], years: dict[int, int]) -> str:
    """Why a column per year is refused, naming the columns."""
    named = " and ".join(f"'{header[i].strip()}' (column {i + 1})" for i in years)
    return (
        f"a column per period: {named} each hold the figures of one year; this reader takes "
        "the period from one column (Kỳ báo cáo): write one row per period"
    )


def column_role(header: str) -> tuple[str | None, str | None]:
    """``role_of`` a header that may be two header rows combined (``"Hồ sơ / Tử số"``): its
    sub-column's role, unless the whole is a role as written (``"Tỉnh / Thành phố"``).

    >>> column_role("Hồ sơ / Tử số"), column_role("Tỉnh / Thành phố")
    (('numerator', None), ('province', None))
    """
    whole = role_of(header)
    if " / " not in header or (whole[0] and whole[1] is None):
        return whole
    sub = role_of(sub_header(header))
    return sub if sub[0] else whole


def combine_header_rows(top: list[str], sub: list[str]) -> list[str]:
    """Two header rows, the top one with merged group cells (a merged cell's text stands in
    its first column, blanks after it), as one header per column: a sub-column under a
    group is ``"<group> / <sub>"``, so no sub-column is lost.

    >>> combine_header_rows(["Cơ quan", "Hồ sơ trực tuyến", "", "Ghi chú"],
    ...                     ["", "Tử số", "Mẫu số", ""])
    ['Cơ quan', 'Hồ sơ trực tuyến / Tử số', 'Hồ sơ trực tuyến / Mẫu số', 'Ghi chú']
    """
    out: list[str] = []
    group = ""
    width = max(len(top), len(sub))
    for i in range(width):
        t = (top[i] if i < len(top) else "").strip()
        s = (sub[i] if i < len(sub) else "").strip()
        if t:
            group = t if s else ""
            out.append(f"{t} / {s}" if s else t)
        else:
            out.append(f"{group} / {s}" if group and s else s)
    return out


def sub_header(header: str) -> str:
    """The part of a combined header that names the column (``"Hồ sơ / Tử số"`` -> Tử số)."""
    return header.rsplit(" / ", 1)[-1]
