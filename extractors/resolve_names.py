"""Tie agency and indicator strings to registry entries: exact alias first, then fuzzy.

Matching keys are built by ``agency_key``: NFC -> fold (case, diacritics, đ) ->
abbreviations expanded (``UBND``, ``TT&TT``, ``VP``, ``KH&CN`` ...) -> "và", a trailing
"tỉnh <province>", a closing bracket and a region's number after "khu vực" dropped. An
alias ending in "…" opens names (a ``prefix`` match, after the exact one). Fuzzy matching
(rapidfuzz) runs once per *distinct* string and accepts a candidate only when

* the whole keys score at least ``FUZZY_MIN`` (``fuzz.ratio``), and
* every word of either side has a counterpart on the other scoring at least
  ``name_guards.WORD_MIN`` (so a misspelt word is forgiven, but "Nội vụ"/"Ngoại vụ",
  "Đức Hòa"/"Đức Huệ" or "cấp huyện"/"huyện Cần Giuộc" never merge), and
* both sides carry the same meaning-changing words (``name_meaning``: "không", "kế
  hoạch", "cùng kỳ" ...), whichever step matched: "Mức độ không hài lòng" is not
  "Mức độ hài lòng", nor is "(kế hoạch giao)" the year's actual.

The thresholds were chosen on the labelled confusion set in ``tests/test_resolve_names.py``
(precision 1.0 is a hard requirement; recall is reported). Below them a string is
unmatched and goes to the review queue with its best candidates and scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractors.name_abbreviations import ABBREVIATIONS
from extractors.name_guards import marks_agree, words_agree
from extractors.name_meaning import AGENCY_MEANINGS, MEANING_WORDS, meanings
from extractors.normalize import fold, nfc

FUZZY_MIN = 85

_STOP = {"va", "cua", "thuoc", "duoc"}
# An abbreviation written in parts ("KH & CN", "GD-ĐT", "LĐ-TB&XH") is one word ("KHCN").
_ABBREVIATION_PART = re.compile(
    r"""\b([A-ZĐ]{2,5})      # capitals: a part of an abbreviation
        \s*[-&]\s*          # joined by "-" or "&", spaced or not
        (?=[A-ZĐ]{2,5}\b)    # to the next part""",
    re.VERBOSE,
)
# The abbreviation repeated in brackets after a name or header: "Sở Nội vụ (SNV)".
_TRAILING_ABBREVIATION = re.compile(r"\s*\([A-ZĐ&\-\s]{2,}\)\s*$")
# Agencies only: what brackets close a name with, its abbreviation or the unit of the agency
# doing the work ("Bộ Tư pháp (Cục ...)"); the agency answers for it either way.
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
# Agencies only: a region's number after "khu vực" (folded), as in the State Bank's and other
# central agencies' regional branches since 2025 ("Chi nhánh Khu vực IV", "khu vực 8"). A
# province is served by one region, so the number is not part of the unit its plan names.
# (Indicators keep it: communes are classed by area, "xã khu vực III" is not "khu vực II".)
_REGION_NUMBER = re.compile(
    r"""\b(khu\ vuc)\s+
        (?:[ivxl]+|\d{1,2})\b   # Roman or Arabic figures""",
    re.VERBOSE,
)
# Agencies only: the list number a table writes in the name's own cell ("1. Sở Y tế", "2)
# Sở Tài chính", "a) Sở Xây dựng", "II. Sở Tư pháp"): the row's place, not the name's.
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-zđ]|[IVXL]{1,4})\s*[.)]\s+")
# Indicators: the mark of a footnote under the table closing the name ("... TTHC (1)",
# "... (*)", "...**", "...¹"); its number is no part of the indicator ("mức độ 3, 4 (2)").
_FOOTNOTE_MARK = re.compile(
    r"""\s*(?: \(\s*(?:\d{1,2}|\*{1,3})\s*\)   # (1), (*)
             | \[\d{1,2}\]                    # [1]
             | \*{1,3}                         # *, **
             | [¹²³⁴⁵⁶⁷⁸⁹⁰]+ )\s*$              # superscript figures""",
    re.VERBOSE,
)
# An alias that ends in "…" (or "...") stands for every name it opens: "Các doanh nghiệp …"
# is "Các doanh nghiệp vận tải hành khách" too. Meant for collectives.
_PREFIX_MARK = re.compile(r"\s*(?:…|\.\.\.)\s*$")


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    province: str | None = None


