"""Counts headed by what they count: ``Số hồ sơ trực tuyến | Tổng số hồ sơ``.

Agencies head a share's counts by their meaning rather than as Tử số and Mẫu số: the part
("Số hồ sơ giải quyết trực tuyến") and its total ("Tổng số hồ sơ giải quyết"). Such a pair
is the numerator and the denominator when it is unambiguous: a long file (a Chỉ tiêu
column) with no Tử số or Mẫu số, exactly one column headed "Tổng số <thing>" and exactly
one headed "Số <thing> ...", both counting the same thing (the total's thing opens the
part's, or their first two words are the same, or the total is all of the part's unit that
were surveyed or received: "Số phiếu hài lòng | Tổng số phiếu khảo sát"). Taken, the pair
is named in a warning; anything else (two parts of one total, a part of another thing) is
left as it was: each column named as not understood. So is a part whose words change what
it counts beside its total ("Số hồ sơ **trễ hạn**", "Số phiếu **không** hài lòng":
``BLOCKERS`` and ``name_meaning``): the late dossiers are no part of the online ones, nor
the unsatisfied votes of the satisfaction; which indicator such a part counts, only the
agency can say.

>>> pair = counted_pair(["Cơ quan", "Số hồ sơ trực tuyến", "Tổng số hồ sơ"], [1, 2])
>>> pair.numerator, pair.denominator
(1, 2)
>>> counted_pair(["Số hồ sơ trực tuyến", "Số hồ sơ trực tiếp", "Tổng số hồ sơ"], [0, 1, 2])
>>> counted_pair(["Số hộ gia đình", "Tổng số hồ sơ"], [0, 1]) is None
True
>>> counted_pair(["Số phiếu không hài lòng", "Tổng số phiếu"], [0, 1]) is None
True
>>> counted_pair(["Số phiếu hài lòng", "Tổng số phiếu khảo sát"], [0, 1]).numerator
0
>>> counted_pair(["Số phiếu không hài lòng", "Tổng số phiếu khảo sát"], [0, 1]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.match_indicators import BLOCKERS
from extractors.metric_headers import exact_header
from extractors.name_meaning import meanings
from extractors.normalize import fold

_TOTAL = re.compile(r"tổng\s+số\s+(?P<thing>.+)")
_PART = re.compile(r"số\s+(?P<thing>.+)")
# "Số liệu" (figures), "Số thứ tự" (the row's number): no count of a thing
_NOT_COUNTS = ("liệu", "thứ tự", "tt")


@dataclass(frozen=True)
class CountedPair:
    numerator: int
    denominator: int
    note: str  # the warning naming both columns and what each was taken for


def counted_pair(header: Sequence[str], others: Sequence[int]) -> CountedPair | None:
    """The part and the total among the columns ``others`` (those no role took), or None
    when there is no such pair or more than one reading."""
    totals, parts = [], []
    for i in others:
        words = exact_header(header[i])  # (a unit in brackets is no part of the thing)
        if (total := _TOTAL.fullmatch(words)) is not None:
            totals.append((i, total["thing"].split()))
        elif (part := _PART.fullmatch(words)) is not None and not part["thing"].startswith(
            _NOT_COUNTS
        ):
            parts.append((i, part["thing"].split()))
    if len(totals) != 1 or len(parts) != 1:
        return None
    (den, whole), (num, thing) = totals[0], parts[0]
    opens = len(thing) > len(whole) and thing[: len(whole)] == whole
    surveyed = _surveyed(thing, whole)
    if not (opens or surveyed or (len(whole) >= 2 and thing[:2] == whole[:2])):
        return None
    if _qualified(" ".join(thing), " ".join(whole)):
        return None
    note = (
        f"'{header[num].strip()}' (column {num + 1}) and '{header[den].strip()}' (column "
        f"{den + 1}) taken for the numerator and the denominator (Tử số, Mẫu số): a part "
        "and its total"
    )
    return CountedPair(num, den, note)


# what a total's thing adds to the counted unit to say it is all that were counted: "phiếu
# khảo sát" (the votes surveyed), "phiếu thu về" (collected), "hồ sơ tiếp nhận" (received)
_WHOLE = re.compile(
    r"(?:được\s|đã\s)?(?:khảo\ssát|lấy\sý\skiến|đánh\sgiá|tiếp\snhận|nhận|thu\svề|phát\sra)"
    r"(?:\s(?:hợp\slệ))?"
)


def _surveyed(thing: list[str], whole: list[str]) -> bool:
    """Whether the total counts all of the part's unit that were surveyed or received
    ("Tổng số phiếu khảo sát" of "Số phiếu hài lòng"): the same first word, the total's
    other words only saying that it is the whole counted.

    >>> _surveyed("phiếu hài lòng".split(), "phiếu khảo sát".split())
    True
    >>> _surveyed("phiếu hài lòng".split(), "phiếu hộ nghèo".split())
    False
    """
    return (
        len(thing) > 1
        and len(whole) > 1
        and thing[0] == whole[0]
        and bool(_WHOLE.fullmatch(" ".join(whole[1:])))
    )


def _qualified(part: str, total: str) -> bool:
    """Whether the part's words change what it counts, beside its total's: a word of
    timeliness or failure (``BLOCKERS``), or a meaning (``name_meaning``) the total lacks."""
    p, t = fold(part), fold(total)
    return bool(BLOCKERS.search(p) and not BLOCKERS.search(t)) or bool(meanings(p) - meanings(t))
