"""The header vocabulary: which column plays which role, found by its Vietnamese or English
header in any case, with or without diacritics (``Cơ quan``, ``Đơn vị``, ``agency``;
``Tử số``; ``Tỷ lệ (%)``)."""

from __future__ import annotations

import re

from extractors.normalize import fold

ROLES: dict[str, tuple[str, ...]] = {
    "agency": (
        "co quan",
        "co quan don vi",
        "don vi",
        "agency",
        "ten don vi",
        "ten co quan",
        "co quan bao cao",
        "don vi bao cao",
        "unit name",
    ),
    "indicator": (
        "chi tieu",
        "ma chi tieu",
        "indicator",
        "ten chi tieu",
        "indicator code",
        "indicator name",
        "noi dung chi tieu",
    ),
    "period": ("ky bao cao", "nam", "period", "ky", "thoi gian", "nam bao cao", "year"),
    "numerator": ("tu so", "numerator"),
    "denominator": ("mau so", "denominator"),
    "value": ("gia tri", "ty le", "value", "ket qua", "so lieu"),
    "unit": ("don vi tinh", "unit", "dvt"),
    "province": ("tinh", "province", "tinh thanh pho", "tinh thanh"),
    "row_no": ("stt", "tt", "so tt", "so thu tu", "no", "#"),  # ignored
}
NUMERIC_ROLES = ("numerator", "denominator", "value")


def header_key(header: str) -> str:
    """Fold a header and drop units in brackets: "Tỷ lệ (%)" -> "ty le"."""
    return fold(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header))


def map_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, h in enumerate(header):
        k = header_key(h)
        for role, names in ROLES.items():
            if role not in roles and k in names:
                roles[role] = i
                break
    return roles


def header_index(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:15]):
        if "agency" in map_roles(row):
            return i
    return None
