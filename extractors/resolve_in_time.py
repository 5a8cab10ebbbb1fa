"""Resolve names at a date: the unit that was in force when the document speaks.

A layer over ``resolve_names``: the name matching itself (aliases, guarded fuzzy) is
unchanged; what changes is *which* registry entries take part. At a date ``on`` only the
units in force that day are candidates, so the same string can mean different units
before and after the 2025 reorganisation ("Sở Khoa học và Công nghệ" in 2024 and 2026).

* A name that matches no unit in force, but a unit of another time, is not guessed: the
  result carries ``problem`` (why: ended on …, begins on …, and its successors), and the
  caller rejects or queues it ("UBND cấp huyện" in a 2026 report).
* Provinces are the exception the reorganisation asks for: a province that ceased maps
  to the successor in force at the date, with a ``note`` (a 2026 file naming Long An is
  Tây Ninh's).
* A period that straddles a change (``start`` before the unit began) belongs to the unit
  in force at its end, with a ``note``.
* Without a date (an undated plan) every unit takes part, as before the reference data
  had time; the row listed first wins a shared name.
* A unit of a province (``agencies.csv``'s ``province``) is only ever that province's, or
  its successor's across the reorganisation: Long An's "UBND huyện Châu Thành" is not the
  district of that name in a row of Tiền Giang (that one is not in the reference data: the
  review queue), nor "UBND huyện Châu Thành (Tiền Giang)" in a row of Long An - a province
  in the name's closing brackets is the name's province.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.normalize import fold, nfc
from extractors.reference_time import Reference, Unit
from extractors.resolve_names import Entry, Resolver


@dataclass(frozen=True)
class TimedResolution:
    raw: str
    code: str | None
    name: str | None
    method: str | None  # "alias" | "fuzzy" | "successor" | None
    score: float
    note: str | None = None  # resolved, but an analyst should know (straddle, successor)
    problem: str | None = None  # a unit of another time: the reason it is not used
    other: str | None = None  # that unit's code
    candidates: tuple[tuple[str, str, float], ...] = ()


def entry_of(unit: Unit) -> Entry:
    return Entry(unit.code, unit.name, unit.aliases, unit.province)


class TimedResolver:
    """Agency names against the units in force at a date (one ``Resolver`` per date)."""

    def __init__(self, reference: Reference, entries: Sequence[Entry], province: str | None):
        self.reference = reference
        self.entries = list(entries)
        self.province = province
        self._at: dict[date | None, Resolver] = {}
        self._anywhen: dict[date | None, Resolver] = {}
        self._elsewhere: dict[str, TimedResolver] = {}  # a province named in brackets
        self._ours: dict[date | None, set[str]] = {}  # the province and those it took in

    def _resolver(self, on: date | None) -> Resolver:
        if on not in self._at:
            live = [e for e in self.entries if on is None or self._covers(e.code, on)]
            self._at[on] = Resolver(live, self.province)
        return self._at[on]

    def _any_time(self, on: date | None) -> Resolver:
        """Every unit of every time, of the province and of those it took in: only to say
        why a name is not used (a 2026 file of Tây Ninh naming a district of the former
        Long An)."""
        if on not in self._anywhen:
            ours = self._provinces(on)  # (no province of its own: every unit takes part)
            self._anywhen[on] = Resolver(
                e
                for e in self.entries
                if not self.province or not e.province or province_key(e.province) in ours
            )
        return self._anywhen[on]

    def _provinces(self, on: date | None) -> set[str]:
        """The keys of the province's names and of every province it took in, as the
        reference data's successions say (Tây Ninh from 01/07/2025: Tây Ninh, Long An)."""
        if on in self._ours:
            return self._ours[on]
        key = province_key(self.province or "")
        named = [u for u in province_units(self.reference) if key in _keys(u)]
        todo = [u.code for u in named if on is None or u.span.covers(on)] or [u.code for u in named]
        seen: set[str] = set()
        while todo:
            code = todo.pop()
            if code not in seen:
                seen.add(code)
                todo += [s.predecessor for s in self.reference.successions if s.successor == code]
        units = (self.reference.unit(c) for c in seen)
        self._ours[on] = {key} | {k for u in units if u is not None for k in _keys(u)}
        return self._ours[on]

    def _named_elsewhere(self, raw: str, on: date | None) -> TimedResolver | None:
        """The resolver of the province a name's closing brackets name, when it is not this
        one's (or this one has none): "UBND huyện Châu Thành (Tiền Giang)"."""
        inner = _CLOSING_BRACKETS.search(nfc(raw))
        named = resolve_province(inner["inner"], None, self.reference) if inner else None
        if named is None or named.name is None:
            return None
        if self.province and province_key(named.name) in self._provinces(on):
            return None
        if named.name not in self._elsewhere:
            self._elsewhere[named.name] = TimedResolver(self.reference, self.entries, named.name)
        return self._elsewhere[named.name]

    def _covers(self, code: str, on: date) -> bool:
        unit = self.reference.unit(code)
        return unit is None or unit.span.covers(on)

    def resolve(self, raw: str, on: date | None, start: date | None = None) -> TimedResolution:
        elsewhere = self._named_elsewhere(raw, on)
        if elsewhere is not None and self.province:  # another province's unit: never ours
            res = self._resolver(on).resolve(raw)
            return TimedResolution(raw, None, None, None, res.score, candidates=res.candidates)
        if elsewhere is not None:  # no province of our own: the one the name says
            return elsewhere.resolve(raw, on, start)
        raw = self._as_province(raw)
        res = self._resolver(on).resolve(raw)
        if res.code is not None:
            return TimedResolution(
                raw, res.code, res.name, res.method, res.score, self._straddle(res.code, start, on)
            )
        if on is not None:
            other = self._any_time(on).resolve(raw)
            unit = self.reference.unit(other.code) if other.code else None
            if unit is not None:
                return TimedResolution(
                    raw,
                    None,
                    None,
                    None,
                    other.score,
                    problem=out_of_time(unit, on, self.reference, self.province),
                    other=unit.code,
                    candidates=res.candidates,
                )
        return TimedResolution(raw, None, None, None, res.score, candidates=res.candidates)

    def _as_province(self, raw: str) -> str:
        """ "Sở Tư pháp thành phố Hà Nội" is "Sở Tư pháp tỉnh Hà Nội" to the registry: the
        six cities under the central government are provincial units too."""
        if not self.province:
            return raw
        tail = CITY_TAIL.search(nfc(raw))
        if tail and province_key(tail.group("name")) == province_key(self.province):
            return nfc(raw)[: tail.start()] + " tỉnh"
        return raw

    def _straddle(self, code: str, start: date | None, on: date | None) -> str | None:
        unit = self.reference.unit(code)
        if unit is None or start is None or on is None or unit.span.covers(start):
            return None
        return (
            f"the period {start} – {on} straddles a change: counted under {unit.name} "
            f"({unit.code}, in force from {unit.span.valid_from}), the unit at its end"
        )