@dataclass(frozen=True)
class Resolution:
    raw: str
    code: str | None
    name: str | None
    method: str | None  # "alias" | "prefix" | "words" | "fuzzy" | None (unmatched)
    score: float
    candidates: tuple[tuple[str, str, float], ...] = ()  # (code, name, score), best first


_NONE: frozenset[str] = frozenset()


class SharedMatches:
    """What resolvers keyed alike matched, kept for one another: a batch resolves its names
    per province, and most provinces key the registry the same way (the units of no
    province, or of another), so a commune's name written under 34 provinces is matched
    once, not 34 times. Pass one to the resolvers of one reference data."""

    def __init__(self) -> None:
        self._by_view: dict[object, dict[tuple[str, str], Resolution]] = {}

    def of(self, view: object) -> dict[tuple[str, str], Resolution]:
        """The matches (name, its key) -> result of resolvers whose ``view`` is this one."""
        return self._by_view.setdefault(view, {})


@lru_cache(maxsize=65536)
def _words_key(text: str, agency: bool = False, plain: bool = False) -> str:
    """Folded words with abbreviations spelled out and stop words dropped; for an agency
    also a closing bracket and a region's number; ``plain``: no bracket dropped."""
    words: list[str] = []
    brackets = _TRAILING_BRACKETS if agency else _TRAILING_ABBREVIATION
    text = _LIST_NUMBER.sub("", nfc(text)) if agency else nfc(text)
    folded = text if plain else brackets.sub("", text)
    folded = fold(_ABBREVIATION_PART.sub(r"\1", folded))
    for word in (_REGION_NUMBER.sub(r"\1", folded) if agency else folded).split():
        words.extend(ABBREVIATIONS.get(word, word.replace("&", " ")).split())
    return " ".join(w for w in words if w not in _STOP)


@lru_cache(maxsize=65536)
def agency_key(text: str, province: str | None = None) -> str:
    """The matching key of an agency name.

    >>> agency_key("Sở TT&TT") == agency_key("Sở Thông tin và Truyền thông tỉnh Long An",
    ...                                      "Long An")
    True
    >>> agency_key("VP UBND tỉnh")
    'van phong uy ban nhan dan'
    """
    return _without_tails(_words_key(text, agency=True), province)


def _without_tails(key: str, province: str | None) -> str:
    ends, tails = _province_tails(province)
    if key.endswith(ends):  # (else no tail can match: most names end in neither)
        for tail in tails:
            key = tail.sub("", key)
    return key.strip()


@lru_cache(maxsize=1024)
def _province_tails(province: str | None) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """What agency_key strips from the end of a name: "tỉnh", "tỉnh <province>", "<province>";
    and the words one of them must end the name with."""
    if not province:
        return ("tinh",), (re.compile(r"(?:\s+tinh)$"),)
    words = _words_key(province)  # as the name's words are: "Cà Mau" holds "ca" (công an)
    p = re.escape(words)
    return ("tinh", words), (
        re.compile(r"(?:\s+tinh(?:\s+" + p + r")?)$"),
        re.compile(r"\s+" + p + "$"),
    )


def indicator_key(text: str, _province: str | None = None) -> str:
    """The matching key of an indicator header: units in brackets and "tỷ lệ" dropped.

    >>> indicator_key("Tỷ lệ hồ sơ giải quyết trực tuyến (%)")
    'ho so giai quyet truc tuyen'
    """
    key = _text_key(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text))
    return re.sub(r"^(?:ty le|phan tram)\s+", "", key).strip()


def _text_key(text: str) -> str:
    """The key of an indicator's words: an agency's key without the agency-only steps."""
    return _without_tails(_words_key(text), None)


