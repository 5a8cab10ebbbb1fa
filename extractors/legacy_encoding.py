"""Vietnamese text in legacy 8-bit encodings, as older provincial files still carry it.

TCVN3 (ABC) fonts put Vietnamese letters on Latin-1 code points, so text extracted from
such a PDF, or a text file read byte for byte, looks like "Uû ban nh©n d©n" for "Uỷ ban
nhân dân". ``detect`` recognises it by its letter statistics; ``from_tcvn3`` converts it.
VNI fonts write a base letter followed by an accent character ("nhaân daân"); VNI is
recognised and reported, not converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.document import Document, Paragraph, map_text
from extractors.errors import ExtractionError
from extractors.normalize import nfc

# TCVN3 (ABC) code point -> Unicode (lower case; the upper-case TCVN3 fonts reuse the same
# code points with capital glyphs, which no byte can tell apart).
_TCVN3 = {
    "µ": "à",
    "¶": "ả",
    "·": "ã",
    "¸": "á",
    "¹": "ạ",
    "¨": "ă",
    "»": "ằ",
    "¼": "ẳ",
    "½": "ẵ",
    "¾": "ắ",
    "Æ": "ặ",
    "©": "â",
    "Ç": "ầ",
    "È": "ẩ",
    "É": "ẫ",
    "Ê": "ấ",
    "Ë": "ậ",
    "®": "đ",
    "Ì": "è",
    "Î": "ẻ",
    "Ï": "ẽ",
    "Ð": "é",
    "Ñ": "ẹ",
    "ª": "ê",
    "Ò": "ề",
    "Ó": "ể",
    "Ô": "ễ",
    "Õ": "ế",
    "Ö": "ệ",
    "×": "ì",
    "Ø": "ỉ",
    "Ü": "ĩ",
    "Ý": "í",
    "Þ": "ị",
    "ß": "ò",
    "á": "ỏ",
    "â": "õ",
    "ã": "ó",
    "ä": "ọ",
    "«": "ô",
    "å": "ồ",
    "æ": "ổ",
    "ç": "ỗ",
    "è": "ố",
    "é": "ộ",
    "¬": "ơ",
    "ê": "ờ",
    "ë": "ở",
    "ì": "ỡ",
    "í": "ớ",
    "î": "ợ",
    "ï": "ù",
    "ñ": "ủ",
    "ò": "ũ",
    "ó": "ú",
    "ô": "ụ",
    "\u00ad": "ư",
    "õ": "ừ",
    "ö": "ử",
    "÷": "ữ",
    "ø": "ứ",
    "ù": "ự",
    "ú": "ỳ",
    "û": "ỷ",
    "ü": "ỹ",
    "ý": "ý",
    "þ": "ỵ",
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
}
_TCVN3_TABLE = str.maketrans(_TCVN3)
# TCVN3 code points that are not themselves letters of Unicode Vietnamese text
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_MARKERS = re.compile(
    "[" + re.escape("".join(k for k in _TCVN3 if k not in _VIET_LATIN1)) + "]"
)
_UNICODE_VIET = re.compile("[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
# VNI: a base letter followed by one of its accent characters ("aø", "aâ", "eá", "oå" ...)
_VNI_PAIRS = re.compile("[aeiouyAEIOUY][ùøûõïâêôöáàåãäéèëíìîñòóúÙØÛÕÏÂÊÔÖÁÀÅÃÄÉÈËÍÌÎÑÒÓÚ]")


def detect(text: str) -> str:
    """'unicode', 'tcvn3', 'vni' or 'unknown' for a stretch of Vietnamese text.

    >>> detect("Uû ban nh©n d©n tØnh"), detect("Ủy ban nhân dân tỉnh")
    ('tcvn3', 'unicode')
    >>> detect("UÛY BAN NHAÂN DAÂN TÆNH LONG AN. Nhieäm vuï caûi caùch")
    'vni'
    """
    viet = len(_UNICODE_VIET.findall(text))
    tcvn3 = len(_TCVN3_MARKERS.findall(text))
    vni = len(_VNI_PAIRS.findall(text))
    words = max(len(text.split()), 1)
    if viet >= max(3, tcvn3, vni):
        return "unicode"
    if vni >= 3 and vni >= 0.6 * tcvn3 and vni / words > 0.1:
        return "vni"  # accents follow their vowels
    if tcvn3 >= 2 and tcvn3 / words > 0.05:
        return "tcvn3"  # letters replaced one for one
    return "unicode" if viet else "unknown"


def from_tcvn3(text: str) -> str:
    """Convert TCVN3 (ABC) text to Unicode.

    >>> from_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    return text.translate(_TCVN3_TABLE)


