"""A task's status as a progress report writes it: a closed vocabulary of five, matched on
folded text (any case, with or without diacritics, NFC or not); "Không thực hiện được" may
carry its reason after a colon, a dash or "do"/"vì"."""

from __future__ import annotations

import re
from enum import StrEnum

from extractors.normalize import fold, nfc


class Status(StrEnum):
    DONE = "done"  # Đã hoàn thành
    DONE_LATE = "done_late"  # Hoàn thành trễ hạn
    IN_PROGRESS = "in_progress"  # Đang thực hiện
    NOT_STARTED = "not_started"  # Chưa thực hiện
    CANNOT_DO = "cannot_do"  # Không thực hiện được (with a reason)


LABELS: dict[Status, str] = {  # the wording a reject cites
    Status.DONE: "Đã hoàn thành",
    Status.DONE_LATE: "Hoàn thành trễ hạn",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.NOT_STARTED: "Chưa thực hiện",
    Status.CANNOT_DO: "Không thực hiện được",
}
SPELLINGS: dict[str, Status] = {  # folded wording -> status (the whole cell, nothing more)
    "da hoan thanh": Status.DONE,
    "hoan thanh": Status.DONE,
    "hoan thanh tre han": Status.DONE_LATE,
    "da hoan thanh tre han": Status.DONE_LATE,
    "hoan thanh cham": Status.DONE_LATE,
    "dang thuc hien": Status.IN_PROGRESS,
    "dang trien khai": Status.IN_PROGRESS,
    "chua thuc hien": Status.NOT_STARTED,
    "chua trien khai": Status.NOT_STARTED,
    "khong thuc hien duoc": Status.CANNOT_DO,
    "khong thuc hien": Status.CANNOT_DO,
}
# "Không thực hiện được: <reason>" / "... - <reason>" / "... do <reason>" / "... vì <reason>";
# matched on the NFC text so the reason keeps its diacritics
_CANNOT_WITH_REASON = re.compile(
    r"""^\s*không\s+thực\s+hiện(?:\s+được)?   # the status
        \s*(?::|-|–|\(|\bdo\b|\bvì\b)\s*       # what introduces the reason
        (?P<reason>.+?)\s*\)?\s*\.?\s*$        # the reason, without closing punctuation
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_status(raw: str | None) -> tuple[Status, str | None] | None:
    """The status and the reason written with it; None when the cell is not a status."""
    if raw is None:
        return None
    status = SPELLINGS.get(fold(raw))
    if status is not None:
        return status, None
    m = _CANNOT_WITH_REASON.match(nfc(raw))
    if m:
        return Status.CANNOT_DO, m["reason"]
    return None
