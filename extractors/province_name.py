"""The province a heading names: the issuer line of a plan ("ỦY BAN NHÂN DÂN TỈNH LONG
AN", "UBND THÀNH PHỐ CẦN THƠ") or a title ("... của tỉnh Long An"), one definition for the
plan's decision and the metric file's title rows."""

from __future__ import annotations

from collections.abc import Iterable

from extractors import patterns as p


def issuer_province(lines: Iterable[str]) -> str | None:
    """The province of the first issuer line among ``lines``.

    >>> issuer_province(["CỘNG HÒA XÃ HỘI", "ỦY BAN NHÂN DÂN TỈNH LONG AN"])
    'Long An'
    >>> issuer_province(["UBND THÀNH PHỐ CẦN THƠ"]), issuer_province(["Sở Nội vụ"])
    ('Cần Thơ', None)
    """
    for line in lines:
        m = p.ISSUER_PROVINCE.search(line)
        if m:
            return title_case(m["name"])
    return None


def named_province(text: str) -> str | None:
    """A province named in running text ("tỉnh Long An", "thành phố Cần Thơ"), or closing
    a line in capitals ("SỞ NỘI VỤ TỈNH LONG AN").

    >>> named_province("Kế hoạch cải cách hành chính năm 2022 của tỉnh Hậu Giang")
    'Hậu Giang'
    >>> named_province("SỞ NỘI VỤ TỈNH LONG AN"), named_province("BÁO CÁO NĂM 2023")
    ('Long An', None)
    """
    m = p.PROVINCE_IN_TITLE.search(text) or p.PROVINCE_AT_LINE_END.search(text.strip())
    return title_case(m["name"]) if m else None


def title_case(name: str) -> str:
    """ "LONG AN" -> "Long An" (spaces squashed)."""
    return " ".join(w.capitalize() for w in name.split())