VNI_REFUSED = (
    "VNI-encoded Vietnamese text; convert it to Unicode (e.g. with UniKey's "
    "converter) and submit it again"
)
TCVN3_NOTE = "converted from the TCVN3 (ABC) encoding"


def apply_legacy(doc: Document, path: str) -> Document:
    """Convert a document set in a TCVN3 font; refuse a VNI one with a clear error."""
    sample = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))[:20000]
    kind = detect(sample)
    if kind == "vni":
        raise ExtractionError(path, VNI_REFUSED)
    if kind == "tcvn3":
        return map_text(doc, lambda t: nfc(from_tcvn3(t)), TCVN3_NOTE)
    return doc


_FROM_TCVN3 = str.maketrans({v: k for k, v in _TCVN3.items()})
# a word a TCVN3 letter marks, between spaces or a CSV's separators
_TCVN3_WORD = re.compile(r"[^\s;,|]*" + _TCVN3_MARKERS.pattern + r"[^\s;,|]*")
# a text the conversion leaves as it is: ASCII, and the byte-order mark a CSV may start with
_PLAIN = re.compile(r"[\x00-\x7f\ufeff]*")
TCVN3_HEAD = 65536  # characters of a file looked at for TCVN3 letters


@dataclass(frozen=True)
class ResavedTcvn3:
    """Text typed in a TCVN3 font and saved as UTF-8 (``TØnh`` for ``Tỉnh``)."""

    converted: str | None  # the text in Unicode, when the conversion is exact; else None
    sample: str  # a word as written, and as converted ("'TØnh' for 'Tỉnh'")

    @property
    def warning(self) -> str:
        return f"the text is TCVN3 (ABC) text saved as UTF-8 ({self.sample}): {TCVN3_NOTE}"

    @property
    def refusal(self) -> str:
        return (
            f"the text looks like TCVN3 (ABC) text re-saved as UTF-8 ({self.sample}), mixed "
            "with other text, so it cannot be converted exactly; convert it to Unicode "
            "(e.g. with UniKey's converter) and submit it again"
        )


def resaved_tcvn3(text: str) -> ResavedTcvn3 | None:
    """Whether ``text`` is TCVN3 text that was saved as UTF-8 (None: it is not), and its
    conversion when that is exact: every letter a TCVN3 one, so the Unicode text converts
    back to the very text written.

    >>> resaved_tcvn3("C¬ quan;Gi¸ trÞ\\nSë Y tÕ;80")
    ResavedTcvn3(converted='Cơ quan;Giá trị\\nSở Y tế;80', sample="'C¬' for 'Cơ'")
    >>> resaved_tcvn3("C¬ quan;Gi¸ trÞ\\nSở Y tế;80").converted is None
    True
    >>> resaved_tcvn3("Cơ quan;Giá trị\\nSở Y tế;80") is None
    True
    """
    if detect(text[:TCVN3_HEAD]) != "tcvn3":
        return None
    word = _TCVN3_WORD.search(text)
    sample = f"'{word[0]}' for '{nfc(from_tcvn3(word[0]))}'" if word else "''"
    converted = nfc(from_tcvn3(text))
    exact = _PLAIN.fullmatch(text.translate({ord(k): None for k in _TCVN3}))
    if not exact or nfc(converted).translate(_FROM_TCVN3) != text:
        return ResavedTcvn3(None, sample)
    return ResavedTcvn3(converted, sample)
