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
from dataclasses import dataclass, replace
from datetime import date

from extractors.normalize import nfc
from extractors.reference_time import Reference, Unit
from extractors.resolve_names import Entry, Keyed, Resolver, SharedMatches, keyed_entries
from extractors.resolve_province import (
    CITY_TAIL,
    province_key,
    province_keys,
    resolve_province,
    units_keyed,
)
from extractors.successions import out_of_time

# "(Tiền Giang)", "(tỉnh Long An)" closing an agency's name: the words in its last brackets
_CLOSING_BRACKETS = re.compile(r"\((?P<inner>[^()]+)\)\s*$")


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


def timed_resolver(
    reference: Reference, entries: Sequence[Entry], province: str | None
) -> TimedResolver:
    """The resolver of ``entries`` in ``province`` made against ``reference`` before, or a
    new one kept with it: the names it resolved (and the resolvers it built per date) are
    not worked out again by the next caller of the batch."""
    key = (id(entries), province)
    held = reference.resolvers.get(key)
    if isinstance(held, tuple) and held[0] is entries and isinstance(held[1], TimedResolver):
        return held[1]
    made = TimedResolver(reference, entries, province)
    reference.resolvers[key] = (entries, made)  # (the entries held: their id stays theirs)
    return made


def shared_matches(reference: Reference) -> SharedMatches:
    """The matches shared by every resolver made against ``reference`` (kept with it)."""
    held = reference.resolvers.setdefault(SharedMatches, SharedMatches())
    assert isinstance(held, SharedMatches)  # (the type is its own key)
    return held


class TimedResolver:
    """Agency names against the units in force at a date (one ``Resolver`` per date)."""

    def __init__(self, reference: Reference, entries: Sequence[Entry], province: str | None):
        self.reference = reference
        self.entries = list(entries)
        self.province = province
        self._at: dict[date | None, Resolver] = {}
        self._keyed: list[Keyed] | None = None  # ``entries`` of the province, keyed
        self._anywhen: dict[date | None, Resolver] = {}
        self._elsewhere: dict[str, TimedResolver] = {}  # a province named in brackets
        self._ours: dict[date | None, set[str]] = {}  # the province and those it took in
        # each name once per day: the judge's, then the batch's pending names at that day
        self._done: dict[tuple[str, date | None], TimedResolution] = {}
        self._shared = shared_matches(reference)

    def _resolver(self, on: date | None) -> Resolver:
        if on not in self._at:
            if self._keyed is None:  # the province's names keyed once, for every date
                self._keyed = keyed_entries(self.entries, self.province)
            live = [k for k in self._keyed if on is None or self._covers(k[0].code, on)]
            self._at[on] = Resolver((), self.province, shared=self._shared, keyed=live)
        return self._at[on]

    def _any_time(self, on: date | None) -> Resolver:
        """Every unit of every time, of the province and of those it took in: only to say
        why a name is not used (a 2026 file of Tây Ninh naming a district of the former
        Long An)."""
        if on not in self._anywhen:
            ours = self._provinces(on)  # (no province of its own: every unit takes part)
            self._anywhen[on] = Resolver(
                (
                    e
                    for e in self.entries
                    if not self.province or not e.province or province_key(e.province) in ours
                ),
                shared=self._shared,
            )
        return self._anywhen[on]

    def _provinces(self, on: date | None) -> set[str]:
        """The keys of the province's names and of every province it took in, as the
        reference data's successions say (Tây Ninh from 01/07/2025: Tây Ninh, Long An)."""
        if on in self._ours:
            return self._ours[on]
        key = province_key(self.province or "")
        named = units_keyed(key, self.reference)
        todo = [u.code for u in named if on is None or u.span.covers(on)] or [u.code for u in named]
        seen: set[str] = set()
        while todo:
            code = todo.pop()
            if code not in seen:
                seen.add(code)
                todo += [s.predecessor for s in self.reference.successions if s.successor == code]
        units = (self.reference.unit(c) for c in seen)
        self._ours[on] = {key} | {k for u in units if u is not None for k in province_keys(u)}
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
        if (raw, on) not in self._done:
            self._done[raw, on] = self._at_day(raw, on)
        res = self._done[raw, on]
        note = self._straddle(res.code, start, on) if res.code is not None else None
        return replace(res, note=note) if note else res

    def _at_day(self, raw: str, on: date | None) -> TimedResolution:
        """What ``raw`` names at ``on``, whatever the period's start (``_straddle``)."""
        elsewhere = self._named_elsewhere(raw, on)
        if elsewhere is not None and self.province:  # another province's unit: never ours
            res = self._resolver(on).resolve(raw)
            return TimedResolution(raw, None, None, None, res.score, candidates=res.candidates)
        if elsewhere is not None:  # no province of our own: the one the name says
            return elsewhere.resolve(raw, on)
        raw = self._as_province(raw)
        res = self._resolver(on).resolve(raw)
        if res.code is not None:
            return TimedResolution(raw, res.code, res.name, res.method, res.score)
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
