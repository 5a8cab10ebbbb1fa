"""Table-driven tests for the small Vietnamese parsers (one list per parser)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.document import Location
from extractors.find_references import find_references
from extractors.parse_budget import parse_budget
from extractors.parse_numbers import parse_number
from extractors.parse_tasks import parse_products
from extractors.parse_timeframe import parse_timeframe
from extractors.split_agencies import split_agencies

NUMBERS = [
    ("1.234", ",", Decimal("1234")),  # dot groups thousands (Vietnamese)
    ("1.234,5", ",", Decimal("1234.5")),  # both separators
    ("52,5", ",", Decimal("52.5")),  # decimal comma
    ("52,5%", ",", Decimal("52.5")),  # percent sign
    ("52.5", ",", Decimal("52.5")),  # not a group of three: a decimal point
    ("1.234.567", ",", Decimal("1234567")),  # several groups
    ("1 234", ",", Decimal("1234")),  # space as thousands separator
    ("-12,5", ",", Decimal("-12.5")),  # negative
    ("0", ",", Decimal("0")),
    ("1,234.5", ".", Decimal("1234.5")),  # English convention when the column proves it
    ("1.234", ".", Decimal("1.234")),
    ("-", ",", None),  # dash: no value
    ("", ",", None),
    ("abc", ",", None),
    ("1.23.4", ",", None),  # malformed grouping
    ("12,34,5", ",", None),
]


@pytest.mark.parametrize(("text", "decimal", "expected"), NUMBERS)
def test_parse_number(text: str, decimal: str, expected: Decimal | None) -> None:
    assert parse_number(text, decimal) == expected


D = date
TIMEFRAMES = [
    ("Quý II, III/2022", D(2022, 4, 1), D(2022, 9, 30), "period"),  # two quarters
    ("Quý I/2022", D(2022, 1, 1), D(2022, 3, 31), "period"),
    ("Quý IV/2021, Quý I/2022", D(2021, 10, 1), D(2022, 3, 31), "period"),  # across years
    ("Quý I và II năm 2022", D(2022, 1, 1), D(2022, 6, 30), "period"),  # "và", "năm"
    ("Tháng 01/2022", D(2022, 1, 1), D(2022, 1, 31), "period"),
    ("Tháng 12/2021.", D(2021, 12, 1), D(2021, 12, 31), "period"),
    ("- Quý I/2022 - Trước ngày 22/12/2022", D(2022, 1, 1), D(2022, 12, 22), "period"),
    ("Trước ngày 30/6/2022", D(2022, 1, 1), D(2022, 6, 30), "period"),  # lone end bound
    ("- Quý IV/2021. - Quý IV/2022.", D(2021, 10, 1), D(2022, 12, 31), "period"),
    ("Trong năm", D(2022, 1, 1), D(2022, 12, 31), "period"),  # the plan year
    ("6 tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), "period"),
    ("6 tháng cuối năm", D(2022, 7, 1), D(2022, 12, 31), "period"),
    ("9 tháng 2022", D(2022, 1, 1), D(2022, 9, 30), "period"),
    ("Thường xuyên", D(2022, 1, 1), D(2022, 12, 31), "recurring"),
    ("Định kỳ năm theo quy định.", D(2022, 1, 1), D(2022, 12, 31), "recurring"),
    ("Định kỳ, đột xuất trong năm", D(2022, 1, 1), D(2022, 12, 31), "recurring"),
    ("Trong năm (nếu có)", D(2022, 1, 1), D(2022, 12, 31), "conditional"),
    ("Năm 2022 (khi có hướng dẫn của Trung ương).", D(2022, 1, 1), D(2022, 12, 31), "conditional"),
    ("Theo Kế hoạch của Bộ Nội vụ.", None, None, "conditional"),  # no date to give
    ("Sau khi Trung ương công bố", None, None, "conditional"),
    ("", None, None, "unspecified"),
    ("Quý V/2022", None, None, "unspecified"),  # no such quarter
    ("Tháng 13/2022", None, None, "unspecified"),  # no such month
    ("Quý II và Quý III/2022", D(2022, 4, 1), D(2022, 9, 30), "period"),  # "Quý" repeated
    ("Từ tháng 3 đến tháng 6/2022", D(2022, 3, 1), D(2022, 6, 30), "period"),  # "tháng" too
    ("Trước 30/6/2022", D(2022, 1, 1), D(2022, 6, 30), "period"),  # "trước" without "ngày"
    ("Trước 30/6", D(2022, 1, 1), D(2022, 6, 30), "period"),  # no year: the plan year
    ("Từ 01/3 - 30/6/2022", D(2022, 3, 1), D(2022, 6, 30), "period"),  # year once, at the end
    (
        "Trước ngày 20 tháng 12 năm 2022",  # a date in words
        D(2022, 1, 1),
        D(2022, 12, 20),
        "period",
    ),
    ("Quý IV", D(2022, 10, 1), D(2022, 12, 31), "period"),  # no year: the plan year
    # months in figures, as start and end columns give them ("Bắt đầu | Hoàn thành")
    ("01/2022 - 06/2022", D(2022, 1, 1), D(2022, 6, 30), "period"),
    ("3/2022", D(2022, 3, 1), D(2022, 3, 31), "period"),
    ("13/2022", None, None, "unspecified"),  # no such month
]


@pytest.mark.parametrize(("text", "start", "end", "kind"), TIMEFRAMES)
def test_parse_timeframe(text: str, start: date | None, end: date | None, kind: str) -> None:
    tf = parse_timeframe(text, 2022)
    assert (tf.start, tf.end, tf.kind) == (start, end, kind)


AGENCIES = [
    ("Sở Tư pháp, Sở Nội vụ.", ["Sở Tư pháp", "Sở Nội vụ"]),  # two departments
    (
        "Các sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và Công nghệ; "
        "Văn phòng UBND tỉnh.",  # "Các sở: X, Y" expands; "và" inside a name kept
        [
            "Sở Tư pháp",
            "Sở Tài chính",
            "Sở Thông tin và Truyền thông",
            "Sở Khoa học và Công nghệ",
            "Văn phòng UBND tỉnh",
        ],
    ),
    ("Các sở, ban, ngành tỉnh", ["Các sở, ban, ngành tỉnh"]),  # one collective actor
    ("Các cơ quan, đơn vị liên quan.", ["Các cơ quan, đơn vị liên quan"]),
    (
        "Các sở, ngành tỉnh, UBND cấp huyện, cấp xã",  # level list shares its head
        ["Các sở, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "Các sở, ban, ngành tỉnh; UBND cấp huyện và cấp xã",
        ["Các sở, ban, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "Các sở, ban, ngành tỉnh, các cơ quan ngành dọc và UBND cấp huyện, cấp xã.",
        ["Các sở, ban, ngành tỉnh", "Các cơ quan ngành dọc", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "Thanh tra tỉnh triển khai, hướng dẫn; Các sở, ngành tỉnh, UBND cấp huyện thực hiện.",
        ["Thanh tra tỉnh", "Các sở, ngành tỉnh", "UBND cấp huyện"],
    ),  # role phrases dropped
    (
        "- Sở Nội vụ tuyển dụng công chức. - Sở, ngành tỉnh, UBND cấp huyện tuyển dụng viên chức.",
        ["Sở Nội vụ", "Sở, ngành tỉnh", "UBND cấp huyện"],
    ),  # bullets; duplicate-free
    ("Báo Long An, Đài PT và TH tỉnh.", ["Báo Long An", "Đài PT và TH tỉnh"]),
    ("Sở Y tế, Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),  # comma in name
    (
        "Ban Pháp chế HĐND tỉnh; các sở, ban, ngành tỉnh.",
        ["Ban Pháp chế HĐND tỉnh", "Các sở, ban, ngành tỉnh"],
    ),
    ("Công an tỉnh và Sở Tư pháp", ["Công an tỉnh", "Sở Tư pháp"]),  # "và" between agencies
    (
        "- Sở ngành tỉnh. - UBND các huyện, thị xã, thành phố.",
        ["Sở ngành tỉnh", "UBND các huyện, thị xã, thành phố"],
    ),
    ("Các Sở, Ban, Ngành tỉnh", ["Các Sở, Ban, Ngành tỉnh"]),  # title case: still a collective
    ("Các Tổng cục, Cục thuộc Bộ", ["Các Tổng cục, Cục thuộc Bộ"]),  # a ministry's collective
    (
        "Vụ Pháp chế, Vụ Tổ chức cán bộ",  # a ministry's departments (Vụ) are agencies
        ["Vụ Pháp chế", "Vụ Tổ chức cán bộ"],
    ),
    ("Cục Thuế, Tổng cục Hải quan", ["Cục Thuế", "Tổng cục Hải quan"]),
    ("Tổng cục Thống kê, Học viện Tài chính", ["Tổng cục Thống kê", "Học viện Tài chính"]),
    (
        "Sở Nội vụ, Tập đoàn Viettel, Tổng công ty Bưu điện Việt Nam",  # enterprises
        ["Sở Nội vụ", "Tập đoàn Viettel", "Tổng công ty Bưu điện Việt Nam"],
    ),
    # a dash inside a name joins its words ("Vụ Công chức - Viên chức" was two agencies)
    ("Vụ Công chức - Viên chức", ["Vụ Công chức - Viên chức"]),
    ("Vụ Tổ chức - Biên chế; Vụ Pháp chế", ["Vụ Tổ chức - Biên chế", "Vụ Pháp chế"]),
    ("Phòng Văn hóa - Xã hội", ["Phòng Văn hóa - Xã hội"]),
    ("Sở Nội vụ - Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),  # a dash before an agency
    # one office serves both councils ("Văn phòng HĐND; UBND phường" was two agencies)
    ("Văn phòng HĐND và UBND phường", ["Văn phòng HĐND và UBND phường"]),
    (
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh, Sở Nội vụ",
        ["Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Sở Nội vụ"],
    ),
    ("Công an tỉnh và UBND các xã", ["Công an tỉnh", "UBND các xã"]),  # still two
    # a name a narrow cell or a legal portal's <br> wrapped: the line opening in small
    # letters goes on with the name ("Văn phòng UBND" and "Tỉnh" were two agencies)
    ("Văn phòng UBND\ntỉnh", ["Văn phòng UBND tỉnh"]),
    ("Sở Khoa học\nvà Công nghệ; Sở Nội vụ", ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]),
    # a line opening with an agency in small letters is one more agency, as before
    ("Sở Tư pháp\ncác sở, ban, ngành tỉnh", ["Sở Tư pháp", "Các sở, ban, ngành tỉnh"]),
    ("UBND cấp huyện\ncấp xã", ["UBND cấp huyện", "UBND cấp xã"]),
    ("Các sở, ban, ngành\nUBND các xã, phường", ["Các sở, ban, ngành", "UBND các xã, phường"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), AGENCIES)
def test_split_agencies(text: str, expected: list[str]) -> None:
    assert [a.name for a in split_agencies(text)] == expected


ROLES = [
    (
        "Sở Khoa học và Công nghệ chủ trì hướng dẫn, tổng hợp; các sở, ngành thực hiện",
        [
            ("Sở Khoa học và Công nghệ", "chủ trì hướng dẫn, tổng hợp"),
            ("Các sở, ngành", "thực hiện"),
        ],
    ),  # a role phrase after each agency of its segment; the comma inside a role stays
    (
        "Sở Tài chính theo dõi, báo cáo chỉ tiêu",
        [("Sở Tài chính", "theo dõi, báo cáo chỉ tiêu")],
    ),  # the whole verb phrase is the role
    (
        "Sở Nội vụ, Sở Tư pháp phối hợp thực hiện",
        [("Sở Nội vụ", "phối hợp thực hiện"), ("Sở Tư pháp", "phối hợp thực hiện")],
    ),  # one role for every agency before it
    (
        "Sở Xây dựng; Trung tâm Giám sát, điều hành",
        [("Sở Xây dựng", None), ("Trung tâm Giám sát, điều hành", None)],
    ),  # a capitalised word is part of a name
    ("Công an tỉnh (chủ trì)", [("Công an tỉnh", "chủ trì")]),  # role in parentheses
    (
        "Sở Nội vụ (chủ trì), Sở Tài chính",
        [("Sở Nội vụ", "chủ trì"), ("Sở Tài chính", None)],
    ),  # a role in parentheses ends at its ")": the agency after it is kept
    (
        "Sở Tư pháp (chủ trì thẩm định), Văn phòng UBND tỉnh và Sở Nội vụ (phối hợp)",
        [
            ("Sở Tư pháp", "chủ trì thẩm định"),
            ("Văn phòng UBND tỉnh", "phối hợp"),
            ("Sở Nội vụ", "phối hợp"),
        ],
    ),
    (
        "Bộ Tư pháp, Bộ Nội vụ với các quy định, hướng dẫn chung; các bộ, ngành với các"
        " quy định nội bộ",
        [
            ("Bộ Tư pháp", "với các quy định, hướng dẫn chung"),
            ("Bộ Nội vụ", "với các quy định, hướng dẫn chung"),
            ("Các bộ, ngành", "với các quy định nội bộ"),
        ],
    ),  # "với ..." says what each agency covers: a scope, kept as the role
    (
        "Sở Tài chính với Sở Nội vụ",
        [("Sở Tài chính", None), ("Sở Nội vụ", None)],
    ),  # "với" before an agency joins two agencies, as "và" does
    (
        "Sở Y tế với các sở, ngành liên quan",
        [("Sở Y tế", None), ("Các sở, ngành liên quan", None)],
    ),  # ... and before a collective of agencies
]


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_split_agency_roles(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(a.name, a.role) for a in split_agencies(text)] == expected


REFERENCES = [
    ("Nghị quyết số 76/NQ-CP ngày 15/7/2021", ("76/NQ-CP", "NQ", "CP", D(2021, 7, 15))),
    (
        "Nghị định số 130/2005/NĐ-CP ngày 17/10/2005",
        ("130/2005/NĐ-CP", "NĐ", "CP", D(2005, 10, 17)),
    ),
    ("Nghị quyết số 21-NQ/TU của Ban Thường vụ", ("21-NQ/TU", "NQ", "TU", None)),
    ("văn bản số 4399/SNV-TTr ngày 30/11/2021", ("4399/SNV-TTr", "TTr", "SNV", D(2021, 11, 30))),
    (
        "Tờ trình số 52/TTr-SNV ngày 10 tháng 01 năm 2023",
        ("52/TTr-SNV", "TTr", "SNV", D(2023, 1, 10)),
    ),
    ("Quyết định số 468/QĐ-TTg ngày 31/02/2021", ("468/QĐ-TTg", "QĐ", "TTg", None)),  # bad date
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_find_references(text: str, expected: tuple) -> None:
    (ref,) = find_references([(text, Location())])
    assert (ref.number, ref.kind, ref.issuer, ref.date) == expected


def test_reference_blank_number_is_not_a_reference() -> None:
    assert find_references([("Quyết định số: /QĐ-UBND ngày /12/2021", Location())]) == ()


def test_reference_cited_twice_keeps_the_dated_citation() -> None:
    refs = find_references([("theo 76/NQ-CP", Location()), ("76/NQ-CP ngày 15/7/2021", Location())])
    assert [(r.number, r.date) for r in refs] == [("76/NQ-CP", D(2021, 7, 15))]


BUDGETS = [
    ("50", ("amount", Decimal(50), None)),
    ("1.200", ("amount", Decimal(1200), None)),  # thousands
    ("350,5", ("amount", Decimal("350.5"), None)),
    ("0", ("amount", Decimal(0), None)),
    ("-", ("dash", None, None)),
    ("", ("blank", None, None)),
    ("Sở Tư pháp dự trù kinh phí riêng.", ("note", None, "Sở Tư pháp dự trù kinh phí riêng.")),
    ("15 triệu đồng", ("amount", Decimal(15), None)),  # the unit written in the cell
    ("1.200 triệu", ("amount", Decimal(1200), None)),  # "triệu" alone
    ("150 tr.đ", ("amount", Decimal(150), None)),  # abbreviated unit
    ("0,5 tỷ đồng", ("amount", Decimal(500), None)),  # billions: 1 tỷ = 1.000 triệu
    ("1 tỷ", ("amount", Decimal(1000), None)),
    ("500.000.000 đồng", ("amount", Decimal(500), None)),  # đồng: a millionth of a triệu
    ("Ngân sách tỉnh", ("note", None, "Ngân sách tỉnh")),  # a source of funds, no amount
    ("Trong dự toán được giao", ("note", None, "Trong dự toán được giao")),
    ("50 triệu đồng/năm", ("note", None, "50 triệu đồng/năm")),  # per year: not one amount
    # a source of funds and its amount with the unit: both (the amount was left in the note)
    ("Ngân sách tỉnh: 300 triệu đồng", ("amount", Decimal(300), "Ngân sách tỉnh")),
    ("Nguồn ngân sách tỉnh: 1,2 tỷ đồng", ("amount", Decimal(1200), "Nguồn ngân sách tỉnh")),
    # a bare number after the source is in the header's unit, which a cell with text is not
    # scaled by: kept as a note; two sources are not one amount
    ("Ngân sách tỉnh: 300", ("note", None, "Ngân sách tỉnh: 300")),
    (
        "Ngân sách tỉnh: 200 triệu đồng; ngân sách xã: 100 triệu đồng",
        ("note", None, "Ngân sách tỉnh: 200 triệu đồng; ngân sách xã: 100 triệu đồng"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BUDGETS)
def test_parse_budget(text: str, expected: tuple) -> None:
    assert parse_budget(text) == expected


PRODUCTS = [
    (
        "- Kế hoạch kiểm tra CCHC.\n- Báo cáo kết quả kiểm tra.",
        ("Kế hoạch kiểm tra CCHC", "Báo cáo kết quả kiểm tra"),
    ),
    (
        "- Kế hoạch học tập - Báo cáo kết quả học tập",
        ("Kế hoạch học tập", "Báo cáo kết quả học tập"),
    ),
    (
        "- Báo cáo năm 2021 - Chương trình CCHC giai đoạn 2021-2030",  # a year range is no bullet
        ("Báo cáo năm 2021", "Chương trình CCHC giai đoạn 2021-2030"),
    ),
    ("Các lớp tập huấn.", ("Các lớp tập huấn",)),
    ("", ()),
]


@pytest.mark.parametrize(("text", "expected"), PRODUCTS)
def test_parse_products(text: str, expected: tuple) -> None:
    assert parse_products(text) == expected
