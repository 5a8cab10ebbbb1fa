"""What a file holds, from its first bytes (never its name): the one definition the plan
reader, the metric reader and the ingest's classification share."""

from __future__ import annotations

import csv
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


# the separators a CSV's fields are told apart by, in the order a tie is settled
SEPARATORS = (";", ",", "\t")
# a separator some exports write; chosen only when the lines prove it (see ``separator``)
PIPE = "|"
SNIFF_LINES = 5  # lines whose separators are counted


def separator(lines: list[str]) -> str:
    """The separator of a CSV's first lines: the one written most often (``;`` first on a
    tie), or ``|`` when it is written more than any of them and proves itself
    (``pipe_proof``).

    >>> separator(["Cơ quan;Giá trị", "Sở Y tế;80,5"]), separator(["a|b|c", "d|e|f"])
    (';', '|')
    >>> separator(["a|b|c", "d|e"])
    ';'
    """
    head = lines[:SNIFF_LINES]
    counts = {s: sum(ln.count(s) for ln in head) for s in SEPARATORS}
    sep = max(counts, key=lambda s: (counts[s], s == ";"))
    pipes = sum(ln.count(PIPE) for ln in head)
    if pipes > counts[sep] and pipe_proof(lines) is None:
        return PIPE
    return sep


def pipe_proof(lines: list[str]) -> str | None:
    """Why ``|`` is not proven the separator of these lines (None: it is): every line
    holding one (a title line above the table holds none) must split into as many fields,
    at least three."""
    widths = [
        (n, len(fields))
        for n, fields in enumerate(csv.reader(lines, delimiter=PIPE), start=1)
        if len(fields) > 1
    ]
    if not widths:
        return "no line holds it"
    first = widths[0]
    other = next((w for w in widths if w[1] != first[1]), None)
    if other:
        return (
            f"line {first[0]} has {first[1]} fields, line {other[0]} has {other[1]}: "
            "the lines do not agree"
        )
    return None if first[1] >= 3 else f"line {first[0]} has only {first[1]} fields"


def separator_hint(lines: list[str]) -> str | None:
    """What a refusal says of a head whose lines hold ``|`` between fields that do not
    prove it the separator (None: no ``|`` written more than the usual separators)."""
    head = lines[:SNIFF_LINES]
    pipes = sum(ln.count(PIPE) for ln in head)
    if pipes <= max(sum(ln.count(s) for ln in head) for s in SEPARATORS):
        return None
    why = pipe_proof(lines)
    return None if why is None else f"the fields seem separated by '|', but {why}"
