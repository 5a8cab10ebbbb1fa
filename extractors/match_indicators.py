"""Indicator names as agencies write them -> a catalog code, by the words they share.

An agency rarely writes a catalog name letter for letter: it adds the unit (``(%)``), the
level (``mức độ 3, 4``), where and when (``trên địa bàn tỉnh``, ``năm 2023``), abbreviates
(``TTHC``, ``DVC``, ``ĐVSNCL``), reorders, or drops the diacritics. Whole-string ratios miss
these; so a name is also compared as a *set of words* with each catalog name and alias:

1. ``words``: NFC -> fold -> abbreviations spelled out -> stop words dropped -> known
   phrases contracted to one word (``thủ tục hành chính`` -> ``tthc``), so an abbreviation
   and its spelling count alike; a misspelt word is mended to the catalog's word when one
   is close (ratio >= ``MEND_MIN``);
2. a catalog phrase *contained* in the name (all its words present, in any order) is
   evidence for its code; the longest contained phrase wins;
3. what the name says beyond the code's own words must be harmless: at most
   ``MAX_EXTRA`` words that are no *blocker* (``trễ hạn``, ``bị trả lại``, ``toàn
   trình`` ... turn an indicator into another one), no level or number the code does not
   have (``mức độ 2``), and a count (``Số ...``) never resolves to a share or back;
4. two codes with equally long evidence: ambiguous, unresolved (``Tỷ lệ thanh toán trực
   tuyến`` could be either payment indicator); else the code that leaves fewest words
   unexplained wins (``hồ sơ TTHC giải quyết trực tuyến`` is about dossiers).

The labelled set in ``tests/data/indicator_names.csv`` is the measure: precision 1.0 (no
false merge, look-alikes included) and recall >= 0.95.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractors.name_abbreviations import ABBREVIATIONS
from extractors.normalize import fold, nfc
from extractors.resolve_names import Entry

MEND_MIN = 85
MAX_EXTRA = 2  # words a name may add to a code's own (beyond fillers): "giữa các cơ quan"

# Abbreviations seen in indicator names (agency ones come from resolve_names).
INDICATOR_ABBREVIATIONS = {
    "dvcqg": "dich vu cong quoc gia",
    "hcnn": "hanh chinh nha nuoc",
    "cqnn": "co quan nha nuoc",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "dvsncl": "don vi su nghiep cong lap",
    "dvsn": "don vi su nghiep",
    "httt": "he thong thong tin",
    "csdl": "co so du lieu",
    "cntt": "cong nghe thong tin",
    "hs": "ho so",
    "gq": "giai quyet",
}
# Phrases counted as one word (longest first), so "TTHC" and its spelling weigh the same.
CONTRACTIONS = (
    ("don vi su nghiep cong lap", "dvsncl"),
    ("dich vu cong truc tuyen", "dvctt"),
    ("can bo cong chuc vien chuc", "cbccvc"),
    ("thu tuc hanh chinh", "tthc"),
    ("cai cach hanh chinh", "cchc"),
    ("hanh chinh nha nuoc", "hcnn"),
    ("he thong thong tin", "httt"),
    ("can bo cong chuc", "cbcc"),
    ("co quan nha nuoc", "cqnn"),
    ("don vi su nghiep", "dvsn"),
    ("uy ban nhan dan", "ubnd"),
    ("co so du lieu", "csdl"),
    ("dich vu cong", "dvc"),
    ("doi voi", ""),  # "đối với": as empty as "về"
)
_STOP = {"va", "cua", "thuoc", "duoc", "cac", "nhung", "ve", "trong", "tai"}
# Words that say where, when or in what unit: never evidence against a code.
FILLERS = {
    "tren", "dia", "ban", "tinh", "toan", "nam", "cap", "ca", "%", "diem", "luy", "ke",
    "phan", "tram", "ket", "qua", "so", "lieu", "chi", "tieu", "ty", "le",
}  # fmt: skip
# Words that turn an indicator into another one (overdue, returned, full online only ...).
BLOCKERS = re.compile(
    r"""\b(?:tre\shan|qua\shan|dung\shan|truoc\shan|som\shan   # timeliness
        |tra\slai|bi|tu\schoi|that\sbai|khong\sdat|chua       # failure, refusal
        |toan\strinh|mot\sphan                                # other service levels
        |bai\sbo|giay)\b""",  # repealed; paper instead of electronic
    re.VERBOSE,
)
# A count ("Số ...", "Tổng số ...", "Số lượng ...") is never a share, nor the reverse.
_COUNT_HEAD = re.compile(r"^(?:tong\sso|so\sluong|so(?!\shoa))\b")
_SHARE_HEAD = re.compile(r"^(?:ty\sle|phan\stram|muc\sdo)\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Match:
    code: str | None
    score: float  # the share of the name's words the evidence covers, 0-100
    phrase: str  # the catalog phrase found in the name ('' when none)


def _expand(text: str) -> list[str]:
    words: list[str] = []
    for word in fold(nfc(text)).split():
        spelled = INDICATOR_ABBREVIATIONS.get(word) or ABBREVIATIONS.get(word)
        words.extend((spelled or word.replace("&", " ")).split())
    return [w for w in words if w not in _STOP]


def _contract(words: list[str]) -> tuple[str, ...]:
    text = f" {' '.join(words)} "
    for phrase, short in CONTRACTIONS:
        text = text.replace(f" {phrase} ", f" {short} ")
    return tuple(text.split())


def _kind(words: tuple[str, ...]) -> str | None:
    head = " ".join(words[:2])
    if _COUNT_HEAD.match(head):
        return "count"
    return "share" if _SHARE_HEAD.match(head) else None


class IndicatorMatcher:
    """The catalog's phrases as word sets, and the guarded containment match."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.phrases: list[tuple[str, frozenset[str], str]] = []  # code, words, phrase
        self.vocab: dict[str, frozenset[str]] = {}  # code -> every word it uses
        self.kinds: dict[str, str | None] = {}
        spelled: set[str] = set()
        for e in entries:
            words: set[str] = set()
            for phrase in (e.name, *e.aliases, e.code):
                expanded = _expand(phrase)
                spelled.update(expanded)
                ws = frozenset(_contract(expanded))
                words |= ws
                if ws:
                    self.phrases.append((e.code, ws, phrase))
            self.vocab[e.code] = frozenset(words)
            self.kinds[e.code] = _kind(_contract(_expand(e.name)))
        self.spelled = sorted(spelled)
        self._spelled_set = spelled

    def words(self, text: str) -> tuple[str, ...]:
        """The name's words: expanded, mended where misspelt, contracted."""
        return _contract([self._mend(w) for w in _expand(text)])

    def _mend(self, word: str) -> str:
        """A misspelt word becomes the catalog word it nearly is: same first letter, a
        length within one, never a filler (a mended word must not vanish)."""
        if len(word) < 5 or word in self._spelled_set or not word.isalpha():
            return word
        near = [w for w in self.spelled if w[0] == word[0] and abs(len(w) - len(word)) <= 1]
        best = process.extractOne(word, near, scorer=fuzz.ratio, score_cutoff=MEND_MIN)
        return best[0] if best and best[0] not in FILLERS else word

    def match(self, text: str) -> Match:
        words = self.words(re.sub(r"[()\[\]]", " ", text))
        have = set(words)
        kind = _kind(words)
        best: dict[str, tuple[int, str]] = {}
        for code, ws, phrase in self.phrases:
            if ws <= have and len(ws) > best.get(code, (0, ""))[0]:
                best[code] = (len(ws), phrase)
        # the code whose words leave least of the name unexplained, then the longest phrase
        fits = sorted(
            (len(extra), -n, code, phrase)
            for code, (n, phrase) in best.items()
            if (extra := self._extra(words, code, kind)) is not None
        )
        if not fits:
            return Match(None, 0.0, "")
        if len(fits) > 1 and fits[1][:2] == fits[0][:2]:
            return Match(None, 0.0, "")  # two codes, equally good: ambiguous
        _, n, code, phrase = fits[0]
        n = -n
        return Match(code, round(100 * n / max(len(have), 1), 1), phrase)

    def _extra(self, words: tuple[str, ...], code: str, kind: str | None) -> set[str] | None:
        """The words the name says beyond the code's own, when harmless (else None)."""
        own = self.vocab[code]
        if kind and self.kinds[code] and (kind == "count") != (self.kinds[code] == "count"):
            return None
        extra = {w for w in words if w not in own and w not in FILLERS and not _YEAR.match(w)}
        if any(w.isdigit() for w in extra):
            return None  # a level or number the code does not have ("mức độ 2")
        if BLOCKERS.search(" ".join(w for w in words if w not in own)):
            return None
        return extra if len(extra) <= MAX_EXTRA else None


@lru_cache(maxsize=64)
def _matcher(entries: tuple[Entry, ...]) -> IndicatorMatcher:
    return IndicatorMatcher(entries)


def match_indicator_name(text: str, entries: Iterable[Entry]) -> Match:
    """The code a written indicator name stands for (``Match.code`` None: none or two).

    >>> cat = [Entry("online", "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4 trên tổng số hồ sơ",
    ...              ("hồ sơ giải quyết trực tuyến",))]
    >>> match_indicator_name("Hồ sơ giải quyết trực tuyến mức độ 3 và 4 (%)", cat).code
    'online'
    >>> match_indicator_name("Tỷ lệ hồ sơ giải quyết trực tuyến trễ hạn", cat).code is None
    True
    """
    return _matcher(tuple(entries)).match(text)
