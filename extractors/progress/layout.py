"""The layout of a task-progress file: the header row is the first of 15 with a status
column (``Tình trạng``, or ``Kết quả thực hiện`` when no other column holds the status) and
a task column (``Nhiệm vụ`` or ``Mã nhiệm vụ``); each column's role from its folded header,
as the metric reader's vocabulary folds it."""

from __future__ import annotations

import re

from extractors.normalize import fold

BRACKETS = re.compile(
    r"""\([^)]*\)    # a unit in round brackets: Ngày hoàn thành (dd/mm/yyyy)
      | \[[^\]]*\]  # or in square ones
    """,
    re.VERBOSE,
)


def header_key(header: str) -> str:
    """A header folded (no diacritics, lower case) without its units in brackets."""
    return fold(BRACKETS.sub(" ", header))


ROLES: dict[str, tuple[str, ...]] = {  # role -> folded headers (header_key)
    "code": ("ma nhiem vu", "ma", "stt", "tt", "so tt", "so thu tu"),
    "task": ("nhiem vu", "ten nhiem vu", "noi dung", "noi dung nhiem vu", "nhiem vu noi dung"),
    "agency": (
        "co quan",
        "co quan chu tri",
        "co quan thuc hien",
        "co quan bao cao",
        "don vi",
        "don vi thuc hien",
        "don vi bao cao",
        "co quan don vi",
        # the lead as the plan's table heads it, or the agencies by what they are
        "don vi chu tri",
        "co quan don vi chu tri",
        "co quan chu tri thuc hien",
        "don vi chu tri thuc hien",
        "co quan don vi thuc hien",
        "co quan don vi bao cao",
        "ten co quan",
        "ten don vi",
        "ten co quan don vi",
        "so ban nganh",
        "so nganh",
        "bo nganh",
        "co quan dia phuong",
        "don vi dia phuong",
    ),
    "status": ("tinh trang", "trang thai", "muc do hoan thanh", "tinh trang thuc hien"),
    "result": ("ket qua thuc hien", "ket qua"),
    "reason": ("ly do", "ly do khong thuc hien duoc", "nguyen nhan"),
    "completed": ("ngay hoan thanh", "thoi gian hoan thanh", "ngay hoan thanh thuc te"),
    "evidence": ("van ban san pham", "van ban", "san pham", "san pham van ban"),
    "period": ("ky bao cao",),
    # the percent done: Tỷ lệ hoàn thành (%), % hoàn thành (a bare "Tỷ lệ" is a metric's)
    "percent": (
        "ty le hoan thanh",
        "ty le hoan thanh %",
        "ty le %",
        "% hoan thanh",
        "phan tram hoan thanh",
        "ty le thuc hien",
    ),
    "note": ("ghi chu",),  # the reason of a task that cannot be done, where no Lý do is
    "province": ("tinh", "tinh thanh pho", "province"),
    # what the report states of itself, as a metric file states it: its version and date
    "version": ("phien ban", "lan gui", "version"),
    "reported_on": ("ngay bao cao", "ngay gui bao cao", "report date"),
}
TASK_ROLES = ("task", "code")  # one of them names the task a row reports on


def map_roles(header: list[str]) -> dict[str, int]:
    """Role -> column index; ``Kết quả thực hiện`` is the status when nothing else is."""
    roles: dict[str, int] = {}
    for i, h in enumerate(header):
        k = header_key(h)
        role = next((r for r, names in ROLES.items() if k in names), None)
        if role is not None and role not in roles:
            roles[role] = i
    if "status" not in roles and "result" in roles:
        roles["status"] = roles.pop("result")
    return roles


def is_progress_header(header: list[str]) -> bool:
    """A status column (or a percent done: ``percent.status_of``) and a task column: a
    metric file's ``Kết quả`` is not a status."""
    roles = map_roles(header)
    task_named = "task" in roles or (
        "code" in roles and header_key(header[roles["code"]]) == "ma nhiem vu"
    )
    status_named = "status" in roles and header_key(header[roles["status"]]) != "ket qua"
    return (status_named or "percent" in roles) and task_named


def progress_header_index(rows: list[list[str]]) -> int | None:
    """The first of 15 rows that is a progress header."""
    return next((i for i, row in enumerate(rows[:15]) if is_progress_header(row)), None)


# columns of a plan's own targets, folded ("Chỉ tiêu", "Chỉ tiêu (%)", "Kế hoạch năm 2024",
# "Mục tiêu"): a table of them names what is to be done, not what was
_TARGET = re.compile(r"(?:chi tieu|ke hoach|muc tieu)(?: .*)?")


def target_columns(header: list[str]) -> list[str]:
    """The header's columns of targets, as written.

    >>> target_columns(["STT", "Nhiệm vụ", "Chỉ tiêu (%)", "Kế hoạch năm 2024", "Kết quả"])
    ['Chỉ tiêu (%)', 'Kế hoạch năm 2024']
    """
    return [h for h in header if _TARGET.fullmatch(" ".join(header_key(h).split()))]
