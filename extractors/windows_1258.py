"""Text saved as Windows-1258 (Vietnamese ANSI), as older office software still saves a CSV.

Windows-1258 writes most toned letters as a base letter and a combining tone mark (``ở`` is
``ơ`` + U+0309), so the text is composed again (NFC) after decoding: the names then read as
the same letters typed in Unicode.

A file is read as Windows-1258 only on evidence: its bytes are not UTF-8, every byte is one
Windows-1258 defines, the text has Vietnamese letters, and the bytes outside ASCII are not
mostly UTF-8 letters (a UTF-8 file with one damaged line stays UTF-8: its good text would
read as garbage, and the damaged line is named instead). Windows-1258 puts its letters and
tone marks at 0xC0-0xFF, which UTF-8 uses only to start a character, so Vietnamese text in
Windows-1258 hardly ever forms a well-made UTF-8 character, and UTF-8 Vietnamese always does.
"""

from __future__ import annotations

import re

from extractors.normalize import nfc

CODEC = "cp1258"
# what the sender of a file read as Windows-1258 is told
READ_AS_WINDOWS_1258 = (
    "the file is not UTF-8: read as Windows-1258 (Vietnamese ANSI, as older office software "
    "saves a CSV), its letters composed as Unicode; save it as UTF-8 to be sure"
)
NAME = "Windows-1258"
# a well-formed UTF-8 character beyond ASCII: a lead byte and its continuation bytes
_UTF8_CHAR = re.compile(
    rb"""[\xc2-\xdf][\x80-\xbf]              # two bytes
       | [\xe0-\xef][\x80-\xbf]{2}           # three (every toned Vietnamese letter)
       | [\xf0-\xf4][\x80-\xbf]{3}           # four
    """,
    re.VERBOSE,
)
_NOT_ASCII = re.compile(rb"[\x80-\xff]")
# a letter only Vietnamese writes: the toned vowels (precomposed), ă â đ ê ô ơ ư
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")


def as_windows_1258(data: bytes) -> str | None:
    """The text of bytes saved as Windows-1258 (composed, NFC); None when they are UTF-8,
    or not Vietnamese text in Windows-1258.

    >>> as_windows_1258("Sở Nội vụ;Tỷ lệ".encode("utf-8")) is None
    True
    >>> as_windows_1258(b"S\\xf5\\xd2 N\\xf4\\xf2i vu\\xf2")
    'Sở Nội vụ'
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    in_utf8 = sum(len(c) for c in _UTF8_CHAR.findall(data))
    if in_utf8 >= len(_NOT_ASCII.findall(data)) - in_utf8:  # mostly UTF-8: damaged UTF-8
        return None
    try:
        text = nfc(data.decode(CODEC))
    except UnicodeDecodeError:  # a byte Windows-1258 leaves undefined
        return None
    return text if _VIETNAMESE.search(text) else None
