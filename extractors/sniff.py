"""What a file holds, from its first bytes (never its name): the one definition the plan
reader, the metric reader and the ingest's classification share."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

# "zip": a ZIP that is neither a Word document nor a workbook, or one that cannot be read
Container = Literal["empty", "pdf", "docx", "xlsx", "zip", "parquet", "xls", "binary", "text"]

MAGIC: tuple[tuple[bytes, Container], ...] = (
    (b"%PDF", "pdf"),
    (b"PAR1", "parquet"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),  # the OLE2 container of legacy Office files
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # the byte-order marks of UTF-16 text
TEXT_SAMPLE = 4096  # bytes looked at for a NUL: text never has one
# UTF-16 without a byte-order mark: the share of its 16-bit units whose high byte is NUL (a
# Vietnamese text's ASCII letters, digits, separators and line ends are most of its units)
UTF16_NUL_SHARE = 0.25


def sniff(data: bytes) -> Container:
    """The container of a file (``data``: the file, or its first bytes).

    >>> sniff(b"%PDF-1.7"), sniff(b"PAR1..."), sniff("Số: 1".encode()), sniff(b"")
    ('pdf', 'parquet', 'text', 'empty')
    >>> sniff(b"PK\\x03\\x04 cut short"), sniff(b"\\x00\\x01")
    ('zip', 'binary')
    """
    if not data:
        return "empty"
    if data.startswith(UTF16_BOMS):  # Excel's "Unicode text": text with NULs in it
        return "text"
    for magic, container in MAGIC:
        if data.startswith(magic):
            return _inside_zip(data) if container == "zip" else container
    if b"\x00" in data[:TEXT_SAMPLE]:  # binary data, or UTF-16 text without its mark
        return "text" if utf16_codec(data) else "binary"
    return "text"


def utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 text (``data``: the file, or its first bytes): "utf-16" when it
    starts with its byte-order mark, "utf-16-le" or "utf-16-be" when it has none but its
    NULs fall on alternate bytes (the high byte of its ASCII characters) and its first bytes
    decode that way to text (no control characters but tab and line ends); else None.

    >>> utf16_codec("Cơ quan\\tGiá trị\\r\\n".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_codec("\\ufeffCơ quan".encode("utf-16-le")), utf16_codec(bytes(range(8)) * 4)
    ('utf-16', None)
    """
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    sample = data[: TEXT_SAMPLE - TEXT_SAMPLE % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)  # NULs per byte position
    if not sample or max(even, odd) < UTF16_NUL_SHARE * (len(sample) // 2):
        return None
    codec = "utf-16-be" if even > odd else "utf-16-le"
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not merely a pair of surrogates cut at the end
            return None
        text = sample[: exc.start].decode(codec)
    return None if _CONTROL.search(text) else codec


# control characters no text has (tab, line feed and carriage return are text)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _inside_zip(data: bytes) -> Container:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"