def indicator_resolver(entries: Iterable[Entry]) -> Resolver:
    """Indicators resolve by code, name or alias; then by the catalog phrase the name
    contains (``extractors.match_indicators``); then with the same guarded fuzzy step."""
    # (imported here: match_indicators builds on this module's abbreviations and Entry)
    from extractors.match_indicators import IndicatorMatcher

    catalog = [Entry(e.code, e.name, (*e.aliases, e.code)) for e in entries]
    matcher = IndicatorMatcher(catalog)

    def by_words(raw: str) -> tuple[str, float, str] | None:
        found = matcher.match(_FOOTNOTE_MARK.sub("", raw))
        return (found.code, found.score, found.phrase) if found.code else None

    return Resolver(catalog, key=indicator_key, by_words=by_words, meaning=tuple(MEANING_WORDS))


# an entry with each of its names (name, aliases): the name, its matching key, and whether
# it opens names (an alias ending in "…": ``_PREFIX_MARK``)
Keyed = tuple[Entry, tuple[tuple[str, str, bool], ...]]


def keyed_entries(
    entries: Iterable[Entry],
    province: str | None = None,
    key: Callable[[str, str | None], str] = agency_key,
) -> list[Keyed]:
    """The entries a resolver of ``province`` holds (those of that province or of none),
    each name keyed: what a ``Resolver`` indexes. A caller making resolvers of one province
    over subsets of the same entries (``resolve_in_time``: the units in force at each date)
    keys them once and passes each resolver its subset."""
    return [
        (
            e,
            tuple(
                (name, key(name, province), _PREFIX_MARK.search(name) is not None)
                for name in (e.name, *e.aliases)
            ),
        )
        for e in entries
        if not e.province or not province or fold(e.province) == fold(province)
    ]


class Resolver:
    """Resolve strings against registry entries (aliases exact, then guarded fuzzy)."""

    def __init__(
        self,
        entries: Iterable[Entry],
        province: str | None = None,
        key: Callable[[str, str | None], str] | None = None,
        by_words: Callable[[str], tuple[str, float, str] | None] | None = None,
        meaning: Sequence[str] = AGENCY_MEANINGS,
        shared: SharedMatches | None = None,
        keyed: Sequence[Keyed] | None = None,
    ) -> None:
        """``keyed``: the ``entries`` as ``keyed_entries`` gives them for ``province`` and
        ``key``, made by the caller already (``entries`` is then not read)."""
        self.province = province
        self._key = key or agency_key
        self._by_words = by_words  # a match on word sets (code, score, phrase), before fuzzy
        self._meaning = tuple(meaning)  # the kinds of name_meaning.MEANING_WORDS that veto
        if keyed is None:
            keyed = keyed_entries(entries, province, self._key)
        self.entries = [e for e, _ in keyed]
        self.by_key: dict[str, Entry] = {}
        self.spelt: dict[str, list[str]] = {}  # key -> the names and aliases giving it
        self.prefixes: dict[str, Entry] = {}  # key of an alias ending in "…" -> its entry
        for e, names in keyed:
            for name, name_key, opens in names:
                self.by_key.setdefault(name_key, e)
                self.spelt.setdefault(name_key, []).append(name)
                if opens and name_key:
                    self.prefixes.setdefault(name_key, e)
        self.keys = list(self.by_key)
        self._resolved: dict[str, Resolution] = {}  # each name matched once
        self._matches = shared.of(self._view()) if shared else {}

    def _view(self) -> object:
        """All a match reads besides the name and its key: resolvers of equal views give a
        name the same result."""
        spelt = tuple((k, tuple(names)) for k, names in self.spelt.items())
        keyed = (tuple(self.by_key.items()), spelt, tuple(self.prefixes.items()))
        return (tuple(self.entries), keyed, self._meaning, self._by_words)

    def key(self, text: str) -> str:
        return self._key(text, self.province)

    def resolve(self, raw: str) -> Resolution:
        if raw not in self._resolved:
            k = self.key(raw)
            if (raw, k) not in self._matches:
                self._matches[raw, k] = self._match(raw, k)
            self._resolved[raw] = self._matches[raw, k]
        return self._resolved[raw]

    def _match(self, raw: str, k: str) -> Resolution:
        means = self._means(raw)  # a match must carry the same (name_meaning)
        exact = self.by_key.get(k)
        if exact and self._marks_agree(raw, k) and self._means_alike(means, k):
            return Resolution(raw, exact.code, exact.name, "alias", 100.0)
        opened = self._opened_by(k)
        if opened and self._marks_agree(raw, opened) and self._means_alike(means, opened):
            e = self.prefixes[opened]
            return Resolution(raw, e.code, e.name, "prefix", 100.0)
        found = self._by_words(raw) if self._by_words else None
        if found and self._means(found[2]) == means:
            e = next(e for e in self.entries if e.code == found[0])
            return Resolution(raw, e.code, e.name, "words", found[1])
        scored = process.extract(k, self.keys, scorer=fuzz.ratio, limit=5)
        candidates = tuple(
            (self.by_key[c].code, self.by_key[c].name, round(s, 1)) for c, s, _ in scored
        )
        for cand, score, _ in scored:
            if (
                score >= FUZZY_MIN
                and words_agree(k, cand)
                and self._marks_agree(raw, cand)
                and self._means_alike(means, cand)
            ):
                e = self.by_key[cand]
                return Resolution(raw, e.code, e.name, "fuzzy", round(score, 1), candidates)
        return Resolution(
            raw, None, None, None, candidates[0][2] if candidates else 0.0, _dedupe(candidates)
        )

    def _opened_by(self, key: str) -> str | None:
        """The longest prefix alias that opens ``key`` at a word boundary."""
        found = [p for p in self.prefixes if key.startswith(p + " ")]
        return max(found, key=len) if found else None

    def _marks_agree(self, raw: str, key: str) -> bool:
        return any(marks_agree(raw, name) for name in self.spelt.get(key, ()))

    def _means(self, text: str) -> frozenset[str]:
        """The meanings a name carries, read on all its words (brackets too: "(kế hoạch
        giao)" is no unit), abbreviations spelled out."""
        return meanings(_words_key(text, plain=True), self._meaning) if self._meaning else _NONE

    def _means_alike(self, means: frozenset[str], key: str) -> bool:
        """Some catalog spelling giving ``key`` carries the same meanings as the name."""
        return any(self._means(name) == means for name in self.spelt.get(key, ()))

    def resolve_all(self, raws: Iterable[str]) -> dict[str, Resolution]:
        """Resolve each distinct string once."""
        return {raw: self.resolve(raw) for raw in dict.fromkeys(raws)}


