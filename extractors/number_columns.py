"""Numbers written as text: the convention a *column* proves, never a guess per cell.

Vietnamese writes ``1.234,5`` (dot groups thousands, comma marks decimals), English
``1,234.5``. Read on its own, a value is one of:

* *neutral* - it reads the same either way (``100``, ``-7``, ``1 234``);
* *proof* of one convention - it reads only one way (``52,5``, ``1.234,5``, ``0,125`` are
  Vietnamese; ``52.5``, ``1,234.5``, ``12,345,678`` are English);
* *ambiguous* - it reads both ways, differently (``1,100``: 1100 or 1.1; ``1.234``).

A column with proofs of one convention reads every value that way. A column with proofs of
both (``52.5`` beside ``52,5``), or thousands grouped both ways (``1,100`` beside
``1.234,5``: a column that groups with dots would write eleven hundred ``1.100``) is
*mixed*: its non-neutral values are refused, naming an example of each. A column with
ambiguous values and no proof refuses those values as ambiguous. Blanks and dashes are no
value (None), not a problem.

>>> read_column(["1.234,5", "1.234", "7"]).numbers
(Decimal('1234.5'), Decimal('1234'), Decimal('7'))
>>> read_column(["1,100", "2,500"]).problems[0]
"'1,100' reads 1100 (English) or 1.1 (Vietnamese) and the column proves neither"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

NULLS = {"", "-", "–", "—", "x", "n/a", "na", "...", "null", "none"}

# The two conventions, each strict: a reading exists only where the separators are used as
# that convention uses them. A group never starts with 0 ("0,125" is no thousands group).
_VI = re.compile(
    r"""(?P<int>[1-9]\d{0,2}(?:\.\d{3})+ | \d+)   # 1.234.567 or 1234
        (?:,(?P<frac>\d+))?                      # ,5""",
    re.VERBOSE,
)
_EN = re.compile(
    r"""(?P<int>[1-9]\d{0,2}(?:,\d{3})+ | \d+)   # 1,234,567 or 1234
        (?:\.(?P<frac>\d+))?                     # .5""",
    re.VERBOSE,
)
# thousands grouped the one way or the other (the second may also be a decimal)
_VI_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
# spaces (also non-breaking) between digit groups: "1 234 567"
_SPACE_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class Column:
    """A column read: per value its number (None: blank or refused) and its problem."""

    convention: str  # "vi" | "en" | "either" (nothing depends on it) | "mixed" | "ambiguous"
    numbers: tuple[Decimal | None, ...]
    problems: tuple[str | None, ...]


def readings(text: str) -> tuple[Decimal | None, Decimal | None] | None:
    """The value read the Vietnamese and the English way (None for a side that cannot
    read it); None when the text is blank.

    >>> readings("1,100")
    (Decimal('1.100'), Decimal('1100'))
    >>> readings("52.5"), readings("12%")
    ((None, Decimal('52.5')), (Decimal('12'), Decimal('12')))
    """
    s = text.strip().rstrip("%").strip()
    if s.lower() in NULLS:
        return None
    sign = "-" if s[:1] in "-−" else ""
    s = _bare(s)
    return _read(_VI, s, ".", sign), _read(_EN, s, ",", sign)


def _read(pattern: re.Pattern[str], s: str, group: str, sign: str) -> Decimal | None:
    m = pattern.fullmatch(s)
    if not m:
        return None
    digits = m["int"].replace(group, "") + (f".{m['frac']}" if m["frac"] else "")
    try:
        return Decimal(sign + digits)
    except InvalidOperation:  # pragma: no cover - the patterns admit digits only
        return None


