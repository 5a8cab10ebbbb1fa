"""A commune's plan after the 2025 reorganisation (two-level local government: the province
and its communes, phường and đặc khu; no district): the issuer names only the commune, the
title names its province ("... xã Tân Hội Đông, tỉnh Đồng Tháp"). Read through ``parplan
extract``; synthetic plans, the expected fields written by hand.

The province was null (exit 0): the plan belonged to no province.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import extract_cli

PLAN = """{issuer}

Số: 18/KH-UBND

{place}, ngày 05 tháng 01 năm 2026

**KẾ HOẠCH**

**{title}**

Ủy ban nhân dân ban hành Kế hoạch cải cách hành chính năm 2026 với các nhiệm vụ tại Phụ lục.

**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

**Lê Thị Hồng**

## **PHỤ LỤC**

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
1\tNiêm yết thủ tục hành chính\tVăn phòng HĐND và UBND xã\tPhòng Kinh tế\tQuý I/2026
"""

CASES = [
    # a commune of a merged province: the title names it
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI ĐÔNG", "Tân Hội Đông",
     "Cải cách hành chính năm 2026 trên địa bàn xã Tân Hội Đông, tỉnh Đồng Tháp", "Đồng Tháp"),
    # a phường of a centrally-run city
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG BẾN THÀNH", "Bến Thành",
     "Cải cách hành chính năm 2026 của phường Bến Thành, Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    # a special zone (đặc khu)
    ("ỦY BAN NHÂN DÂN\nĐẶC KHU PHÚ QUỐC", "Phú Quốc",
     "Cải cách hành chính năm 2026 của đặc khu Phú Quốc, tỉnh An Giang", "An Giang"),
    # a commune whose title names no province: none, never a guess
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI ĐÔNG", "Tân Hội Đông",
     "Cải cách hành chính năm 2026 của xã Tân Hội Đông", None),
    # a ministry whose title names a province it helps: a ministry has no province
    ("BỘ NỘI VỤ", "Hà Nội",
     "Cải cách hành chính năm 2026 hỗ trợ tỉnh Điện Biên", None),
]  # fmt: skip


@pytest.mark.parametrize(("issuer", "place", "title", "province"), CASES)
def test_a_commune_plan_has_its_province(
    issuer: str, place: str, title: str, province: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.format(issuer=issuer, place=place, title=title), encoding="utf-8")
    doc = extract_cli(path)["document"]
    assert (doc["issuer"], doc["province"]) == (" ".join(issuer.split()), province)
