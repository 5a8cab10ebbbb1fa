"""One agency cell naming both the lead and the coordinating agencies, by their roles: a
table with a single "Cơ quan thực hiện" column, or a lead cell that says who coordinates.

Rules (used by ``parse_tasks`` and ``parse_targets`` when the support cell is blank):

* "Chủ trì: X; phối hợp: Y, Z" (each role labelled, "Cơ quan"/"Đơn vị" before it or not);
* "X chủ trì, phối hợp với Y" ("phối hợp cùng Y", "và phối hợp với Y"), when Y opens with
  an agency's head word ("X chủ trì, phối hợp thực hiện" names no second agency);
* "X chủ trì; Y, Z phối hợp" and "X (chủ trì); Y (phối hợp)": each role after its agencies.

A cell in none of these shapes is the lead's, as it stands.
"""

from __future__ import annotations

import re

from extractors.records import AgencyRef
from extractors.split_agencies import opens_agency, split_agencies

_WHO = r"(?:(?:Cơ\s+quan|Đơn\s+vị)\s+)?"
_LABELLED = re.compile(
    rf"""^\s*{_WHO}chủ\s+trì\s*:\s*(?P<lead>.+?)\s*[;.\n]\s*
         {_WHO}phối\s+hợp\s*:\s*(?P<support>.+?)\s*$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_LEAD_THEN_WITH = re.compile(
    r"""^\s*(?P<lead>.+?)\s+\(?chủ\s+trì\)?\s*[,;]?\s*(?:và\s+)?phối\s+hợp\s+
         (?:với\s+|cùng\s+)?(?P<support>.+?)\s*$""",
    re.VERBOSE | re.DOTALL,
)
_EACH_AFTER = re.compile(
    r"""^\s*(?P<lead>.+?)\s+\(?chủ\s+trì\)?\s*[,;.\n]\s*
         (?P<support>.+?)\s+\(?phối\s+hợp\)?\s*[.;]?\s*$""",
    re.VERBOSE | re.DOTALL,
)


def by_role(text: str) -> tuple[str, str] | None:
    """The lead's and the coordinating agencies' parts of a cell naming both, else None.

    >>> by_role("Công an tỉnh chủ trì, phối hợp với UBND các xã, phường")
    ('Công an tỉnh', 'UBND các xã, phường')
    >>> by_role("Chủ trì: Sở Tư pháp; phối hợp: Công an tỉnh, Sở Y tế")
    ('Sở Tư pháp', 'Công an tỉnh, Sở Y tế')
    >>> by_role("Sở Tư pháp (chủ trì); Sở Nội vụ (phối hợp)")
    ('Sở Tư pháp', 'Sở Nội vụ')
    >>> by_role("Sở Nội vụ chủ trì, phối hợp thực hiện"), by_role("Văn phòng Sở (chủ trì), Sở X")
    (None, None)
    """
    for pattern in (_LABELLED, _LEAD_THEN_WITH, _EACH_AFTER):
        m = pattern.match(text)
        if m and m["lead"].strip() and opens_agency(m["support"].strip(" ,;.")):
            return m["lead"].strip(" ,;."), m["support"].strip(" ,;.")
    return None


def lead_and_support(
    lead: str, support: str
) -> tuple[tuple[AgencyRef, ...], tuple[AgencyRef, ...]]:
    """The lead and coordinating agencies of a row's two cells (see the module's rules)."""
    split = None if support.strip() else by_role(lead)
    if split is None:
        return split_agencies(lead), split_agencies(support)
    return split_agencies(split[0]), split_agencies(split[1])
