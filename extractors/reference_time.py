"""Reference data with time: units (provinces, agencies, levels) valid over a span of days,
and the successions that lead from one unit to the next across a reorganisation.

Pure: the caller hands in each CSV file's text and name; every problem is a
``ReferenceProblem`` naming the file and the line, so an analyst who edits
``reference/provinces.csv``, ``agencies.csv``, ``agency_successors.csv`` or ``levels.csv``
is told where the mistake is. ``check_reference`` finds

* rows that do not parse (a date that is not ``YYYY-MM-DD``, ``valid_from`` after
  ``valid_to``, a repeated code, a row without a source),
* dangling successors (a code that no row defines),
* successions that do not meet in time (the successor is not in force the day after the
  predecessor ends), cycles,
* overlaps: two units with the same name or alias, for the same province, in force on
  the same day (a name must mean one unit on any date),
* agencies outliving their level (a district committee in force after cấp huyện ended).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.normalize import fold


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


@dataclass(frozen=True)
class ReferenceProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ReferenceInvalid(ValueError):
    """The reference data cannot be used; ``problems`` names each file and line."""

    def __init__(self, problems: Sequence[ReferenceProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class Reference:
    """The reference data with time: units by code and the successions between them."""

    units: tuple[Unit, ...]
    successions: tuple[Succession, ...]
    levels: tuple[Unit, ...] = ()

    def unit(self, code: str) -> Unit | None:
        return _index(self.units).get(code)

    def successors(self, code: str, province: str | None = None) -> tuple[Succession, ...]:
        """Where ``code`` went; a province's own rows replace the generic ones there."""
        rows = [s for s in self.successions if s.predecessor == code]
        own = [s for s in rows if province and s.province and fold(s.province) == fold(province)]
        return tuple(own or [s for s in rows if not s.province])


def _index(units: Sequence[Unit]) -> dict[str, Unit]:
    return {u.code: u for u in units}


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


# ---------------------------------------------------------------- checking them


def check_reference(
    units: Sequence[Unit],
    successions: Sequence[Succession],
    levels: Sequence[Unit] = (),
    key: Callable[[str], str] = fold,
) -> list[ReferenceProblem]:
    """Every problem of the whole reference data (empty: usable)."""
    return [
        *_repeated_codes(units),
        *_dangling(units, successions),
        *_gaps(units, successions),
        *_cycles(successions),
        *_overlaps(units, key),
        *_outliving_level(units, levels),
    ]


def _repeated_codes(units: Sequence[Unit]) -> Iterable[ReferenceProblem]:
    seen: dict[tuple[str, str], Unit] = {}
    for u in units:
        first = seen.setdefault((u.file, u.code), u)
        if first is not u:
            yield ReferenceProblem(u.file, u.line, f"code {u.code} repeats line {first.line}")


def _dangling(
    units: Sequence[Unit], successions: Sequence[Succession]
) -> Iterable[ReferenceProblem]:
    known = {u.code for u in units}
    for s in successions:
        for code in (s.predecessor, s.successor):
            if code not in known:
                yield ReferenceProblem(
                    s.file, s.line, f"{s.predecessor} -> {s.successor}: no unit has the code {code}"
                )


def _gaps(units: Sequence[Unit], successions: Sequence[Succession]) -> Iterable[ReferenceProblem]:
    """A predecessor must end, and its successor be in force the next day."""
    by_code = _index(units)
    for s in successions:
        pred, succ = by_code.get(s.predecessor), by_code.get(s.successor)
        if pred is None or succ is None:
            continue  # reported as dangling
        if pred.span.valid_to is None:
            yield ReferenceProblem(s.file, s.line, f"{pred.code} has a successor but no valid_to")
            continue
        day = pred.span.valid_to + timedelta(days=1)
        if not succ.span.covers(day):
            yield ReferenceProblem(
                s.file,
                s.line,
                f"{succ.code} ({succ.span.describe()}) is not in force on {day}, "
                f"the day after {pred.code} ends",
            )


def _cycles(successions: Sequence[Succession]) -> Iterable[ReferenceProblem]:
    graph: dict[str, list[Succession]] = {}
    for s in successions:
        graph.setdefault(s.predecessor, []).append(s)
    done: set[str] = set()
    for start in graph:
        path: list[Succession] = []
        hit = _find_cycle(start, graph, path, set(), done)
        if hit:
            ring = [p.predecessor for p in path]
            chain = " -> ".join([*ring[ring.index(hit.successor) :], hit.successor])
            yield ReferenceProblem(hit.file, hit.line, f"succession cycle: {chain}")
            return


def _find_cycle(
    code: str,
    graph: dict[str, list[Succession]],
    path: list[Succession],
    on_path: set[str],
    done: set[str],
) -> Succession | None:
    """Depth first from ``code``: the succession that closes a ring (``path`` then holds
    the way to it), or None."""
    if code in on_path:
        return path[-1]
    if code in done:
        return None
    on_path.add(code)
    for s in graph.get(code, ()):
        path.append(s)
        hit = _find_cycle(s.successor, graph, path, on_path, done)
        if hit:
            return hit
        path.pop()
    on_path.discard(code)
    done.add(code)
    return None


def _overlaps(units: Sequence[Unit], key: Callable[[str], str]) -> Iterable[ReferenceProblem]:
    """Two units answering to one name for one province on the same day."""
    by_key: dict[tuple[str, str], list[Unit]] = {}
    for u in units:
        for k in dict.fromkeys(key(n) for n in (u.name, *u.aliases)):
            if k:
                by_key.setdefault((u.file, k), []).append(u)
    reported: set[tuple[str, str]] = set()
    for (_, k), us in by_key.items():
        for i, a in enumerate(us):
            for b in us[i + 1 :]:
                same_place = (a.province or "") == (b.province or "")
                pair = (a.code, b.code)
                if (
                    a.code != b.code
                    and same_place
                    and a.span.overlaps(b.span)
                    and pair not in reported
                ):
                    reported.add(pair)
                    yield ReferenceProblem(
                        b.file,
                        b.line,
                        f"{b.code} and {a.code} (line {a.line}) both answer to {k!r} "
                        f"on overlapping days ({b.span.describe()} / {a.span.describe()})",
                    )


def _outliving_level(units: Sequence[Unit], levels: Sequence[Unit]) -> Iterable[ReferenceProblem]:
    ends = {lv.code: lv.span.valid_to for lv in levels if lv.span.valid_to}
    for u in units:
        end = ends.get(u.level or "")
        if end and (u.span.valid_to is None or u.span.valid_to > end):
            yield ReferenceProblem(
                u.file, u.line, f"{u.code} of level {u.level} outlives its level (ended {end})"
            )


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
