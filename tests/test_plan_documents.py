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
