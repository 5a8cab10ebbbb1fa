"""Plans in shapes provinces and ministries publish, read through ``parplan extract``:
each document below is synthetic (written for these tests), its records written by hand
from what the document says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import extract_cli


def _extract(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_cli(path, "--raw-names")


def _head(province: str, number: str, date: str, heading: str, title: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH {province.upper()}

Số: {number}

{province}, {date}

**{heading}**

**{title}**

"""


_TASKS = """## **PHỤ LỤC**

**NHIỆM VỤ NĂM 2025**

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
1\tXây dựng chuyên mục cải cách hành chính trên báo tỉnh\tSở Nội vụ\tBáo tỉnh\tQuý II/2025
"""

# A plan whose body is one sentence (no "Căn cứ", no numbered section) before its
# signature: the header ran on through the signature, so no signer was found.
SHORT_BODIES = {
    "KT. role, no recipients": (
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025 "
        "với các nhiệm vụ tại Phụ lục kèm theo.\n\n"
        "**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n\n**Trần Phước Hiền**\n\n",
        [{"name": "Trần Phước Hiền", "role": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"}],
    ),
    "recipients, then TM.": (
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025 "
        "với các nhiệm vụ tại Phụ lục kèm theo.\n\n"
        "Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n\n"
        "**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n**Đặng Văn Minh**\n\n",
        [{"name": "Đặng Văn Minh", "role": "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"}],
    ),
    "a bare role after a sentence": (
        "Để kịp thời tuyên truyền các nhiệm vụ cải cách hành chính trọng tâm của năm, Ủy "
        "ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ tại Phụ lục kèm theo.\n\n"
        "**CHỦ TỊCH**\n\n**Đặng Văn Minh**\n\n",
        [{"name": "Đặng Văn Minh", "role": "CHỦ TỊCH"}],
    ),
}


@pytest.mark.parametrize("case", SHORT_BODIES, ids=str)
def test_the_signer_after_a_short_body(case: str, tmp_path: Path) -> None:
    body, signers = SHORT_BODIES[case]
    head = _head(
        "Quảng Ngãi", "88/KH-UBND", "ngày 14 tháng 4 năm 2025", "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính năm 2025",
    )  # fmt: skip
    plan = _extract(tmp_path, "quangngai_2025_kh88.txt", head + body + _TASKS)
    doc = plan["document"]
    assert doc["signers"] == signers
    assert doc["signer"] == signers[0]["name"]
    assert (doc["doc_number"], doc["issued_date"], doc["title"]) == (
        "88/KH-UBND", "2025-04-14", "Kế hoạch Tuyên truyền cải cách hành chính năm 2025",
    )  # fmt: skip
    assert not [i for i in plan["issues"] if i["code"] == "field_not_found"]
    assert [(t["code"], [a["raw"] for a in t["lead"]]) for t in plan["tasks"]] == [
        ("1", ["Sở Nội vụ"])
    ]


# A footnote's mark closing a target's text, as Word's raised figure or as the plain figure
# a PDF's or web page's text layer gives: it stayed in the text ("... đạt 100%2"). The
# value column's figure is the target's value either way; a word ending in a figure of its
# own ("IPv6") keeps it.
FOOTNOTED = [
    # (text as printed, text read, the mark)
    ("Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình¹",
     "Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình", "¹"),
    ("Tỷ lệ văn bản trao đổi dưới dạng điện tử đạt 100%2",
     "Tỷ lệ văn bản trao đổi dưới dạng điện tử đạt 100%", "2"),
    ("Tỷ lệ người dân trưởng thành có chữ ký số cá nhân(3)",
     "Tỷ lệ người dân trưởng thành có chữ ký số cá nhân", "(3)"),
    ("Tỷ lệ hộ gia đình có Internet cáp quang băng rộng [4]",
     "Tỷ lệ hộ gia đình có Internet cáp quang băng rộng", "[4]"),
    ("Tỷ lệ hồ sơ thủ tục hành chính được số hóa toàn trình5",
     "Tỷ lệ hồ sơ thủ tục hành chính được số hóa toàn trình", "5"),
    ("Tỷ lệ cơ quan nhà nước có hạ tầng mạng hỗ trợ IPv6",
     "Tỷ lệ cơ quan nhà nước có hạ tầng mạng hỗ trợ IPv6", None),
    # a raised mark after a word ending in m or k that is no unit ("năm"): a mark
    ("Tỷ lệ thủ tục hành chính được rà soát, đơn giản hóa trong năm¹",
     "Tỷ lệ thủ tục hành chính được rà soát, đơn giản hóa trong năm", "¹"),
    # a figure a word takes, its space lost in the text layer ("mức độ 4"): no mark
    ("Tỷ lệ dịch vụ công trực tuyến mức độ4",
     "Tỷ lệ dịch vụ công trực tuyến mức độ4", None),
]  # fmt: skip


def test_footnote_marks_closing_target_texts(tmp_path: Path) -> None:
    head = _head(
        "Kon Tum", "102/KH-UBND", "ngày 20 tháng 3 năm 2025", "KẾ HOẠCH",
        "Chuyển đổi số tỉnh Kon Tum năm 2025",
    )  # fmt: skip
    rows = "".join(
        f"{i}\t{text}\t%\t{80 + i}\tSở Khoa học và Công nghệ\n"
        for i, (text, _, _) in enumerate(FOOTNOTED, start=1)
    )
    text = (
        head
        + "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n\n"
        + "**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n**Nguyễn Văn Hòa**\n\n"
        + "## **PHỤ LỤC I**\n\n**CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2025**\n\n"
        + "STT\tChỉ tiêu\tĐơn vị tính\tChỉ tiêu năm 2025\tCơ quan chủ trì\n"
        + rows
        + "\n_______________\n¹ Tính trên số thủ tục đủ điều kiện.\n2 Không tính văn bản mật.\n"
    )
    plan = _extract(tmp_path, "kontum_2025_kh102.txt", text)
    assert [(t["no"], t["text"], t["value"]) for t in plan["targets"]] == [
        (i, read, str(80 + i)) for i, (_, read, _) in enumerate(FOOTNOTED, start=1)
    ]
    dropped = [i["message"] for i in plan["issues"] if i["code"] == "footnote_mark_dropped"]
    assert dropped == [
        f"target {i}: footnote mark {mark!r} dropped from its text"
        for i, (_, _, mark) in enumerate(FOOTNOTED, start=1)
        if mark
    ]


# A web page's cells broken with <br>: a lead agency's name broken after its head word
# ("Văn phòng<br>UBND tỉnh") was read as two agencies, "Văn phòng" and "UBND tỉnh"; a name
# broken after "và" likewise.
BR_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 233/KH-UBND</title></head><body>
<div class="menu"><a href="/">Trang chủ</a></div>
<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH PHÚ YÊN</b><br>Số: 233/KH-UBND</td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>
<i>Phú Yên, ngày 09 tháng 6 năm 2025</i></td></tr></table>
<p align="center"><b>KẾ HOẠCH<br>Nâng cao Chỉ số cải cách hành chính tỉnh Phú Yên năm 2025</b></p>
<p>Căn cứ Quyết định số 876/QĐ-BNV ngày 10/11/2023 của Bộ Nội vụ;</p>
<table border="1" cellspacing="0">
<tr><th>TT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th>
<th>Thời gian thực hiện</th><th>Kinh phí<br>(triệu đồng)</th></tr>
<tr><td colspan="6"><b>I. Công tác chỉ đạo, điều hành</b></td></tr>
<tr><td>1</td><td>Ban hành kế hoạch khắc phục<br>các tiêu chí bị điểm thấp</td><td>Sở Nội vụ</td>
<td>Sở Tư pháp;<br>Văn phòng UBND tỉnh</td><td>Quý II/2025</td><td>50</td></tr>
<tr><td>2</td><td>Kiểm tra công tác cải cách hành chính</td><td>Sở Khoa học và<br>Công nghệ</td>
<td>Các sở, ban, ngành;<br>UBND các xã, phường</td><td>Quý III<br>và Quý IV/2025</td><td>120</td></tr>
<tr><td>3</td><td>Công bố, công khai thủ tục hành chính</td><td>Văn phòng<br>UBND tỉnh</td>
<td>Trung tâm<br>Phục vụ hành chính công tỉnh</td><td>Thường<br>xuyên</td><td></td></tr>
</table>
<table><tr><td><b><i>Nơi nhận:</i></b><br>- Bộ Nội vụ;<br>- Lưu: VT, NC.</td>
<td><b>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH</b><br><br><br><b>Đào Mỹ</b></td></tr></table>
</body></html>
"""


def test_names_broken_with_br_in_a_web_page(tmp_path: Path) -> None:
    plan = _extract(tmp_path, "phuyen_2025_kh233.html", BR_PAGE)
    got = [
        (t["code"], t["description"], [a["raw"] for a in t["lead"]],
         [a["raw"] for a in t["support"]], t["timeframe"]["text"], t["budget_million_vnd"])
        for t in plan["tasks"]
    ]  # fmt: skip
    assert got == [
        ("I.1", "Ban hành kế hoạch khắc phục các tiêu chí bị điểm thấp", ["Sở Nội vụ"],
         ["Sở Tư pháp", "Văn phòng UBND tỉnh"], "Quý II/2025", 50),
        ("I.2", "Kiểm tra công tác cải cách hành chính", ["Sở Khoa học và Công nghệ"],
         ["Các sở, ban, ngành", "UBND các xã, phường"], "Quý III và Quý IV/2025", 120),
        ("I.3", "Công bố, công khai thủ tục hành chính", ["Văn phòng UBND tỉnh"],
         ["Trung tâm Phục vụ hành chính công tỉnh"], "Thường xuyên", None),
    ]  # fmt: skip
    doc = plan["document"]
    assert (doc["doc_number"], doc["issued_date"], doc["signers"]) == (
        "233/KH-UBND", "2025-06-09", [{"name": "Đào Mỹ", "role": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"}],
    )  # fmt: skip


# A targets table whose item is split into sub-rows, each with its own value per year and
# its own lead ("2 | Tỷ lệ hồ sơ công việc ..." over "a) | Cấp tỉnh | % | 95 | 98 | 100"):
# the sub-rows were joined to the item as continuation rows ("95 80" for 2025, the leads
# run together). Each is a target of its own numbered under the item.
SUB_ROWS = """## **PHỤ LỤC I**

**CHỈ TIÊU CHÍNH PHỦ SỐ GIAI ĐOẠN 2025-2027**

STT\tChỉ tiêu\tĐơn vị tính\t2025\t2026\t2027\tCơ quan chủ trì
1\tTỷ lệ dịch vụ công trực tuyến toàn trình\t%\t75\t80\t85\tVăn phòng UBND tỉnh
2\tTỷ lệ hồ sơ công việc được xử lý trên môi trường mạng\t\t\t\t\tSở Khoa học và Công nghệ
a)\tCấp tỉnh\t%\t95\t98\t100\t
b)\tCấp xã\t%\t80\t90\t95\tUBND các xã, phường
3\tTỷ lệ cơ sở dữ liệu dùng chung được kết nối, chia sẻ\t%\t70\t85\t100\tSở Khoa học và Công nghệ
"""


def test_targets_split_into_sub_rows(tmp_path: Path) -> None:
    head = _head(
        "Hà Nam", "51/KH-UBND", "ngày 25 tháng 3 năm 2025", "KẾ HOẠCH",
        "Triển khai Chính phủ số tỉnh Hà Nam giai đoạn 2025-2027",
    )  # fmt: skip
    body = "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n\n"
    sign = "**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n**Lê Thị Thủy**\n\n"
    plan = _extract(tmp_path, "hanam_2025_kh51.txt", head + body + sign + SUB_ROWS)
    got = [
        (t["code"], t["text"], t["unit"], t["value"], t["values_by_year"],
         [a["raw"] for a in t["lead"]])
        for t in plan["targets"]
    ]  # fmt: skip
    item = "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"
    ksh = ["Sở Khoa học và Công nghệ"]
    assert got == [
        ("1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "85",
         {"2025": "75", "2026": "80", "2027": "85"}, ["Văn phòng UBND tỉnh"]),
        ("2", item, None, None, {}, ksh),
        ("2.a", f"{item}: Cấp tỉnh", "%", "100", {"2025": "95", "2026": "98", "2027": "100"},
         ksh),
        ("2.b", f"{item}: Cấp xã", "%", "95", {"2025": "80", "2026": "90", "2027": "95"},
         ["UBND các xã, phường"]),
        ("3", "Tỷ lệ cơ sở dữ liệu dùng chung được kết nối, chia sẻ", "%", "100",
         {"2025": "70", "2026": "85", "2027": "100"}, ksh),
    ]  # fmt: skip
    assert not [i for i in plan["issues"] if i["code"] == "row_continuation_merged"]


# A tasks table whose budget column spans two sub-columns, the total and a part of it
# ("Kinh phí (triệu đồng)" over "Tổng | Trong đó NSNN"), a products column before the
# timeframe and the agencies after it: the sub-header was not read as one (its words name
# no column alone), so its cells were errors ("cell 'Tổng' ... could not be placed") and the
# plan loaded with error-level issues. The amount is the total's; the part is not added.
BUDGET_SPLIT = """## **PHỤ LỤC**

**DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025**

TT\tNội dung nhiệm vụ\tSản phẩm\tThời gian hoàn thành\tĐơn vị chủ trì\tĐơn vị phối hợp\tKinh phí (triệu đồng)\t
\t\t\t\t\t\tTổng\tTrong đó NSNN
A\tCHÍNH QUYỀN SỐ\t\t\t\t\t\t
1\tXây dựng nền tảng tích hợp dữ liệu cấp tỉnh\tNền tảng LGSP\tQuý III/2025\tSở Khoa học và Công nghệ\tCác sở, ngành\t3.200\t3.000
2\tTriển khai hệ thống họp trực tuyến đến cấp xã\tHệ thống họp\tQuý II/2025\tVăn phòng UBND tỉnh\tUBND các xã, phường\t1.500,5\t1.500,5
B\tKINH TẾ SỐ\t\t\t\t\t\t
3\tHỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số\tDoanh nghiệp được hỗ trợ\tNăm 2025\tSở Công Thương\tHiệp hội Doanh nghiệp tỉnh\t\t
"""


def test_a_budget_column_over_its_total_and_a_part(tmp_path: Path) -> None:
    head = _head(
        "Lâm Đồng", "64/KH-UBND", "ngày 06 tháng 02 năm 2025", "KẾ HOẠCH",
        "Chuyển đổi số tỉnh Lâm Đồng năm 2025",
    )  # fmt: skip
    body = "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n\n"
    sign = "**TM. ỦY BAN NHÂN DÂN**\n**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n\n**Đinh Văn Tuấn**\n\n"
    plan = _extract(tmp_path, "lamdong_2025_kh64.txt", head + body + sign + BUDGET_SPLIT)
    got = [
        (t["code"], [a["raw"] for a in t["lead"]], [a["raw"] for a in t["support"]],
         t["timeframe"]["text"], t["budget_million_vnd"])
        for t in plan["tasks"]
    ]  # fmt: skip
    assert got == [
        ("A.1", ["Sở Khoa học và Công nghệ"], ["Các sở, ngành"], "Quý III/2025", 3200),
        ("A.2", ["Văn phòng UBND tỉnh"], ["UBND các xã, phường"], "Quý II/2025", 1500.5),
        ("B.3", ["Sở Công Thương"], ["Hiệp hội Doanh nghiệp tỉnh"], "Năm 2025", None),
    ]  # fmt: skip
    assert [t["products"] for t in plan["tasks"]] == [
        ["Nền tảng LGSP"], ["Hệ thống họp"], ["Doanh nghiệp được hỗ trợ"],
    ]  # fmt: skip
    assert not [i for i in plan["issues"] if i["severity"] == "error"]


# The signature's two columns written as TAB rows right after the tasks table (a text
# rendering of the borderless signature table): they were read as rows of the tasks table,
# so the last task took the distribution list as coordinating agencies and the signer as
# its timeframe, and no signer was found.
TAB_SIGNATURE = """STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tCác sở, ban, ngành\tQuý III/2025
2\tKhảo sát sự hài lòng của người dân\tSở Nội vụ\tUBND các xã, phường\tQuý IV/2025

