"""The checks of the reference data with time: each problem names its file and line.

* dangling successors (a code that no row defines),
* successions that do not meet in time (the successor is not in force the day after the
  predecessor ends), cycles,
* overlaps: two units with the same name or alias, for the same province, in force on
  the same day (a name must mean one unit on any date),
* agencies outliving their level (a district committee in force after cấp huyện ended),
* repeated codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from extractors.normalize import fold

if TYPE_CHECKING:
    from extractors.reference_time import Succession, Unit


class ReferenceDataError(ValueError):
    """A reference CSV that cannot be used (not a table, or its rows contradict each other),
    named with its file and line: the one error every reference check raises."""


@dataclass(frozen=True)
class ReferenceProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


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
    by_code = {u.code: u for u in units}
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
