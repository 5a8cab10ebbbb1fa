"""Checks of a metric row against what the reference data says of its agency and indicator:
a row is one agency's own figure, in the indicator's unit, or it is rejected naming why.

- A total row ("Tổng cộng", "Toàn tỉnh", "Cộng cấp huyện") reports the sum of the rows
  above it, which the marts add up themselves: kept, it would be counted twice. It names
  no agency, so it is a reject of its own kind, not an unknown name waiting in the review
  queue.
- A collective (``agencies.csv`` kind ``collective``: "Các sở, ngành tỉnh", "UBND cấp
  huyện") reports the sum of its members. Where one of its members (an agency of its
  level; of any level for "UBND các cấp") reports in the same file, the collective's row
  is a subtotal and is rejected; alone, it stands for members that report no row of their
  own (the communes of a province as one line) and the marts count it once.
- The ``Đơn vị tính`` a row writes must be a spelling of its indicator's unit
  (``indicators.csv`` ``unit``); a count is a whole number given in Giá trị, never as a
  Tử số/Mẫu số (which makes it a share), nor written with a "%" (``95%`` is a share).

Each check is a table per distinct value (of the unit, the indicator, the value, the
agency), looked up per row by its code (``encode.by_code``), like the judge's own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from extractors.metrics.cells import TYPED
from extractors.metrics.encode import by_code
from extractors.normalize import fold

PERCENT, COUNT = "%", "count"  # the catalog's units that a check treats apart

# How agencies spell each of the catalog's units in Đơn vị tính (compared folded: case,
# diacritics and brackets aside, so "Tỷ lệ (%)" is "tỷ lệ %"). A unit written otherwise
# is no spelling of the indicator's: the row is rejected naming both (a bare "tỷ lệ" may
# be a fraction or a percent; "nghìn đơn vị" scales the count; "‰" is not "%"). Keep it
# small: add a spelling when a real file shows it.
UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    PERCENT: ("%", "tỷ lệ %", "phần trăm", "percent"),
    COUNT: ("đơn vị", "cơ quan", "số lượng", "count"),
    "score": ("điểm", "score"),
}

# an agency cell that labels a total or subtotal row, not an agency (folded, whole cell):
# "Tổng cộng", "Tổng số", "Tổng", "Cộng", "Cộng cấp huyện", "Tổng cộng toàn tỉnh", "Toàn
# tỉnh", "Toàn thành phố"; a district's or a commune's subtotal after its units ("Cộng
# huyện Cần Giuộc", "Toàn huyện"), a block's ("Cộng khối sở, ngành"), a section's ("Cộng
# (I)", "Tổng cộng (I+II)"), or of all the units of a kind ("Cộng các huyện", "Tổng cộng các
# đơn vị") - but not "Tổng cục Thuế" or "Tổng công ty ...", which are
# agencies
_PLACE = r"(?:tinh|thanh\spho|huyen|quan|thi\sxa|thi\stran|xa|phuong|dac\skhu)"
TOTAL_LABEL = re.compile(
    rf"""^(?:
        (?:tong\scong|tong\sso|tong|cong)          # Tổng cộng, Tổng số, Tổng, Cộng
        (?:\s(?:cap\s(?:tinh|huyen|xa)             # ... cấp huyện: a subtotal
            | toan\s{_PLACE}(?:\s.+)?              # ... toàn tỉnh
            | chung                                 # ... chung
            | {_PLACE}\s.+                          # ... huyện Cần Giuộc: its units' sum
            | khoi\s.+                              # ... khối sở, ngành
            | cac\s.+                               # ... các huyện, các đơn vị
            | (?:muc\s)?[ivxl]+(?:\s[ivxl]+)*))?    # ... (I), (I+II): a section's
        | toan\s{_PLACE}(?:\s.+)?                  # Toàn tỉnh, Toàn huyện (Cần Giuộc)
    )$""",
    re.VERBOSE,
)
# an agency's name closed by brackets that say the row is the province's sum it compiles:
# "Văn phòng UBND tỉnh (tổng hợp chung toàn tỉnh)", "Sở Nội vụ (toàn tỉnh)"
_CLOSING_BRACKETS = re.compile(r"\(([^()]*)\)\s*$")
_TOTAL_WORDS = re.compile(rf"\b(?:tong\shop|tong\scong|toan\s{_PLACE})\b")  # (folded)


@dataclass(frozen=True)
class Catalog:
    """What the reference data says of codes: each indicator's unit, each agency's level,
    and the agencies that are collectives (their rows are the sum of their members')."""

    units: Mapping[str, str] = field(default_factory=dict)  # indicator code -> unit
    levels: Mapping[str, str | None] = field(default_factory=dict)  # agency code -> level
    collectives: frozenset[str] = frozenset()  # agency codes of kind collective
    # agency codes of kind committee: the province's People's Committee, whose row may be
    # the sum of its agencies' (``committee_sums``)
    committees: frozenset[str] = frozenset()

    def central(self) -> frozenset[str]:
        """The agencies of the central level (ministries): their own figures are no
        province's."""
        return frozenset(c for c, level in self.levels.items() if level == "trung_uong")

    def all_counts(self, codes: Iterable[str | None]) -> bool:
        """Whether every one of a file's indicators is one the catalog counts (a whole
        number): then its value column is a column of counts (an unresolved indicator
        proves nothing).

        >>> c = Catalog({"a": "count", "b": "%"})
        >>> c.all_counts(["a"]), c.all_counts(["a", "b"]), c.all_counts(["a", None])
        (True, False, False)
        """
        units = [self.units.get(c or "") for c in codes]
        return bool(units) and all(u == COUNT for u in units)

    def members(self, collective: str, codes: set[str]) -> list[str]:
        """The agencies among ``codes`` that belong to ``collective``: those of its level
        (every agency when it has none), a collective of another level included."""
        level = self.levels.get(collective)
        return sorted(
            c
            for c in codes - {collective}
            if c in self.levels
            and (self.levels[c] == level if level else True)
            and (c not in self.collectives or not level)
        )


def unit_of(written: str) -> str | None:
    """The catalog unit a Đơn vị tính spells, if any.

    >>> unit_of("Tỷ lệ (%)"), unit_of("Đơn vị"), unit_of("nghìn đơn vị"), unit_of("‰")
    ('%', 'count', None, None)
    """
    folded = _folded(written)
    return next(
        (unit for unit, names in UNIT_SPELLINGS.items() if folded in map(_folded, names)), None
    )


def _folded(unit: str) -> str:
    """A unit folded for comparison ("%" folds to nothing: a unit of signs stays itself)."""
    return " ".join(fold(unit).split()) or "".join(unit.split()).strip("()")


def is_total(agency: str) -> bool:
    """An agency cell that labels a total row.

    >>> is_total("Tổng cộng:"), is_total("Toàn tỉnh"), is_total("Tổng cục Thuế")
    (True, True, False)
    >>> is_total("Cộng huyện Cần Giuộc"), is_total("Cộng (I)"), is_total("Tổng công ty Điện lực")
    (True, True, False)
    >>> is_total("Văn phòng UBND tỉnh (tổng hợp chung toàn tỉnh)"), is_total("Sở Nội vụ (SNV)")
    (True, False)
    >>> is_total("Cộng các huyện"), is_total("Tổng cộng các đơn vị"), is_total("Tổng các xã")
    (True, True, True)
    """
    closing = _CLOSING_BRACKETS.search(agency)
    return bool(
        TOTAL_LABEL.match(" ".join(fold(agency).split()))
        or (closing and _TOTAL_WORDS.search(fold(closing[1])))
    )


@dataclass(frozen=True)
class Meant:
    """The catalog checks of one file: ``ind_codes`` is each indicator as written -> its
    code (None: unresolved, and then nothing is checked against the catalog)."""

    catalog: Catalog
    ind_codes: Mapping[str, str | None]
    CHECKS = (  # columns
        "agency_total", "counts_not_share", "unit_wrong", "count_fraction", "count_percent",
    )  # fmt: skip

    def unit(self, indicator: str | None) -> str | None:
        code = self.ind_codes.get(indicator) if indicator is not None else None
        return self.catalog.units.get(code) if code else None

    def checks(self, levels: dict[str, list[str]], values: pl.Series) -> dict[str, pl.Expr]:
        """Per row: its agency cell is a total's label; it gives counts on an indicator
        that is no share; its unit is not its indicator's; its value is not a whole
        number on a count (``values``: the value column's numbers, one per distinct)."""

        def table(column: str, test: Callable[[str], bool]) -> pl.Expr:
            flags = pl.Series([test(v) for v in levels[column]], dtype=pl.Boolean)
            return by_code(flags, column, null=False)  # (none true: a constant)

        units = self.catalog.units
        kinds = sorted(set(units.values()) | set(UNIT_SPELLINGS))
        number = {unit: i for i, unit in enumerate(kinds)}  # a unit's number; -1: unknown

        def unit_number(written: str) -> int:
            return number.get(unit_of(written) or "", -1)

        meant = [number.get(self.unit(raw) or "") for raw in levels["indicator_raw"]]
        written = [unit_number(u) for u in levels["unit"]]
        one_unit = len({*written, *meant} - {None}) <= 1  # (a file in one unit: no pass)
        unit_wrong = (
            pl.lit(False)
            if one_unit
            else by_code(pl.Series(written, dtype=pl.Int64), "unit")
            != by_code(pl.Series(meant, dtype=pl.Int64), "indicator_raw")
        )
        whole = pl.Series([v is None or float(v).is_integer() for v in values], dtype=pl.Boolean)
        num, den = pl.col("numerator"), pl.col("denominator")
        return {
            "agency_total": table("agency_raw", is_total),
            "counts_not_share": table(
                "indicator_raw", lambda raw: self.unit(raw) not in (None, PERCENT)
            )
            & (num.is_not_null() | den.is_not_null()),
            "unit_wrong": unit_wrong,
            "count_fraction": table("indicator_raw", lambda raw: self.unit(raw) == COUNT)
            & ~by_code(whole, "value", null=True),  # (all whole: a constant)
            # a "%" the agency typed (a count in a cell formatted as % is the count, typed:
            # ``percent_cells``)
            "count_percent": table("indicator_raw", lambda raw: self.unit(raw) == COUNT)
            & table("value", lambda raw: not raw.startswith(TYPED) and raw.rstrip().endswith("%")),
        }

    def reason(self, r: dict[str, Any], src: dict[str, Any]) -> str | None:
        """Why a row fails a catalog check (``r``: its checks and numbers; ``src``: the
        row as read), else None."""
        indicator = src["indicator_raw"]
        code, unit = self.ind_codes.get(indicator), self.unit(indicator)
        if r.get("agency_total"):
            return (
                f"'{src['agency_raw']}' is a total row, not an agency: the marts add up the "
                "agencies' own rows (send those, without the total)"
            )
        if r.get("counts_not_share"):
            return (
                f"{code} is a {unit}, not a share: give the {unit} in Giá trị, without Tử số/Mẫu số"
            )
        if r.get("unit_wrong"):
            spellings = ", ".join(f"'{s}'" for s in UNIT_SPELLINGS.get(unit or "", ()))
            return (
                f"unit '{src['unit']}' is not the unit of {code} ({unit}: write "
                f"{spellings or repr(unit)} and the figure in that unit)"
            )
        if r.get("count_percent"):
            return (
                f"'{src['value'].strip()}' is a share, but {code} is a count: give the count "
                "in Giá trị, without '%'"
            )
        if r.get("count_fraction"):
            return f"{r['value']:g} is not a whole number: {code} is a count"
        return None


def collective_subtotals(
    resolved: list[tuple[int, str | None, str | None, str | None]], catalog: Catalog
) -> dict[int, str]:
    """Agency key -> why its rows are rejected, for each collective (``resolved``: key,
    province, agency as written, code) whose members report in the same province of the
    file."""
    codes: dict[str | None, dict[str, str]] = {}  # province -> code -> a name as written
    for _, prov, raw, code in resolved:
        if code and raw:
            codes.setdefault(prov, {}).setdefault(code, raw)
    out = {}
    for key, prov, raw, code in resolved:
        if code in catalog.collectives:
            present = codes.get(prov, {})
            members = [present[m] for m in catalog.members(code, set(present))]
            if members:
                out[key] = collective_reason(raw or code, members)
    return out


def collective_reason(agency: str, members: list[str]) -> str:
    named = ", ".join(f"'{m}'" for m in members[:3]) + (" ..." if len(members) > 3 else "")
    return (
        f"'{agency}' is a collective whose members report in this file too ({named}): its "
        "row is their sum, which the marts add up from their own rows; send the members' "
        "rows only"
    )
