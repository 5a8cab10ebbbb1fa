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
            # (any case: text from an upper-case TCVN3 font converts to lower-case letters)
            return named_province(m[0], any_case=True)
    return None


def named_province(text: str, any_case: bool = False) -> str | None:
    """The province after the first "tỉnh" / "thành phố" / "TP." that names one, in running
    text ("... của tỉnh Hậu Giang năm 2023") or in capitals ("SỞ NỘI VỤ TỈNH LONG AN",
    "BÁO CÁO NĂM 2023 - TỈNH LONG AN (LẦN 2)"): the one definition of "province from TỈNH X".

    >>> named_province("Kế hoạch cải cách hành chính năm 2022 của tỉnh Hậu Giang")
    'Hậu Giang'
    >>> named_province("SỞ NỘI VỤ TỈNH LONG AN"), named_province("BÁO CÁO NĂM 2023")
    ('Long An', None)
    >>> named_province("BÁO CÁO NĂM 2023 - TỈNH LONG AN (LẦN 2)")
    'Long An'

    ``any_case``: a name in lower case counts too (an issuer line, where the kind word is
    the issuer's own).
    """
    for m in p.PROVINCE_NAMED.finditer(text):
        name = _name_words(m["rest"], any_case)
        if name:
            return title_case(name)
    return None


# Words that open what a title says after the province's name (its period, its submission,
# its subject), never a word of a province's name (reference/provinces.csv): lower case,
# with marks ("năm" is not "Nam" of Nam Định).
AFTER_THE_NAME = frozenset({
    "năm", "quý", "tháng", "lần", "đợt", "kỳ", "giai", "báo", "về", "đến", "từ", "ngày",
    "số", "kết", "theo", "gửi", "bản", "của", "và", "trên", "tính", "lũy", "sau", "trước",
    "cập", "chính", "thức", "tại", "đối", "với", "phụ", "lục", "biểu", "mẫu", "tổng", "hợp",
})  # fmt: skip
# Words that open an agency's own name after its UBND's province in a two-line issuer
# ("UBND TỈNH PHÚ THỌ" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ"): no province's name holds one.
AGENCY_HEADS = frozenset({
    "sở", "ban", "bộ", "phòng", "văn", "trung", "chi", "cục", "thanh", "công", "kho",
    "bảo", "hội", "đài", "báo", "ủy", "uỷ", "ubnd", "hđnd", "ngân", "trường", "viện",
})  # fmt: skip
_DASHES = {"-", "–", "—"}
MAX_NAME_WORDS = 4  # "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"


def _name_words(rest: str, any_case: bool = False) -> str:
    """The province's own words at the start of ``rest``: capitalised words (a name) up to
    a word in lower case or one of ``AFTER_THE_NAME``; a dash between two name words is
    kept ("Bà Rịa - Vũng Tàu"), one closing them is not ("Tây Ninh - bản cập nhật")."""
    name: list[str] = []
    for word in rest.split():
        if word in _DASHES:
            name.append(word)
            continue
        if not (any_case or word[0].isupper()) or word.lower() in AFTER_THE_NAME:
            break
        if name and word.lower() in AGENCY_HEADS and not _second_word_of_name(name, word):
            break
        name.append(word)
        if sum(w not in _DASHES for w in name) == MAX_NAME_WORDS:
            break
    while name and name[-1] in _DASHES:
        name.pop()
    return " ".join(name)


# A province whose name's second word is an agency head: "Hải Phòng" (a Phòng, an office,
# never sits directly under a province's UBND, so a one-word name before it is this one).
_NAME_ENDS_IN_HEAD = frozenset({("hải", "phòng")})


def _second_word_of_name(name: list[str], word: str) -> bool:
    """
    >>> _second_word_of_name(["HẢI"], "PHÒNG"), _second_word_of_name(["HUẾ"], "SỞ")
    (True, False)
    """
    return len(name) == 1 and (name[0].lower(), word.lower()) in _NAME_ENDS_IN_HEAD


def title_case(name: str) -> str:
    """ "LONG AN" -> "Long An" (spaces squashed)."""
    return " ".join(w.capitalize() for w in name.split())
