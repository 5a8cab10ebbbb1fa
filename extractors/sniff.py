"""What a file holds, from its first bytes (never its name): the one definition the plan
reader, the metric reader and the ingest's classification share."""

from __future__ import annotations

import io
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
    if b"\x00" in data[:TEXT_SAMPLE]:
        return "binary"
    return "text"


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