def read_column(values: list[str | None], integers: bool = False) -> Column:
    """Read a column's text values with the convention the column proves. ``integers``:
    the column holds counts, so a reading with a fraction is no reading (``1,100`` is
    eleven hundred, ``1.234`` one thousand two hundred and thirty-four).

    >>> read_column(["1,100"], integers=True).numbers, read_column(["1.234"], True).numbers
    ((Decimal('1100'),), (Decimal('1234'),))
    """
    seen = [None if v is None else value_reading(v, integers) for v in values]
    read = [None if r is None else r.both for r in seen]
    vi_proof = next(
        (v for v, r in zip(values, read, strict=True) if r and r[0] is not None and r[1] is None),
        None,
    )
    en_proof = next(
        (v for v, r in zip(values, read, strict=True) if r and r[1] is not None and r[0] is None),
        None,
    )
    ambiguous = any(r and None not in r and r[0] != r[1] for r in read)
    vi_grouped = next((v for v, r in zip(values, seen, strict=True) if r and r.vi_grouped), None)
    en_grouped = next((v for v, r in zip(values, seen, strict=True) if r and r.en_grouped), None)
    if vi_proof is not None and en_proof is not None:
        convention = "mixed"
    elif vi_grouped is not None and en_grouped is not None:
        convention, vi_proof, en_proof = "mixed", vi_grouped, en_grouped
    elif vi_proof is not None or en_proof is not None:
        convention = "vi" if vi_proof is not None else "en"
    else:
        convention = "ambiguous" if ambiguous else "either"
    numbers: list[Decimal | None] = []
    problems: list[str | None] = []
    for raw, r in zip(values, read, strict=True):
        number, problem = _judge(raw, r, convention, vi_proof, en_proof)
        numbers.append(number)
        problems.append(problem)
    return Column(convention, tuple(numbers), tuple(problems))


Readings = tuple[Decimal | None, Decimal | None]


class ValueReading(NamedTuple):
    """A value read on its own, before its column's convention is known."""

    both: Readings | None  # ``readings``: only whole ones for counts; None: blank
    vi_grouped: bool  # thousands grouped the Vietnamese way ("1.234,5")
    en_grouped: bool  # or the English way ("1,234.5")


@lru_cache(maxsize=1 << 16)
def value_reading(text: str, integers: bool) -> ValueReading:
    """What ``read_column`` needs of one value before it weighs the column. Kept per
    distinct text: a file's numerator and denominator columns mostly hold the same counts,
    each read once (a value's reading depends on its text alone, never on its column)."""
    bare = _bare(text)
    return ValueReading(
        _whole(readings(text), integers),
        bool(text and _VI_GROUPED.fullmatch(bare)),
        bool(text and _EN_GROUPED.fullmatch(bare)),
    )


def _whole(
    r: tuple[Decimal | None, Decimal | None] | None, integers: bool
) -> tuple[Decimal | None, Decimal | None] | None:
    """Only whole readings, for a column of counts (a count of 1.1 dossiers is no count)."""
    if r is None or not integers:
        return r
    vi, en = (x if x is not None and x == x.to_integral_value() else None for x in r)
    if vi is None and en is None:
        return r  # neither whole: judged as written ("a count of 2,5" is refused later)
    return vi, en


def _bare(text: str) -> str:
    """The digits and separators of a value: sign, "%" and spaces between groups gone."""
    s = text.strip().rstrip("%").strip().lstrip("-+−").strip()
    return _SPACE_GROUPS.sub("", s)


def _judge(
    raw: str | None,
    r: tuple[Decimal | None, Decimal | None] | None,
    convention: str,
    vi_proof: str | None,
    en_proof: str | None,
) -> tuple[Decimal | None, str | None]:
    if raw is None or r is None:
        return None, None
    vi, en = r
    if vi is None and en is None:
        return None, f"'{raw}' is not a number"
    if vi == en:
        return vi, None  # neutral: no convention needed
    if convention == "vi" and vi is not None:
        return vi, None
    if convention == "en" and en is not None:
        return en, None
    if convention == "mixed":
        return None, (
            f"'{raw}': the column mixes the Vietnamese ('{vi_proof}') and the English "
            f"('{en_proof}') number conventions"
        )
    if vi is not None and en is not None:
        return None, (
            f"'{raw}' reads {_plain(en)} (English) or {_plain(vi)} (Vietnamese) "
            "and the column proves neither"
        )
    side = "English" if convention == "vi" else "Vietnamese"
    return None, f"'{raw}' is written the {side} way in a column that proves the other"


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")
