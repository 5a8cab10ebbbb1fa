"""Reference data with time: units (provinces, agencies, levels) valid over a span of days,
and the successions that lead from one unit to the next across a reorganisation.

Pure: the caller hands in each CSV file's text and name; every problem is a
``ReferenceProblem`` naming the file and the line, so an analyst who edits
``reference/provinces.csv``, ``agencies.csv``, ``agency_successors.csv`` or ``levels.csv``
is told where the mistake is. Parsing finds rows that do not parse (a date that is not
``YYYY-MM-DD``, ``valid_from`` after ``valid_to``, a row without a source);
``reference_checks.check_reference`` finds what is wrong across rows and files
(overlaps, cycles, dangling or late successors, a unit outliving its level).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from extractors.normalize import fold
from extractors.reference_checks import ReferenceDataError, ReferenceProblem, check_reference


@dataclass(frozen=True)
class Span:
    """The days a unit is in force; ``None`` is open (since ever / until further notice)."""

    valid_from: date | None = None
    valid_to: date | None = None

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def overlaps(self, other: Span) -> bool:
        lo = max(self.valid_from or date.min, other.valid_from or date.min)
        hi = min(self.valid_to or date.max, other.valid_to or date.max)
        return lo <= hi

    def describe(self) -> str:
        start = self.valid_from.isoformat() if self.valid_from else "…"
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{start} – {end}"


ALWAYS = Span()


@dataclass(frozen=True)
class Unit:
    """One row of a reference file: a unit and the days it is in force."""

    code: str
    name: str
    span: Span
    file: str
    line: int
    aliases: tuple[str, ...] = ()
    province: str | None = None  # agencies: a province's own unit (blank: every province)
    level: str | None = None
    kind: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Succession:
    """``predecessor`` lives on in ``successor``; ``main`` marks the successor that took
    the bulk of the functions (the one a scorecard follows when the functions split)."""

    predecessor: str
    successor: str
    file: str
    line: int
    province: str | None = None  # blank: in every province
    main: bool = True
    functions: str = ""
    source: str = ""


class ReferenceInvalid(ReferenceDataError):
    """The reference data cannot be used; ``problems`` names each file and line."""

    def __init__(self, problems: Sequence[ReferenceProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Reference:
    """The reference data with time: units by code and the successions between them."""

    units: tuple[Unit, ...]
    successions: tuple[Succession, ...]
    levels: tuple[Unit, ...] = ()

    def unit(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def successors(self, code: str, province: str | None = None) -> tuple[Succession, ...]:
        """Where ``code`` went; a province's own rows replace the generic ones there."""
        rows = self._by_predecessor.get(code, [])
        own = [s for s in rows if province and s.province and fold(s.province) == fold(province)]
        return tuple(own or [s for s in rows if not s.province])

    # Indexes built once per Reference (it is frozen): a file's names are judged in time
    # with thousands of look-ups, and building the index per look-up cost more than them.
    @cached_property
    def _by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @cached_property
    def resolvers(self) -> dict[object, object]:
        """Name resolvers made against this reference data, kept as long as it is
        (``resolve_in_time.timed_resolver``): a batch's names are resolved once, by the
        judge, and not again when its pending names are."""
        return {}

    @cached_property
    def _by_predecessor(self) -> dict[str, list[Succession]]:
        out: dict[str, list[Succession]] = {}
        for s in self.successions:
            out.setdefault(s.predecessor, []).append(s)
        return out


# ---------------------------------------------------------------- reading the files


def _rows(text: str, file: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each CSV row; the header is line 1."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    out = []
    for row in reader:
        out.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
    return out


def _date(
    value: str, column: str, file: str, line: int, problems: list[ReferenceProblem]
) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            ReferenceProblem(file, line, f"{column} {value!r} is not a date YYYY-MM-DD")
        )
        return None


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def parse_units(
    text: str, file: str, name_column: str = "name"
) -> tuple[list[Unit], list[Succession], list[ReferenceProblem]]:
    """Units of one file; a ``successors`` column (codes, ``|``-separated) gives mergers."""
    units: list[Unit] = []
    successions: list[Succession] = []
    problems: list[ReferenceProblem] = []
    for line, row in _rows(text, file):
        code = row.get("code", "")
        if not code:
            problems.append(ReferenceProblem(file, line, "row without a code"))
            continue
        start = _date(row.get("valid_from", ""), "valid_from", file, line, problems)
        end = _date(row.get("valid_to", ""), "valid_to", file, line, problems)
        if start and end and start > end:
            problems.append(
                ReferenceProblem(file, line, f"{code}: valid_from {start} is after valid_to {end}")
            )
        if "source" in row and not row["source"]:
            problems.append(ReferenceProblem(file, line, f"{code}: no source cited"))
        units.append(
            Unit(
                code=code,
                name=row.get(name_column, ""),
                span=Span(start, end),
                file=file,
                line=line,
                aliases=_split(row.get("aliases", "")),
                province=row.get("province") or None,
                level=row.get("level") or None,
                kind=row.get("kind") or None,
                source=row.get("source", ""),
            )
        )
        successions.extend(
            Succession(code, succ, file, line, source=row.get("source", ""))
            for succ in _split(row.get("successors", ""))
        )
    return units, successions, problems


def parse_successions(text: str, file: str) -> tuple[list[Succession], list[ReferenceProblem]]:
    """Rows of ``agency_successors.csv``: predecessor, successor, province, main, functions."""
    out: list[Succession] = []
    problems: list[ReferenceProblem] = []
    for line, row in _rows(text, file):
        pred, succ = row.get("predecessor", ""), row.get("successor", "")
        if not pred or not succ:
            problems.append(ReferenceProblem(file, line, "a succession needs both codes"))
            continue
        if not row.get("source", "x"):
            problems.append(ReferenceProblem(file, line, f"{pred} -> {succ}: no source cited"))
        out.append(
            Succession(
                pred,
                succ,
                file,
                line,
                province=row.get("province") or None,
                main=row.get("main", "yes").lower() in {"yes", "x", "1", "true"},
                functions=row.get("functions", ""),
                source=row.get("source", ""),
            )
        )
    return out, problems


def build_reference(
    files: Sequence[tuple[str, str, str]],
    successions_file: tuple[str, str] | None = None,
    levels_file: tuple[str, str] | None = None,
    key: Callable[[str], str] = fold,
) -> Reference:
    """Parse and check: ``files`` are (name, text, name column) of unit files. Raises
    ``ReferenceInvalid`` with every problem, each naming its file and line."""
    units: list[Unit] = []
    successions: list[Succession] = []
    problems: list[ReferenceProblem] = []
    for file, text, name_column in files:
        us, ss, ps = parse_units(text, file, name_column)
        units += us
        successions += ss
        problems += ps
    if successions_file:
        ss, ps = parse_successions(successions_file[1], successions_file[0])
        successions += ss
        problems += ps
    levels: list[Unit] = []
    if levels_file:
        levels, _, ps = parse_units(levels_file[1], levels_file[0])
        problems += ps
    problems += check_reference(units, successions, levels, key)
    if problems:
        raise ReferenceInvalid(problems)
    return Reference(tuple(units), tuple(successions), tuple(levels))
