"""A task's status as a progress report writes it: a closed vocabulary of five, each written
in the many ways agencies write it (``SPELLINGS``, matched on folded text: any case, with or
without diacritics, NFC or not); "Không thực hiện được" may carry its reason after a colon, a
dash or "do"/"vì"."""

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
# Every wording agencies write for a status, one entry per spelling, matched on the whole
# cell folded (NFC, lower case, no diacritics, punctuation as spaces): "ĐÃ HOÀN THÀNH.",
# "Da hoan thanh" and "đã hoàn thành" are one entry. A wording not here is a reject naming it.
SPELLINGS: dict[str, Status] = {
    "da hoan thanh": Status.DONE,  # Đã hoàn thành: the plan's word
    "hoan thanh": Status.DONE,  # Hoàn thành
    "hoan thanh dung han": Status.DONE,  # Hoàn thành đúng hạn: done, on time said outright
    "da hoan thanh dung han": Status.DONE,  # Đã hoàn thành đúng hạn
    "hoan thanh dung tien do": Status.DONE,  # Hoàn thành đúng tiến độ
    "hoan thanh tre han": Status.DONE_LATE,  # Hoàn thành trễ hạn: the plan's word
    "da hoan thanh tre han": Status.DONE_LATE,  # Đã hoàn thành trễ hạn
    "hoan thanh qua han": Status.DONE_LATE,  # Hoàn thành quá hạn: past its deadline
    "da hoan thanh qua han": Status.DONE_LATE,  # Đã hoàn thành quá hạn
    "hoan thanh cham": Status.DONE_LATE,  # Hoàn thành chậm
    "hoan thanh cham tien do": Status.DONE_LATE,  # Hoàn thành chậm tiến độ
    "hoan thanh muon": Status.DONE_LATE,  # Hoàn thành muộn
    "hoan thanh khong dung han": Status.DONE_LATE,  # Hoàn thành không đúng hạn
    "da hoan thanh chua dung han": Status.DONE_LATE,  # Đã hoàn thành, chưa đúng hạn
    # done, "but" late: the year-end reports' "... nhưng quá hạn / trễ hạn / chậm tiến độ"
    "hoan thanh nhung qua han": Status.DONE_LATE,  # Hoàn thành nhưng quá hạn
    "da hoan thanh nhung qua han": Status.DONE_LATE,  # Đã hoàn thành nhưng quá hạn
    "hoan thanh nhung tre han": Status.DONE_LATE,  # Hoàn thành nhưng trễ hạn
    "da hoan thanh nhung tre han": Status.DONE_LATE,  # Đã hoàn thành nhưng trễ hạn
    "hoan thanh nhung cham tien do": Status.DONE_LATE,  # Hoàn thành nhưng chậm tiến độ
    "da hoan thanh nhung cham tien do": Status.DONE_LATE,  # Đã hoàn thành nhưng chậm tiến độ
    "dang thuc hien": Status.IN_PROGRESS,  # Đang thực hiện: the plan's word
    "dang trien khai": Status.IN_PROGRESS,  # Đang triển khai
    "dang trien khai thuc hien": Status.IN_PROGRESS,  # Đang triển khai thực hiện
    "dang tien hanh": Status.IN_PROGRESS,  # Đang tiến hành
    # "not finished": whether the work began is not said, but it is not done; counted as
    # under way (a task not begun is written Chưa thực hiện), never as done
    "chua hoan thanh": Status.IN_PROGRESS,  # Chưa hoàn thành
    "khong hoan thanh": Status.IN_PROGRESS,  # Không hoàn thành (a year-end report's word)
    "chua hoan thanh dang trien khai": Status.IN_PROGRESS,  # Chưa hoàn thành (đang triển khai)
    "chua hoan thanh dang thuc hien": Status.IN_PROGRESS,  # Chưa hoàn thành (đang thực hiện)
    "hoan thanh mot phan": Status.IN_PROGRESS,  # Hoàn thành một phần: partly done
    "co ban hoan thanh": Status.IN_PROGRESS,  # Cơ bản hoàn thành: nearly done, not done
    "chua thuc hien": Status.NOT_STARTED,  # Chưa thực hiện: the plan's word
    "chua trien khai": Status.NOT_STARTED,  # Chưa triển khai
    "chua trien khai thuc hien": Status.NOT_STARTED,  # Chưa triển khai thực hiện
    "khong thuc hien duoc": Status.CANNOT_DO,  # Không thực hiện được: the plan's word
    "khong the thuc hien": Status.CANNOT_DO,  # Không thể thực hiện
    # Không thực hiện: "not carried out" says neither that it could not be (cannot_do) nor
    # that it is yet to begin (not_started); cannot_do only with its reason (after the
    # status, or in a Lý do or Ghi chú column): without one the row is a reject
    "khong thuc hien": Status.CANNOT_DO,
}
NEEDS_REASON = frozenset({"khong thuc hien"})  # spellings that are a status only with a reason
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


def needs_reason(raw: str) -> bool:
    """The cell is a status only with a reason given beside it (``NEEDS_REASON``)."""
    return fold(raw) in NEEDS_REASON
