"""A programme or plan of action: the heading "CHƯƠNG TRÌNH HÀNH ĐỘNG" (or "KẾ HOẠCH HÀNH
ĐỘNG") on its own line, the title under it opening with "Thực hiện Nghị quyết ..." - the
usual shape of a province's programme carrying out a Party resolution. Through ``parplan
extract``; the fields written by hand from the header.

Before: "HÀNH ĐỘNG" was taken as the whole title and the line under it as the body's
opening ("Thực hiện ..."), so the title read "Chương trình HÀNH ĐỘNG", the topic 'other'
(the title's "chuyển đổi số" unseen) and the period null - every undated task lost its
dates, with only a field_not_found warning about the period.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import extract_cli

TITLE = (
    "Thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới "
    "sáng tạo và chuyển đổi số giai đoạn 2026 - 2030"
)


def _plan(heading: str, number: str) -> str:
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH ĐẮK LẮK",
            "",
            f"Số: {number}",
            "",
            "Đắk Lắk, ngày 25 tháng 02 năm 2026",
            "",
            f"**{heading}**",
            "",
            f"**{TITLE}**",
            "",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "",
            "Cụ thể hóa các nhiệm vụ của tỉnh; các nhiệm vụ tại Phụ lục.",
            "",
            "**TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH**",
            "",
            "**Phạm Ngọc Nghị**",
            "",
            "## **PHỤ LỤC**",
            "",
            "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn",
            "1\tBan hành cơ chế hỗ trợ khởi nghiệp sáng tạo\tSở Khoa học và Công nghệ\t"
            "Sở Tài chính\tNăm 2026",
            "",
        ]
    )


CASES = [  # heading as printed -> (kind, title)
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "07/CTr-UBND", ("programme", f"Chương trình hành động {TITLE}")),
    ("KẾ HOẠCH HÀNH ĐỘNG", "07/KH-UBND", ("plan", f"Kế hoạch hành động {TITLE}")),
    # the heading alone: the title under it as before
    ("CHƯƠNG TRÌNH", "07/CTr-UBND", ("programme", f"Chương trình {TITLE}")),
]


@pytest.mark.parametrize(("heading", "number", "expected"), CASES)
def test_the_title_under_an_action_heading(
    heading: str, number: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "ctr.txt"
    path.write_text(_plan(heading, number), encoding="utf-8")
    doc = extract_cli(path)["document"]
    assert (doc["kind"], doc["title"]) == expected
    assert (doc["topic"], doc["plan_period"], doc["signer"]) == (
        "digital",
        {"start": 2026, "end": 2030},
        "Phạm Ngọc Nghị",
    )
