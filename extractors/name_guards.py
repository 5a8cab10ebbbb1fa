"""What two names spelt alike must also agree on before they merge: the marks of their
words ("Tân Thành" is not "Tân Thạnh") and every word's counterpart ("Nội vụ" is not
"Ngoại vụ"). Guards of ``resolve_names``'s exact, prefix and fuzzy steps."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from extractors.normalize import fold, nfc

WORD_MIN = 80  # a word's ratio to its counterpart: a misspelt word is forgiven, "Huệ"/"Hòa" not


# a name is checked against the same spellings once per date it is resolved at
@lru_cache(maxsize=65536)
def marks_agree(raw: str, name: str) -> bool:
    """Words spelt alike but for their marks differ when both carry marks ("Tân Thành" is
    not "Tân Thạnh"); a word written without marks, or with the old tone placement
    ("Hoà" for "Hòa"), agrees.

    >>> marks_agree("UBND huyện Tân Thành", "UBND huyện Tân Thạnh")
    False
    >>> marks_agree("UBND huyen Duc Hoa", "UBND huyện Đức Hòa"), marks_agree("Đức Hoà", "Đức Hòa")
    (True, True)
    """
    theirs: dict[str, set[str]] = {}
    for word in nfc(name).split():
        theirs.setdefault(fold(word), set()).add(_marks(word))
    for word in nfc(raw).split():
        mine = _marks(word)
        if (
            mine
            and fold(word) in theirs
            and not any(not m or m == mine for m in theirs[fold(word)])
        ):
            return False
    return True


@lru_cache(maxsize=65536)
def _marks(word: str) -> str:
    """A word's marks as a sorted string (tone and vowel marks, đ), position ignored."""
    marks = [c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.combining(c)]
    return "".join(sorted(marks)) + ("đ" if "đ" in word.lower() else "")


def words_agree(a: str, b: str) -> bool:
    """Every word of each side has a close counterpart on the other."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return False
    return all(max(fuzz.ratio(x, y) for y in wb) >= WORD_MIN for x in wa) and all(
        max(fuzz.ratio(y, x) for x in wa) >= WORD_MIN for y in wb
    )