class ResolverCache:
    """One Resolver per province, built on first use."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._by_province: dict[str | None, Resolver] = {}

    def get(self, province: str | None) -> Resolver:
        if province not in self._by_province:
            self._by_province[province] = Resolver(self.entries, province)
        return self._by_province[province]


def _dedupe(cands: Sequence[tuple[str, str, float]]) -> tuple[tuple[str, str, float], ...]:
    seen: dict[str, tuple[str, str, float]] = {}
    for c in cands:
        seen.setdefault(c[0], c)
    return tuple(seen.values())[:3]


def match_indicator(texts: Sequence[str], entries: Sequence[Entry]) -> Resolution:
    """The indicator a measure speaks of: the longest alias contained in the first text
    that contains any (the words after the value, then the whole clause)."""
    for text in texts:
        key = f" {_text_key(text)} "
        best: tuple[int, Entry] | None = None
        for e in entries:
            for alias in (e.name, *e.aliases):
                a = _text_key(alias)
                if a and f" {a} " in key and (best is None or len(a) > best[0]):
                    best = (len(a), e)
        if best:
            return Resolution(texts[0], best[1].code, best[1].name, "alias", 100.0)
    joined = _text_key(" ".join(texts[-1:]))
    scored = process.extract(
        joined, {e.code: _text_key(e.name) for e in entries}, scorer=fuzz.token_set_ratio, limit=3
    )
    candidates = tuple(
        (code, next(e.name for e in entries if e.code == code), round(s, 1))
        for _, s, code in scored
    )
    if candidates and candidates[0][2] >= 90:
        code, name, score = candidates[0]
        return Resolution(texts[0], code, name, "fuzzy", score, candidates)
    return Resolution(
        texts[0], None, None, None, candidates[0][2] if candidates else 0.0, candidates
    )
