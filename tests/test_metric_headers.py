"""Header rows as agencies write them: what each column is taken for, what is reported."""

from __future__ import annotations

import pytest

from extractors.metric_headers import combine_header_rows, read_header
from extractors.metrics.vocabulary import wide_groups

# header row -> roles found, close misses (column: role), known extras, others, problems
CASES: list[tuple[list[str], dict[str, int], dict[int, str], list[int], list[int], int]] = [
    # the usual long report, exact names, with STT and Ghi chú known
    (
        ["STT", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Đơn vị tính", "Ghi chú"],
        {"agency": 1, "indicator": 2, "period": 3, "value": 4, "unit": 5},
        {},
        [0, 6],
        [],
        0,
    ),
    # a database export: ASCII identifiers, each matched and reported
    (
        ["co_quan", "chi_tieu", "ky_bao_cao", "tu_so", "mau_so"],
        {"agency": 0, "indicator": 1, "period": 2, "numerator": 3, "denominator": 4},
        {0: "agency", 1: "indicator", 2: "period", 3: "numerator", 4: "denominator"},
        [],
        [],
        0,
    ),
    # no diacritics: matched, reported
    (
        ["Co quan", "Chi tieu", "Nam", "Gia tri"],
        {"agency": 0, "indicator": 1, "period": 2, "value": 3},
        {0: "agency", 1: "indicator", 2: "period", 3: "value"},
        [],
        [],
        0,
    ),
    # typos: "Tửso" is still the numerator, "Mã chỉ tiu" still the indicator code
    (
        ["Đơn vị", "Mã chỉ tiu", "Năm", "Tửso", "Mẫu số"],
        {"agency": 0, "indicator": 1, "period": 2, "numerator": 3, "denominator": 4},
        {1: "indicator", 3: "numerator"},
        [],
        [],
        0,
    ),
    # two value columns: refused, not the first used silently
    (["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị", "Tỷ lệ (%)"], {}, {}, [], [], 1),
    # two agency columns
    (["Cơ quan", "Đơn vị", "Chỉ tiêu", "Năm", "Giá trị"], {}, {}, [], [], 1),
    # a numerator without a denominator
    (["Cơ quan", "Chỉ tiêu", "Năm", "Tử số", "Giá trị"], {}, {}, [], [], 1),
    # a denominator without a numerator
    (["Cơ quan", "Chỉ tiêu", "Năm", "Mẫu số"], {}, {}, [], [], 1),
    # a column nobody knows: other (the reader warns, naming it)
    (
        ["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị", "Người ký", "Nguồn số liệu"],
        {"agency": 0, "indicator": 1, "period": 2, "value": 3},
        {},
        [5],
        [4],
        0,
    ),
    # a wide report: indicator names are other columns
    (
        ["TT", "Đơn vị", "Chỉ số SIPAS (%)", "Tỷ lệ hồ sơ trực tuyến (%)"],
        {"agency": 1},
        {},
        [0],
        [2, 3],
        0,
    ),
    # English headers
    (
        ["agency", "indicator", "period", "numerator", "denominator", "unit"],
        {
            "agency": 0, "indicator": 1, "period": 2, "numerator": 3, "denominator": 4,
            "unit": 5,
        },
        {},
        [],
        [],
        0,
    ),
    # short names forgive no slip: "Nam" is "Năm", but "Tam" is nothing
    (["Cơ quan", "Tam"], {"agency": 0}, {}, [], [1], 0),
]  # fmt: skip


@pytest.mark.parametrize(("header", "roles", "near", "extras", "others", "problems"), CASES)
def test_headers(
    header: list[str],
    roles: dict[str, int],
    near: dict[int, str],
    extras: list[int],
    others: list[int],
    problems: int,
) -> None:
    h = read_header(header)
    assert len(h.problems) == problems, h.problems
    if problems:
        return
    assert h.roles == roles
    assert {n.column: n.role for n in h.near} == near
    assert all(f"'{n.header}'" in n.why for n in h.near)
    assert list(h.extras) == extras and list(h.others) == others


def test_a_problem_names_the_columns_and_what_each_was_taken_for() -> None:
    (problem,) = read_header(["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị", "Tỷ lệ (%)"]).problems
    assert problem == (
        "a role found twice: 'Giá trị' (column 4) and 'Tỷ lệ (%)' (column 5) "
        "were all taken for the value"
    )
    (problem,) = read_header(["Cơ quan", "Chỉ tiêu", "Năm", "Tử số", "Giá trị"]).problems
    assert problem == (
        "'Tử số' (column 4) was taken for the numerator, but no column is the denominator"
    )


def test_a_merged_group_cell_gives_every_sub_column() -> None:
    header = combine_header_rows(
        ["STT", "Cơ quan", "Chỉ tiêu", "Năm", "Kết quả thực hiện", "", "", "Ghi chú"],
        ["", "", "", "", "Tử số", "Mẫu số", "Tỷ lệ (%)", ""],
    )
    h = read_header(header)
    assert h.problems == ()  # (the value and the counts are all reported: checked per row)
    assert h.roles == {
        "agency": 1, "indicator": 2, "period": 3, "numerator": 4, "denominator": 5, "value": 6,
    }  # fmt: skip


GROUPS = [
    # a wide file: each merged group is an indicator, its sub-columns its counts and value
    (["Cơ quan", "Năm", "Hồ sơ trực tuyến", "", "", "Hài lòng (%)"],
     ["", "", "Tử số", "Mẫu số", "Tỷ lệ (%)", ""],
     ["Cơ quan", "Năm", "", "", "", "Hài lòng (%)"],
     [("Hồ sơ trực tuyến", {"numerator": 2, "denominator": 3, "value": 4})]),
    # two groups, each with its own counts (no role is found twice)
    (["Cơ quan", "Năm", "Hồ sơ trực tuyến", "", "Hồ sơ đúng hạn", ""],
     ["", "", "Tử số", "Mẫu số", "Tử số", "Mẫu số"],
     ["Cơ quan", "Năm", "", "", "", ""],
     [("Hồ sơ trực tuyến", {"numerator": 2, "denominator": 3}),
      ("Hồ sơ đúng hạn", {"numerator": 4, "denominator": 5})]),
    # a long file: the group's counts are the file's (its indicator is in a column)
    (["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả", ""],
     ["", "", "", "Tử số", "Mẫu số"],
     ["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả / Tử số", "Kết quả / Mẫu số"],
     []),
]  # fmt: skip


@pytest.mark.parametrize(("top", "sub", "rest", "groups"), GROUPS)
def test_a_wide_files_merged_groups_are_indicators(
    top: list[str], sub: list[str], rest: list[str], groups: list[tuple[str, dict[str, int]]]
) -> None:
    assert wide_groups(combine_header_rows(top, sub)) == (rest, groups)


# one header as agencies write it -> what it is taken for: a role (no warning), "~role" (a
# close miss: matched, and reported), "extra" (known, ignored without a warning), "other"
SPELLINGS = [
    # the province column: the usual ways to write it are exact
    ("Tỉnh", "province"), ("Tỉnh, thành phố", "province"),
    ("Tỉnh/Thành phố", "province"),  # was: "written without diacritics"
    ("Tỉnh / thành phố", "province"),  # was: the same
    ("Tỉnh/TP", "province"),  # was: other (not understood)
    ("Tỉnh, TP", "province"),  # was: other
    ("Tỉnh thành", "province"),
    ("Tỉnh, thành phố trực thuộc Trung ương", "province"),  # was: other
    ("Tinh/Thanh pho", "~province"),  # without its diacritics: still said
    ("tinh_thanh_pho", "~province"),  # an identifier: still said
    # the agency
    ("Cơ quan", "agency"), ("Đơn vị", "agency"), ("Cơ quan, đơn vị", "agency"),
    ("Cơ quan/đơn vị", "agency"),  # was: "written without diacritics"
    ("Cơ quan - đơn vị", "agency"),  # was: other
    ("Tên cơ quan, đơn vị", "agency"),  # was: other
    ("Đơn vị thực hiện", "agency"),  # was: other
    ("co_quan", "~agency"), ("Co quan", "~agency"),
    # the period
    ("Kỳ báo cáo", "period"), ("Kỳ", "period"), ("Thời gian", "period"), ("Năm", "period"),
    ("Thời kỳ", "period"),  # was: other
    ("Kỳ số liệu", "period"),  # was: other
    ("ky_bao_cao", "~period"),
    # the value
    ("Giá trị", "value"), ("Kết quả", "value"), ("Tỷ lệ (%)", "value"), ("Giá trị (%)", "value"),
    ("Tỷ lệ %", "value"),  # was: "a close spelling of 'Tỷ lệ'"
    ("Kết quả thực hiện", "value"),  # was: other
    ("gia_tri", "~value"),
    # the counts
    ("Tử số", "numerator"), ("Mẫu số", "denominator"),
    ("tu_so", "~numerator"), ("Mau so", "~denominator"), ("Tửso", "~numerator"),
    # the indicator
    ("Chỉ tiêu", "indicator"), ("Mã chỉ tiêu", "indicator"), ("Tên chỉ tiêu", "indicator"),
    ("ma_chi_tieu", "~indicator"),
    # the unit: a usual extra column, known in any spelling
    ("Đơn vị tính", "unit"), ("ĐVT", "unit"),
    ("don_vi_tinh", "unit"),  # was: "an identifier for 'Đơn vị tính'"
    ("Don vi tinh", "unit"),  # was: "written without diacritics"
    # the usual extra columns, and their identifiers
    ("STT", "extra"), ("stt", "extra"), ("Ghi chú", "extra"), ("Nguồn số liệu", "extra"),
    ("ghi_chu", "extra"),  # was: other (a long file: warned; a wide one: an indicator)
    ("nguon_so_lieu", "extra"),  # was: other
    ("so_thu_tu", "extra"),  # was: other
    # no role: a long file warns of it, a wide file takes it for an indicator
    ("Người ký", "other"), ("Chỉ số SIPAS (%)", "other"),
]  # fmt: skip


@pytest.mark.parametrize(("header", "taken"), SPELLINGS)
def test_the_usual_spellings_of_each_column(header: str, taken: str) -> None:
    h = read_header([header])
    if h.roles:
        got = ("~" if h.near else "") + next(iter(h.roles))
    else:
        got = "extra" if h.extras else "other"
    assert got == taken