Nơi nhận:\tTM. ỦY BAN NHÂN DÂN
- Bộ Nội vụ;\tKT. CHỦ TỊCH
- TT. Tỉnh ủy;\tPHÓ CHỦ TỊCH
- Lưu: VT, NC.\t
\tVương Quốc Nam
"""


def test_a_signature_written_as_rows_after_the_tasks_table(tmp_path: Path) -> None:
    head = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH SÓC TRĂNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 19/KH-UBND\tSóc Trăng, ngày 21 tháng 01 năm 2025\n\n"
        "KẾ HOẠCH\nCải cách hành chính tỉnh Sóc Trăng năm 2025\n\n"
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\n"
        "II. NHIỆM VỤ\n\n"
    )
    plan = _extract(tmp_path, "soctrang_2025_kh19.txt", head + TAB_SIGNATURE)
    got = [
        (t["code"], [a["raw"] for a in t["lead"]], [a["raw"] for a in t["support"]],
         t["timeframe"]["text"])
        for t in plan["tasks"]
    ]  # fmt: skip
    assert got == [
        ("1", ["Sở Tư pháp"], ["Các sở, ban, ngành"], "Quý III/2025"),
        ("2", ["Sở Nội vụ"], ["UBND các xã, phường"], "Quý IV/2025"),
    ]
    assert plan["document"]["signers"] == [
        {"name": "Vương Quốc Nam", "role": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"}
    ]
    assert not [i for i in plan["issues"] if i["code"] == "row_continuation_merged"]
