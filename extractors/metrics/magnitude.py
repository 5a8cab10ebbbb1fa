"""Numbers a file stores as numbers (a Parquet double, a workbook cell) read as they are,
scientific notation included, to the 15 significant digits a double holds (a spreadsheet
keeps no more: 3.0000000000000004 is the 3 the agency typed), and a magnitude no agency
reports refused naming it.

A count of units or dossiers, or a share, never comes near 10^15 - past it a double no
longer keeps every unit - so ``1e+20`` in a value column is an export gone wrong (a
uninitialised field, a sum over the wrong column), never a figure to load.

>>> stored_number("1e+20"), stored_number("45.5"), stored_number("abc") is None
(Decimal('1E+20'), Decimal('45.5'), True)
>>> held(Decimal("3.0000000000000004")), held(Decimal("88.456"))
(Decimal('3'), Decimal('88.456'))
>>> too_large(Decimal("1E+20"), "1e+20")
"'1e+20' is too large for any count or share (10^15 or more)"
>>> too_large(Decimal("12345678"), "12345678") is None
True
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractors.parse_numbers import parse_number

LARGEST = Decimal(10) ** 15  # a figure at or past this is no count or share

# a number as software writes it: "1e+20", "-2.5E-3", "1.0e20"
_SCIENTIFIC = re.compile(
    r"""[-+]?\d+(?:\.\d+)?   # the significand
        [eE][-+]?\d+          # the exponent""",
    re.VERBOSE,
)


def stored_number(raw: str) -> Decimal | None:
    """A typed column's text as its number (a decimal point, or scientific notation)."""
    if _SCIENTIFIC.fullmatch(raw.strip()):
        try:
            return Decimal(raw.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
            return None
    return parse_number(raw, ".")


def held(number: Decimal | None) -> Decimal | None:
    """A stored number to the 15 significant digits a double (and a spreadsheet) holds."""
    return None if number is None else Decimal(f"{float(number):.15g}")


def too_large(number: Decimal | None, shown: str | None) -> str | None:
    """Why a number (written ``shown``) is too large to be a figure (None: it is not)."""
    if number is None or abs(number) < LARGEST:
        return None
    return f"'{shown}' is too large for any count or share (10^15 or more)"
