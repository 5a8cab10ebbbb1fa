"""Vietnamese number parsing with an explicit decimal separator.

Vietnamese writes ``1.234,5`` (dot groups thousands, comma marks decimals). Files written
by software often use ``1234.5``. A lone ``52.5`` is read as a decimal point (no group of
exactly three digits follows the dot); ``1.234`` with ``decimal=","`` is one thousand two
hundred and thirty-four.

>>> parse_number("1.234")
Decimal('1234')
>>> parse_number("1.234,5")
Decimal('1234.5')
>>> parse_number("52,5%")
Decimal('52.5')
>>> parse_number("52.5")
Decimal('52.5')
>>> parse_number("1,234.5", decimal=".")
Decimal('1234.5')
>>> parse_number("1.234", decimal=".")
Decimal('1.234')
>>> parse_number("-") is None, parse_number("") is None, parse_number("n/a") is None
(True, True, True)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234 / 1.234.567,5
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,234 / 1,234,567.5
_COMMA_DECIMAL = re.compile(r"^\d+,\d+$")  # 52,5
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")  # 52.5
_PLAIN = re.compile(r"^\d+$")
# What a cell writes for "no figure": the dashes (a dash in a budget cell says "none"), an
# empty cell, and the words and marks agencies use for "not applicable" (lower-cased).
DASHES = frozenset({"-", "–", "—"})
BLANK_CELLS = DASHES | {""}  # a cell with nothing in it (a wide file has no figure there)
NULL_TOKENS = BLANK_CELLS | {"x", "n/a", "na", "null", "none", "..."}


def parse_number(text: str | None, decimal: str = ",") -> Decimal | None:
    """Parse a number written the Vietnamese way (or with ``decimal="."`` the English way).

    Returns None for blanks, dashes and anything that is not wholly a number. A trailing
    ``%`` and spaces (also as thousands separators) are allowed.
    """
    if text is None:
        return None
    s = text.strip().replace("\u00a0", " ").rstrip("%").strip()
    if s.lower() in NULL_TOKENS:
        return None
    sign = ""
    if s[:1] in "-+−":
        sign, s = ("-" if s[0] in "-−" else ""), s[1:].strip()
    s = re.sub(r"(?<=\d) (?=\d{3}\b)", "", s)
    value = _canonical(s, decimal)
    if value is None:
        return None
    try:
        return Decimal(sign + value)
    except InvalidOperation:
        return None


def _canonical(s: str, decimal: str) -> str | None:
    if _PLAIN.match(s):
        return s
    if decimal == ",":
        if _DOT_GROUPS.match(s):
            return s.replace(".", "").replace(",", ".")
        if _COMMA_DECIMAL.match(s):
            return s.replace(",", ".")
        if _DOT_DECIMAL.match(s):  # "52.5": not a thousands group, so a decimal point
            return s
        return None
    if _COMMA_GROUPS.match(s):
        return s.replace(",", "")
    if _DOT_DECIMAL.match(s):
        return s
    if _COMMA_DECIMAL.match(s):
        return s.replace(",", ".")
    return None