def out_of_time(unit: Unit, on: date, reference: Reference, province: str | None) -> str:
    """Why ``unit`` cannot be meant on ``on``, with its successors and source."""
    if unit.span.valid_to and on > unit.span.valid_to:
        why = f"{unit.name!r} ({unit.code}) ceased on {unit.span.valid_to}"
    else:
        why = f"{unit.name!r} ({unit.code}) exists only from {unit.span.valid_from}"
    succ = reference.successors(unit.code, province)
    names = ", ".join(f"{s.successor}{'' if s.main else ' (' + s.functions + ')'}" for s in succ)
    tail = f"; successors: {names}" if names else ""
    return f"{why}, not in force on {on}{tail} [{unit.source}]"


# ---------------------------------------------------------------- provinces

# "(Tiền Giang)", "(tỉnh Long An)" closing an agency's name: the words in its last brackets
_CLOSING_BRACKETS = re.compile(r"\((?P<inner>[^()]+)\)\s*$")


def _keys(unit: Unit) -> set[str]:
    return {province_key(n) for n in (unit.name, *unit.aliases)}


# "... thành phố Hà Nội", "... TP. Hồ Chí Minh" at the end of an agency's name
CITY_TAIL = re.compile(
    r"""\s+(?:thành\ phố|TP\.?)\s+    # the city's kind word
    (?P<name>[^\W\d_][\w\s.-]*)$      # and its name, up to the end
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "tỉnh Long An", "TP. Hồ Chí Minh", "thành phố Cần Thơ": the kind word before the name
PROVINCE_PREFIX = re.compile(
    r"""^(?:tinh|thanh\ pho|tp)\s+   # the kind of unit, folded
    """,
    re.VERBOSE,
)


# "Hà Nội (TP)", "Long An (tỉnh)", "Ho Chi Minh City": the kind word after the name, in
# brackets or in English (never bare: "Hà Tĩnh" ends in a word that folds to "tinh")
PROVINCE_SUFFIX = re.compile(
    r"""\s*\(\s*(?:tỉnh|thành\ phố|tp\.?)\s*\)\s*$   # in brackets, as a list writes it
    | \s+(?:city|province)\s*$                      # in English
    """,
    re.VERBOSE | re.IGNORECASE,
)


# the same few province names are keyed for every name and date a file resolves
@lru_cache(maxsize=4096)
def province_key(name: str) -> str:
    """A province's name for matching: folded, the kind word dropped before or after it,
    the spaces too ("Hanoi", "TPHCM", "BRVT" are written as one word; no two provinces'
    names differ only in their spaces). Exact on that key: a letter off a real name is not
    guessed, as provinces' names are that close to each other (Hà Nam, Hà Nội).

    >>> province_key("Tỉnh Long An") == province_key("long an") == province_key("LongAn")
    True
    >>> province_key("Hà Nội (TP)"), province_key("Ho Chi Minh City")
    ('hanoi', 'hochiminh')
    """
    key = PROVINCE_PREFIX.sub("", fold(PROVINCE_SUFFIX.sub("", nfc(name)))).strip()
    return key.replace(" ", "")


@dataclass(frozen=True)
class ProvinceResolution:
    raw: str
    code: str | None
    name: str | None
    note: str | None = None


def province_units(reference: Reference) -> list[Unit]:
    return [u for u in reference.units if u.file.endswith("provinces.csv")]


def is_province(raw: str, reference: Reference) -> bool:
    """Whether ``raw`` names a province of some time (its name or an alias).

    >>> from extractors.reference import BUNDLED, load_reference
    >>> ref = load_reference(BUNDLED)
    >>> is_province("Tay Ninh", ref), is_province("Long Ann", ref), is_province("Sở Nội vụ", ref)
    (True, False, False)
    """
    return resolve_province(raw, None, reference).code is not None


def committee_words(reference: Reference) -> tuple[str, ...]:
    """How a province's people's committee is written before the province's kind and name
    ("UBND tỉnh Long An"), folded, longest first: the names of the reference data's
    province-level committee ("UBND tỉnh", "Ủy ban nhân dân tỉnh") without the kind of
    province they end with (a kind its provinces have: tỉnh, thành phố).

    >>> from extractors.reference import BUNDLED, load_reference
    >>> committee_words(load_reference(BUNDLED))
    ('uy ban nhan dan', 'ubnd')
    """
    kinds = {fold(u.kind.replace("_", " ")) for u in province_units(reference) if u.kind}
    names = [
        fold(n)
        for u in reference.units
        if u.kind == "committee" and u.level == "tinh" and not u.province
        for n in (u.name, *u.aliases)
    ]
    words = {n[: -len(k)].strip() for n in names for k in kinds if n.endswith(" " + k)}
    return tuple(sorted(words, key=len, reverse=True))


def _after_committee(raw: str, reference: Reference) -> str:
    """What follows a province's committee's words ("UBND tỉnh Long An" -> "tinh long an",
    folded); "" when ``raw`` does not start with them."""
    folded = fold(raw)
    for words in committee_words(reference):
        if folded.startswith(words + " "):
            return folded[len(words) :].strip()
    return ""


def _named(key: str, reference: Reference) -> list[Unit]:
    return [
        u
        for u in province_units(reference)
        if key in {province_key(n) for n in (u.name, *u.aliases)}
    ]


def resolve_province(raw: str, on: date | None, reference: Reference) -> ProvinceResolution:
    """The province ``raw`` names at ``on``; a province that ceased maps to its successor in
    force at ``on``, with a note naming the change. A province may be written with its kind
    ("Tỉnh Long An", "TP. Hồ Chí Minh") or as its people's committee ("UBND tỉnh Long
    An"): it names that province.

    >>> from extractors.reference import BUNDLED, load_reference
    >>> ref = load_reference(BUNDLED)
    >>> [resolve_province(r, None, ref).code for r in ("UBND tỉnh Long An",
    ...     "Ủy ban nhân dân thành phố Hà Nội", "UBND huyện Bến Lức")]
    ['long_an', 'ha_noi', None]
    """
    named = _named(province_key(raw), reference)
    if not named:
        rest = _after_committee(raw, reference)
        named = _named(province_key(rest), reference) if rest else []
    if not named:
        return ProvinceResolution(raw, None, None)
    if on is None:  # undated: the unit of that name before the change, as before
        live = [u for u in named if u.span.valid_from is None] or named
        return ProvinceResolution(raw, live[0].code, live[0].name)
    live = [u for u in named if u.span.covers(on)]
    if live:
        return ProvinceResolution(raw, live[0].code, live[0].name)
    gone = max(named, key=lambda u: u.span.valid_to or date.min)
    succ = successor_at(gone.code, on, reference)
    if succ is None:
        return ProvinceResolution(raw, None, None, out_of_time(gone, on, reference, None))
    return ProvinceResolution(
        raw,
        succ.code,
        succ.name,
        f"{gone.name} ({gone.code}) ceased on {gone.span.valid_to}; mapped to its successor "
        f"{succ.name} ({succ.code}) [{gone.source}]",
    )


def successor_at(
    code: str, on: date, reference: Reference, province: str | None = None
) -> Unit | None:
    """The unit ``code`` lives on in at ``on``: its main successors, followed until one is in
    force (the reference data has no cycles: it was checked on load)."""
    unit = reference.unit(code)
    while unit is not None and not unit.span.covers(on):
        if unit.span.valid_from and on < unit.span.valid_from:
            return None  # before it began: a successor is never the answer
        nxt = [s for s in reference.successors(unit.code, province) if s.main]
        unit = reference.unit(nxt[0].successor) if nxt else None
    return unit


def current_code(code: str, reference: Reference, province: str | None = None) -> str:
    """The code ``code`` lives on in today (its main successor chain's end)."""
    return lineage(code, reference, province)[-1]


def lineage(code: str, reference: Reference, province: str | None = None) -> tuple[str, ...]:
    """The chain of main successors from ``code`` to the unit in force today."""
    chain = [code]
    while True:
        nxt = [s for s in reference.successors(chain[-1], province) if s.main]
        if not nxt or nxt[0].successor in chain:
            return tuple(chain)
        chain.append(nxt[0].successor)
