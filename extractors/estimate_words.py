"""The words of an estimate, one vocabulary wherever an agency writes one: in a period
("Ước năm 2025", "Năm 2025 (ước)", "ƯTH 6 tháng 2025", "Dự kiến năm 2024"), in a note
("ước thực hiện", "Số ước tính", "dự kiến") or in a column of the kind of figure
("Loại số liệu": "Ước thực hiện"). An estimate is a figure the agency expects, not one it
reports: never loaded as the period it names (``parse_period`` refuses it, naming the
period to send once final).

>>> bool(FOLDED.search("nam 2025 uoc")), bool(FOLDED.search("hiep phuoc"))
(True, False)
>>> estimate_reason("du kien nam 2024", lambda t: "Năm 2024" if t == "nam 2024" else None)
"an estimate (ước) is not a reported figure: send the figures as 'Năm 2024' once final"
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.normalize import fold

# as agencies write them: "ước" (ước tính, ước thực hiện, dự ước), "ƯTH" (ước thực hiện),
# "dự kiến" (expected)
WORDS = ("ước", "ưth", "dự kiến")
# on ``fold``ed text (a period cell): "uoc", "uth", "du kien" as whole words
FOLDED = re.compile(r"\b(?:" + "|".join(fold(w).replace(" ", r"\s") for w in WORDS) + r")\b")
# on text as written (a note, read by polars, which does not fold): each word with its
# diacritics or without, any case, not inside another word ("Phước" is no "ước")
WRITTEN = (
    r"(?i)(?:^|[^\p{L}])(?:"
    + "|".join(sorted({*WORDS, *map(fold, WORDS)}, key=len, reverse=True))
    + r")(?:[^\p{L}]|$)"
)


def estimate_reason(t: str, period_of: Callable[[str], str | None]) -> str:
    """Why a period that is an estimate (``t``, folded) is refused, naming the period it
    estimates: as ``period_of`` writes the folded text left without the estimate's words, or
    its first words (None: they name none)."""
    named = _period_left(FOLDED.sub(" ", re.sub(r"\bthuc\shien\b", " ", t)), period_of)
    return f"an estimate (ước) is not a reported figure: send the figures{named} once final"


# a preliminary figure ("Sơ bộ", "Số liệu sơ bộ"), as statistics offices mark a figure
# before it is final: reported, but to be replaced (folded: "so bo" as whole words)
PRELIMINARY = re.compile(r"\bso\sbo\b")


def preliminary_reason(t: str, period_of: Callable[[str], str | None]) -> str:
    """Why a period marked preliminary (``t``, folded) is refused, naming the period to
    send once final, as ``estimate_reason`` does.

    >>> preliminary_reason("nam 2023 so bo", lambda t: "Năm 2023" if t == "nam 2023" else None)
    "a preliminary figure (sơ bộ), not a final one: send the figures as 'Năm 2023' once final"
    """
    named = _period_left(PRELIMINARY.sub(" ", re.sub(r"\bso\slieu\b", " ", t)), period_of)
    return f"a preliminary figure (sơ bộ), not a final one: send the figures{named} once final"


def _period_left(rest: str, period_of: Callable[[str], str | None]) -> str:
    """ " as '<period>'" for the period the words left name, or their first words (the
    period before the rest of a note: "nam 2024 so uoc tinh" is Năm 2024); "" for none."""
    words = rest.split()
    named = next(
        filter(None, (period_of(" ".join(words[:n])) for n in range(len(words), 0, -1))), None
    )
    return f" as '{named}'" if named else ""
