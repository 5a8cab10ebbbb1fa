"""UTF-8 text read as Windows-1252 and saved again as UTF-8: "Sá»Ÿ Ná»™i vá»¥" for "Sở Nội
vụ", as a UTF-8 CSV without its byte-order mark comes back from Excel on a Western Windows.

Each byte of a letter became a letter of its own, so the text converts back exactly: every
character to its Windows-1252 byte (a byte Windows-1252 leaves undefined, 0x81 0x8D 0x8F
0x90 0x9D, kept as its own code point, as Windows reads it), the bytes read as UTF-8. A text
is taken for such only on evidence: its head carries the pairs the toned letters become
("á»", "áº", "Æ°", "Ä‘"), every character has its byte, the bytes are UTF-8, and the text
they make has Vietnamese letters. (TCVN3 text saved as UTF-8 shares some of these
characters, and is told apart by the bytes not making UTF-8.)
"""

from __future__ import annotations

import re

from extractors.normalize import nfc

HEAD = 65536  # characters of a file looked at for the pairs
NOTE = (
    "the file's UTF-8 text had been read as Windows-1252 and saved again ('Sá»Ÿ' for 'Sở'): "
    "converted back; save the CSV as 'CSV UTF-8' to be sure"
)
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_BYTE_OF = {(chr(b) if b in _UNDEFINED else bytes([b]).decode("cp1252")): b for b in range(256)}
# what the lead bytes of the toned letters (E1 BA, E1 BB), ư / ơ (C6 B0, C6 A1) and đ / Đ
# (C4 91, C4 90) become when read as Windows-1252
_PAIRS = re.compile("á[º»]|Æ[°¡]|Ä[‘\u0090]")
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")


def resaved_utf8(text: str) -> str | None:
    """The text as first written (NFC) when ``text`` is UTF-8 text read as Windows-1252 and
    saved again; None when it is not (or does not convert back whole).

    >>> resaved_utf8("CÆ¡ quan;GiÃ¡ trá»‹\\nSá»Ÿ Y táº¿;80")
    'Cơ quan;Giá trị\\nSở Y tế;80'
    >>> resaved_utf8("Cơ quan;Giá trị\\nSở Y tế;80") is None
    True
    """
    if not _PAIRS.search(text[:HEAD]):
        return None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    try:
        first = bytes(_BYTE_OF[c] for c in text[len(bom) :]).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    return bom + nfc(first) if _VIETNAMESE.search(first[:HEAD]) else None


def garbled_sample(text: str) -> str | None:
    """A word of ``text`` that shows the pairs ('Sá»Ÿ'), when its head carries them three
    times or more (None: it does not): a text read as Windows-1252 and saved again that no
    longer converts back (a byte lost on the way, written as '?').

    >>> garbled_sample("Sá»Ÿ Ná»™i vá»¥;Äáº?u tÆ°"), garbled_sample("Sở Nội vụ") is None
    ('Sá»Ÿ', True)
    """
    head = text[:HEAD]
    if len(_PAIRS.findall(head)) < 3:
        return None
    word = re.search(r"[^\s;,|]*(?:" + _PAIRS.pattern + r")[^\s;,|]*", head)
    return word[0] if word else None


def refusal(sample: str) -> str:
    """Why a text read as Windows-1252 and saved again is refused, naming a word of it."""
    return (
        f"the file's UTF-8 text was read as Windows-1252 and saved again ('{sample}'), and it "
        "lost characters on the way, so it cannot be converted back; send the file as it was "
        "first saved, or save it again from the original as 'CSV UTF-8'"
    )
