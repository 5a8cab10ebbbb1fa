"""Roman numerals, as plans number their areas ("II. Cải cách TTHC") and quarters
("Quý III/2022")."""

from __future__ import annotations

import re

VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
NUMERAL = re.compile(r"[IVXLC]+", re.IGNORECASE)


def roman_to_int(roman: str) -> int:
    """Value of a roman numeral (either case).

    >>> roman_to_int("XIV"), roman_to_int("iv"), roman_to_int("VI")
    (14, 4, 6)
    """
    total, prev = 0, 0
    for ch in reversed(roman.upper()):
        v = VALUES[ch]
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total


def is_roman(text: str) -> bool:
    """
    >>> is_roman("III"), is_roman("ii"), is_roman("3"), is_roman("")
    (True, True, False, False)
    """
    return NUMERAL.fullmatch(text) is not None
