"""The province a name means at a date: "Tỉnh Long An", "TP. Hồ Chí Minh", "UBND tỉnh Long
An", an alias, a spelling without diacritics. A province that ceased in the 2025
reorganisation maps to the successor in force at the date, with a note naming the change
(a 2026 file naming Long An is Tây Ninh's); without a date, the unit of that name before
the change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.normalize import fold, nfc
from extractors.reference_time import Reference, Unit
from extractors.successions import out_of_time, successor_at


def province_keys(unit: Unit) -> set[str]:
    """The keys of a province's name and aliases (``province_key``)."""
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


def units_keyed(key: str, reference: Reference) -> list[Unit]:
    """The province units one of whose names has the ``province_key`` ``key``, in the
    reference data's order. Looked up in an index kept with the reference data: a file's
    names are placed in time with a look-up per province and date."""
    held = reference.resolvers.get(units_keyed)  # (the function is the index's key)
    if isinstance(held, dict):
        index: dict[str, list[Unit]] = held
    else:
        index = {}
        for unit in province_units(reference):
            for name_key in province_keys(unit):
                index.setdefault(name_key, []).append(unit)
        reference.resolvers[units_keyed] = index
    return list(index.get(key, ()))


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
    named = units_keyed(province_key(raw), reference)
    if not named:
        rest = _after_committee(raw, reference)
        named = units_keyed(province_key(rest), reference) if rest else []
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
