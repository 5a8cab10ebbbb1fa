"""Whether a document amends a plan issued before, read from its title.

"Kế hoạch sửa đổi, bổ sung một số nội dung của Kế hoạch số 20/KH-UBND ngày 12/01/2026"
and "Quyết định về việc sửa đổi, bổ sung Kế hoạch số 20/KH-UBND ..." change a plan in
part: they are not a new version of it (its other targets and tasks stay in force), so
they must never supersede it. The amended plan is named by its number as printed, or by
the number of the decision that adopted it ("... Kế hoạch cải cách hành chính năm 2025 ban
hành kèm theo Quyết định số 86/QĐ-UBND": such a plan's number is its decision's).
"""

from __future__ import annotations

import re
from typing import Literal

AmendedKind = Literal["plan", "programme", "scheme"]

# The amending words, then what of the plan they change, then the amended kind of plan and
# its number: "sửa đổi, bổ sung một số nội dung của Kế hoạch số 20/KH-UBND", "điều chỉnh,
# bổ sung Kế hoạch số 95/KH-UBND", "sửa đổi Phụ lục II kèm theo Chương trình số 07-CTr/TU".
# A plan that merely carries out another ("bổ sung nhiệm vụ theo Kế hoạch số ...") is none.
_AMENDS = re.compile(
    r"""(?:sửa \s+ đổi | điều \s+ chỉnh) (?:\s*,?\s* (?:và \s+)? bổ \s+ sung)? \s+
        (?:một \s+ số \s+ (?:nội \s+ dung | điều | nhiệm \s+ vụ | chỉ \s+ tiêu) \s+
           (?:của | tại | trong) \s+
         | phụ \s+ lục \s+ [IVX\d]* \s* (?:của | kèm \s+ theo | ban \s+ hành \s+ kèm \s+ theo) \s+
        )?
        (?P<what>Kế \s+ hoạch | Chương \s+ trình | Đề \s+ án)
        (?: \s+ số                       # its own number, or the decision adopting it:
          | \s [^;:]{0,300}? (?:ban \s+ hành \s+)? (?:kèm \s+ theo | phê \s+ duyệt \s+ tại
                                | ban \s+ hành \s+ tại)
            \s+ Quyết \s+ định \s+ số   # "... năm 2025 ban hành kèm theo Quyết định số"
        ) \s*:? \s*
        (?P<number>\d+ \s* [/-] \s* [A-ZĐ]\w* (?:\s*[/-]\s*[A-ZĐ]\w*)*)  # 20/KH-UBND""",
    re.VERBOSE | re.IGNORECASE,
)


def amended_plan(title: str | None) -> str | None:
    """The number (as printed, spaces removed) of the plan the title amends; None if the
    title amends none.

    >>> amended_plan("Kế hoạch Sửa đổi, bổ sung một số nội dung của Kế hoạch số "
    ...              "20/KH-UBND ngày 12/01/2026 về cải cách hành chính năm 2026")
    '20/KH-UBND'
    >>> amended_plan("Về việc điều chỉnh, bổ sung Chương trình số 07-CTr/TU")
    '07-CTr/TU'
    >>> amended_plan("Cải cách hành chính năm 2026"), amended_plan(None)
    (None, None)
    >>> amended_plan("Sửa đổi Phụ lục II kèm theo Kế hoạch số 5/KH-UBND ngày 2/1/2026")
    '5/KH-UBND'
    >>> amended_plan("Bổ sung nhiệm vụ chuyển đổi số theo Kế hoạch số 12/KH-UBND") is None
    True
    >>> amended_plan("Sửa đổi, bổ sung Kế hoạch cải cách hành chính năm 2025 ban hành kèm "
    ...              "theo Quyết định số 86/QĐ-UBND ngày 10/01/2025")
    '86/QĐ-UBND'
    >>> amended_plan("Ban hành Kế hoạch thực hiện Quyết định số 06/QĐ-TTg") is None
    True
    """
    m = _AMENDS.search(title or "")
    return "".join(m["number"].split()) if m else None


_KINDS: dict[str, AmendedKind] = {
    "kế hoạch": "plan",
    "chương trình": "programme",
    "đề án": "scheme",
}


def amended_kind(title: str | None) -> AmendedKind | None:
    """The kind of plan the title amends ("plan", "programme", "scheme"): a decision
    amending a plan is of its kind, as one adopting a plan is.

    >>> amended_kind("Về việc sửa đổi, bổ sung Kế hoạch số 20/KH-UBND"), amended_kind("")
    ('plan', None)
    """
    m = _AMENDS.search(title or "")
    return _KINDS[" ".join(m["what"].lower().split())] if m else None
