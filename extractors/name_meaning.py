"""Words that change what a name means, so a name and a catalog entry must agree on them.

"Mức độ **không** hài lòng" shares every other word with "Mức độ hài lòng", and "Tỷ lệ hồ
sơ giải quyết trực tuyến (**kế hoạch giao**)" is the plan's figure, not the year's: a
match on words, containment or a fuzzy ratio cannot tell them apart, and the figure would
load under the indicator it negates or qualifies. So each side of a match (the name as
written and the catalog name or alias it would match) is read for the *meanings* of
``MEANING_WORDS`` it carries; a meaning present on one side and not on the other vetoes
the match, and the name goes to the review queue with the unresolved ones. A catalog
entry that carries the meaning itself ("... **không phải** cung cấp lại ...") still
matches a name that carries it too.

The vocabulary is small and explicit: a word is here when its presence alone makes a
figure another quantity (its negation, its target, its change, another period's value).
Words that only narrow an indicator ("trễ hạn", "toàn trình") are ``BLOCKERS`` of
``extractors.match_indicators``; here are the ones no step may ignore.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# meaning -> the folded phrases that carry it (NFC -> lower case -> no diacritics, đ -> d)
MEANING_WORDS: dict[str, re.Pattern[str]] = {
    # negation: "không hài lòng", "chưa được số hóa", "không thuộc"
    "not": re.compile(r"\b(?:khong|chua)\b"),
    # having to do again what should not be asked: "phải cung cấp lại", "phải nộp lại"
    "again": re.compile(r"\bphai\s+(?:\w+\s+){0,3}?lai\b"),
    # the plan's or a target's figure, not the actual: "kế hoạch giao", "chỉ tiêu", "mục tiêu"
    "target": re.compile(r"\b(?:ke\s+hoach|chi\s+tieu|muc\s+tieu)\b"),
    # another period's value or the change against it: "cùng kỳ", "năm trước", "so với
    # năm 2022", "kỳ trước", "mức tăng", "mức giảm"
    "comparison": re.compile(
        r"""\b(?:cung\s+ky|nam\s+(?:lien\s+)?truoc|ky\s+truoc|so\s+voi
            |muc\s+(?:tang|giam))\b""",
        re.VERBOSE,
    ),
}
# What an agency's name can say that makes it another unit ("không thuộc UBND tỉnh"); an
# agency's name holds "Kế hoạch" (Sở Kế hoạch và Đầu tư) as a plain word.
AGENCY_MEANINGS = ("not",)


def meanings(folded: str, kinds: Iterable[str] = tuple(MEANING_WORDS)) -> frozenset[str]:
    """The meanings among ``kinds`` that a folded name carries.

    >>> sorted(meanings("muc do khong hai long ve giai quyet tthc ke hoach giao"))
    ['not', 'target']
    >>> sorted(meanings("ty le nguoi dan khong phai cung cap lai thong tin"))
    ['again', 'not']
    >>> meanings("so ke hoach dau tu", AGENCY_MEANINGS)
    frozenset()
    """
    return frozenset(k for k in kinds if MEANING_WORDS[k].search(folded))
