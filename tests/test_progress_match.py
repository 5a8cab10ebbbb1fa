"""Matching progress rows to the plan's tasks: by code, by a reviewer's mapping, else by
text (a weak or ambiguous match goes to review with its candidates, never a guess); the
reporting agency must be a lead or a support (a member of a collective lead counts)."""

from __future__ import annotations

import pytest

from extractors.progress.match import PlanTask, agency_allowed, match_task

TASKS = (
    PlanTask("1.1", "Rà soát, đơn giản hoá thủ tục hành chính", ("Sở Tư pháp",), ("Sở Nội vụ",)),
    PlanTask("1.2", "Công bố danh mục thủ tục hành chính", ("Văn phòng UBND tỉnh",), ()),
    PlanTask("2.1", "Kiện toàn tổ chức bộ máy các sở", ("Sở Nội vụ",), ()),
    PlanTask("2.2", "Kiện toàn tổ chức bộ máy các huyện", ("Sở Nội vụ",), ()),
    PlanTask("3.1", "Tuyên truyền cải cách hành chính", ("Các sở, ban, ngành",), ()),
    PlanTask("3.2", "Số hoá hồ sơ một cửa", ("UBND cấp huyện",), ()),
)
MAPPING = {"Tuyên truyền CCHC năm 2022": "3.1"}

MATCH_CASES = [
    # a printed code that is a task's code wins over the text
    ("1.2", "Rà soát thủ tục", ("1.2", "code")),
    # no code: the text, however cased and spelt with NFD marks, matches one task
    (None, "RÀ SOÁT, ĐƠN GIẢN HOÁ THỦ TỤC HÀNH CHÍNH.", ("1.1", "text")),
    # a code the plan does not have falls back on the text
    ("9.9", "Công bố danh mục thủ tục hành chính", ("1.2", "text")),
    # a reviewer's mapping settles a text the matcher would not
    (None, "Tuyên truyền CCHC năm 2022", ("3.1", "mapping")),
    # two tasks equally close: review, not a guess
    (None, "Kiện toàn tổ chức bộ máy các", (None, None)),
    # nothing close: review
    (None, "Xây dựng chính quyền điện tử", (None, None)),
]


@pytest.mark.parametrize(("code", "text", "expected"), MATCH_CASES)
def test_match_task(code: str | None, text: str, expected: tuple) -> None:
    got = match_task(code, text, TASKS, MAPPING)
    assert (got.code, got.method) == expected
    if got.code is None:
        assert got.candidates, "a row sent to review carries its candidates"


# a plan whose groups restart their numbering: tasks.code is the printed number qualified by
# the group path ("B.IV.5.1.3"), the printed number ("no") may repeat across groups
GROUPED = (
    PlanTask("A.1", "Ban hành kế hoạch tuyên truyền", ("Sở Nội vụ",), (), no="1"),
    PlanTask("B.1", "Rà soát quy định hành chính của tỉnh", ("Sở Tư pháp",), (), no="1"),
    PlanTask("B.IV.5.1.3", "Số hoá kết quả giải quyết thủ tục", ("Sở TT&TT",), (), no="5.1.3"),
)

GROUPED_CASES = [
    # the qualified code, as a report that copies it writes it
    ("B.IV.5.1.3", "Một nội dung khác hẳn", ("B.IV.5.1.3", "code")),
    # the printed number, unique in the plan: its task
    ("5.1.3", "Một nội dung khác hẳn", ("B.IV.5.1.3", "code")),
    # a printed number two groups share names no task by itself: the text decides
    ("1", "Rà soát quy định hành chính của tỉnh", ("B.1", "text")),
    # a shared number and no text close enough: review, not the first group's task
    ("1", "Xây dựng chính quyền điện tử", (None, None)),
]


@pytest.mark.parametrize(("code", "text", "expected"), GROUPED_CASES)
def test_match_task_in_a_plan_with_grouped_numbers(code: str, text: str, expected: tuple) -> None:
    got = match_task(code, text, GROUPED, {})
    assert (got.code, got.method) == expected


def test_an_ambiguous_row_names_both_candidates_equally() -> None:
    got = match_task(None, "Kiện toàn tổ chức bộ máy các", TASKS, {})
    assert {c for c, _ in got.candidates[:2]} == {"2.1", "2.2"}
    assert got.candidates[0][1] == got.candidates[1][1]


AGENCY_CASES = [
    # the lead itself, written another way
    ("1.1", "Sở Tư pháp tỉnh Long An", True),
    # a supporting agency
    ("1.1", "Sở Nội vụ", True),
    # neither lead nor support
    ("1.1", "Sở Y tế", False),
    ("1.2", "VP UBND tỉnh", True),
    # a member of a collective lead ("Các sở, ban, ngành"; "UBND cấp huyện")
    ("3.1", "Sở Y tế", True),
    ("3.2", "UBND huyện Cần Giuộc", True),
    ("3.2", "Sở Y tế", False),
]


@pytest.mark.parametrize(("code", "agency", "allowed"), AGENCY_CASES)
def test_agency_allowed(code: str, agency: str, allowed: bool) -> None:
    task = next(t for t in TASKS if t.code == code)
    assert agency_allowed(agency, task, "Long An") is allowed
