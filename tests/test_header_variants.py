"""Header blocks of other issuers than a UBND tỉnh: a Sở under its UBND ("UBND TỈNH PHÚ
THỌ" over "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), a city, a ministry, a date written in figures on
the place-and-date line - the province, number and date as a reader sees them."""

from __future__ import annotations

import pytest

from extractors.parse_decision import parse_document_info
from extractors.read_text import read_text

BODY = (
    "KẾ HOẠCH\nTriển khai Đề án 06 năm 2025\n"
    "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
    "1\tLàm sạch dữ liệu dân cư\tCông an tỉnh\tSở Tư pháp\tQuý II/2025\n"
)

# header lines, then (issuer, province, number, issued date)
CASES = [
    (
        ["UBND TỈNH PHÚ THỌ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 88/KH-SKHCN",
         "Phú Thọ, ngày 1 tháng 10 năm 2025"],
        ("UBND TỈNH PHÚ THỌ SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Phú Thọ", "88/KH-SKHCN", "2025-10-01"),
    ),  # a Sở under its UBND: the province stops where the Sở's own name starts
    (
        ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "Số: 9/KH-BQL",
         "Lâm Đồng, ngày 02 tháng 7 năm 2025"],
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "Lâm Đồng",
         "9/KH-BQL", "2025-07-02"),
    ),
    (
        ["UBND THÀNH PHỐ HUẾ", "Số: 15/KH-UBND", "Thành phố Huế, ngày 10/02/2025"],
        ("UBND THÀNH PHỐ HUẾ", "Huế", "15/KH-UBND", "2025-02-10"),
    ),  # the date in figures
    (
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "Số: 3021/KH-UBND",
         "Thành phố Hồ Chí Minh, ngày 05 tháng 8 năm 2025"],
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh", "3021/KH-UBND", "2025-08-05"),
    ),
    (
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "Số: 30/KH-UBND",
         "Hải Phòng, ngày 14 tháng 01 năm 2025"],
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Hải Phòng", "30/KH-UBND", "2025-01-14"),
    ),  # "Phòng" is a word of this city's name, not a Phòng (an office) under it: was "Hải"
    (
        ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ NỘI VỤ", "Số: 8/KH-SNV",
         "Hải Phòng, ngày 14 tháng 01 năm 2025"],
        ("UBND THÀNH PHỐ HẢI PHÒNG SỞ NỘI VỤ", "Hải Phòng", "8/KH-SNV", "2025-01-14"),
    ),
    (
        ["BỘ TÀI CHÍNH", "Số: 1234/KH-BTC", "Hà Nội, ngày 20 tháng 02 năm 2025"],
        ("BỘ TÀI CHÍNH", None, "1234/KH-BTC", "2025-02-20"),
    ),  # a ministry: no province
]  # fmt: skip


@pytest.mark.parametrize(("lines", "want"), CASES)
def test_header(lines: list[str], want: tuple[str | None, ...]) -> None:
    doc = read_text(("\n".join(lines) + "\n" + BODY).encode(), "plan.txt")
    info, kind, _ = parse_document_info(doc)
    assert kind.is_plan
    assert (info.issuer, info.province, info.doc_number, info.issued_date) == want


def test_impossible_date_in_figures_is_no_date() -> None:
    lines = ["UBND THÀNH PHỐ HUẾ", "Số: 15/KH-UBND", "Thành phố Huế, ngày 31/02/2025"]
    info, _, _ = parse_document_info(read_text(("\n".join(lines) + "\n" + BODY).encode()))
    assert info.issued_date is None


HEAD = "UBND TỈNH BẮC GIANG\nSố: 77/KH-UBND\nBắc Giang, ngày 12 tháng 02 năm 2025\n\n"
# the text after the header, then the title read
TITLES = [
    (
        "**KẾ HOẠCH**\n\n**Cải cách hành chính năm 2025**\n\nThực hiện Nghị quyết số 76/NQ-CP "
        "của Chính phủ, Ủy ban nhân dân tỉnh ban hành\nKế hoạch cải cách hành chính.\n",
        "Kế hoạch Cải cách hành chính năm 2025",
    ),  # the body wrapped into short lines ran on into the title (through "TM." below)
    (
        "**KẾ HOẠCH**\n\n**Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị**\n\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024,\nỦy ban nhân dân tỉnh ban hành.\n",
        "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
    ),  # "Thực hiện ..." as the title's own first line stays the title
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_title_ends_where_the_body_opens(text: str, title: str) -> None:
    body = text + "**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\n\n" + BODY
    info, _, _ = parse_document_info(read_text((HEAD + body).encode(), "plan.txt"))
    assert info.title == title
